"""Which OS image an Azure GPU VM boots, and how big its OS disk is. Pure data and parsing.

Defaults, by the series' driver stack (``catalog/azure_sizes.py``):

- CUDA: ``microsoft-dsvm:ubuntu-hpc:2204:latest``, the Azure HPC/AI image (Ubuntu 22.04 with
  the NVIDIA driver, CUDA, NCCL and the InfiniBand stack), which Microsoft recommends for ND
  H100 v5 ("Ubuntu-HPC 20.4/22.04 ... are supported", its size page) and lists as supported
  in Azure/azhpc-images' README.
- ROCm: ``microsoft-dsvm:ubuntu-hpc:2204-rocm:latest``, the same image with the AMD driver,
  ROCm and InfiniBand, as Microsoft's ND MI300X v5 guides use.
- GRID (NVads A10 v5, partial GPUs): Canonical Ubuntu 22.04 Gen2
  (``canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:latest``) with the NVIDIA GPU
  driver extension (``Microsoft.HpcCompute/NvidiaGpuDriverLinux``), which installs the GRID
  driver on that series (Azure/azhpc-extensions ``NvidiaGPU/Nvidia-GPU-Linux-Resources.json``:
  "NVadsA10_v5 Series": "GRID").
- Arm64 CUDA (ND GB200 v6, Grace hosts): none verified; set ``deploy.azure.image``.

``latest`` resolves when a VM is created; pin a version (``...:2204:22.04.2025030701``) to
upgrade on your schedule.

OS disk: ``ceil_10(256 + copies x weights x 1.2)`` GiB, at most 4,095 (``disk.py``). 256 GB is
the OS disk Microsoft's ND MI300X v5 examples give the HPC image; the image's own size is
not published, so it is the room for the image and its tools. Model data belongs on the
sizes' local NVMe disks (28 TB on ND H100/H200/MI300X v5) or Azure storage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pulumi_aihw.catalog.azure_sizes import Stack

IMAGE_BASE_GIB = 256
"""Room for the HPC/AI image and its tools on the OS disk (see the module docstring)."""
OS_DISK_MAX_GIB = 4095
"""Largest Azure OS disk."""
GPU_DRIVER_EXTENSION = ("Microsoft.HpcCompute", "NvidiaGpuDriverLinux", "1.3")
"""(publisher, type, handler version) of the NVIDIA GPU driver extension for GRID sizes: the
version in the template of Microsoft's "NVIDIA GPU Driver Extension for Linux" page (localized
copies show 1.2 and 1.3); minor versions upgrade automatically."""


@dataclass(frozen=True, slots=True)
class ImageRef:
    """A marketplace image (``publisher:offer:sku:version``) or an image resource id."""

    publisher: str | None = None
    offer: str | None = None
    sku: str | None = None
    version: str | None = None
    resource_id: str | None = None

    @property
    def urn(self) -> str:
        if self.resource_id:
            return self.resource_id
        return f"{self.publisher}:{self.offer}:{self.sku}:{self.version}"

    def reference(self) -> dict[str, str]:
        """The ``imageReference`` of a VM or scale set (engine argument names)."""
        if self.resource_id:
            return {"id": self.resource_id}
        return {
            "publisher": str(self.publisher),
            "offer": str(self.offer),
            "sku": str(self.sku),
            "version": str(self.version),
        }


DEFAULT_IMAGES: dict[Stack, ImageRef] = {
    "cuda": ImageRef("microsoft-dsvm", "ubuntu-hpc", "2204", "latest"),
    "rocm": ImageRef("microsoft-dsvm", "ubuntu-hpc", "2204-rocm", "latest"),
    "grid": ImageRef("canonical", "0001-com-ubuntu-server-jammy", "22_04-lts-gen2", "latest"),
}
NO_DEFAULT: dict[Stack, str] = {
    "arm64-cuda": "its Arm64 Grace hosts need an Arm64 image, and aihw knows no verified one",
}

IMAGE_FORMS = (
    "publisher:offer:sku:version (e.g. microsoft-dsvm:ubuntu-hpc:2204:latest), or an image "
    "or gallery image resource id (/subscriptions/.../images/NAME or .../galleries/G/images/I"
    "[/versions/V])"
)
_URN = re.compile(r"^([\w.-]+):([\w.-]+):([\w.-]+):([\w.-]+)$")
_ID = re.compile(
    r"^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Compute/"
    r"(images/[^/]+|galleries/[^/]+/images/[^/]+(/versions/[^/]+)?)$",
    re.IGNORECASE,
)


def parse_image(value: str) -> ImageRef | None:
    """``deploy.azure.image`` as an :class:`ImageRef`, or ``None`` if it has no known form."""
    text = value.strip()
    m = _URN.match(text)
    if m:
        return ImageRef(*m.groups())
    if _ID.match(text):
        return ImageRef(resource_id=text)
    return None
