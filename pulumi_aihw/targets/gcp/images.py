"""Which boot image and disk type a GPU VM gets. Pure data and parsing.

Default images are Google's Deep Learning VM images (project
``deeplearning-platform-release``), chosen by family so that a new ``pulumi up`` takes
the family's current image:

- PyTorch or vLLM in ``frameworks``: ``pytorch-2-7-cu128-ubuntu-2204-nvidia-570``
  (PyTorch 2.7, CUDA 12.8, NVIDIA driver 570, Ubuntu 22.04; vLLM installs on it);
- otherwise (JAX, TensorFlow, ONNX): ``common-cu128-ubuntu-2204-nvidia-570``, the
  framework-free base with the same CUDA and driver; install the framework on it.

Driver 570 is the first branch that supports B200 (A4) besides H200, H100, A100 and L4.
Family names as used in public Terraform and gcloud examples (the code search, 2025-26);
Google retires families over time, so ``deploy.gcp.image`` overrides the default.

Boot disk types: A3 Ultra (H200) and A4 (B200) VMs boot from Hyperdisk Balanced (Vertex
AI's DiskSpec defaults A3 Ultra boot disks to ``hyperdisk-balanced``; these series take
no Persistent Disk); the other series boot from ``pd-balanced``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DLVM_PROJECT = "deeplearning-platform-release"
DLVM_PYTORCH = "pytorch-2-7-cu128-ubuntu-2204-nvidia-570"
DLVM_COMMON = "common-cu128-ubuntu-2204-nvidia-570"
PYTORCH_FRAMEWORKS = frozenset({"pytorch", "vllm"})
"""Frameworks the PyTorch image serves (vLLM runs on PyTorch)."""

HYPERDISK_SERIES = frozenset({"a3-ultragpu", "a4-highgpu"})
"""Machine series whose boot disk must be Hyperdisk."""
DISK_MAX_GIB: dict[str, int] = {"pd-balanced": 65_536, "hyperdisk-balanced": 65_536}
"""Largest disk of each type, GiB (64 TiB)."""


@dataclass(frozen=True, slots=True)
class ImageRef:
    """A Compute Engine image to look up: by family (its current image) or by name."""

    project: str | None
    """The image's project; ``None`` means the deploying project."""
    family: str | None = None
    name: str | None = None

    @property
    def path(self) -> str:
        what = f"family/{self.family}" if self.family else str(self.name)
        return f"projects/{self.project or '<project>'}/global/images/{what}"


def default_image(frameworks: list[str]) -> ImageRef:
    """The Deep Learning VM image family matched to the workload's frameworks."""
    family = DLVM_PYTORCH if PYTORCH_FRAMEWORKS & set(frameworks) else DLVM_COMMON
    return ImageRef(project=DLVM_PROJECT, family=family)


_FULL = re.compile(
    r"^(?:https://www\.googleapis\.com/compute/v1/)?projects/(?P<project>[a-z][-a-z0-9.:]*)"
    r"/global/images/(?:family/(?P<family>[a-z][-a-z0-9]*)|(?P<name>[a-z][-a-z0-9]*))$"
)
_BARE = re.compile(r"^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$")

IMAGE_FORMS = (
    "projects/PROJECT/global/images/family/FAMILY, projects/PROJECT/global/images/IMAGE, "
    "or IMAGE (an image of the deploying project)"
)


def parse_image(value: str) -> ImageRef | None:
    """``deploy.gcp.image`` as an :class:`ImageRef`, or ``None`` if it has no known form."""
    m = _FULL.match(value.strip())
    if m:
        return ImageRef(project=m["project"], family=m["family"], name=m["name"])
    if _BARE.match(value.strip()):
        return ImageRef(project=None, name=value.strip())
    return None


def boot_disk_type(series: str) -> str:
    return "hyperdisk-balanced" if series in HYPERDISK_SERIES else "pd-balanced"
