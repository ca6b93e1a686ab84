"""TPU slice naming, the way Google names accelerator types.

For v2, v3, v4 and v5p the number in a slice name counts TensorCores (2 per
chip): ``v5p-8`` is 4 chips. For v5e (``v5litepod``) and v6e it counts chips:
``v6e-8`` is 8 chips. Hosts: v4 and v5p put 4 chips on a host; v5e and v6e put
up to 8 chips on one host for single-host slices and 4 per host beyond that.
(Google Cloud TPU docs for v4, v5e, v5p, v6e and "TPU software versions".)
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TpuGeneration:
    accelerator_id: str
    prefix: str
    """Accelerator-type prefix: ``v4``, ``v5litepod``, ``v5p``, ``v6e``."""
    cores_per_chip: int
    """2 where the slice suffix counts TensorCores, 1 where it counts chips."""
    chips_per_host: int
    single_host_max_chips: int
    """Largest slice served by one host."""
    slice_chips: tuple[int, ...]
    """Slice sizes (in chips) users order, smallest first."""
    runtime_version: str
    """Default TPU software (runtime) version for PyTorch and JAX."""
    gke_machine_prefix: str
    """Series of the GKE node machine types (``ct5lp`` in ``ct5lp-hightpu-4t``); the
    suffix counts the chips on the node (Google's "Plan TPUs in GKE" machine-type table)."""

    def slice_name(self, chips: int) -> str:
        return f"{self.prefix}-{chips * self.cores_per_chip}"

    def hosts(self, chips: int) -> int:
        if chips <= self.single_host_max_chips:
            return 1
        return -(-chips // self.chips_per_host)


TPU_GENERATIONS: dict[str, TpuGeneration] = {
    g.accelerator_id: g
    for g in (
        TpuGeneration(
            accelerator_id="tpu-v4",
            prefix="v4",
            cores_per_chip=2,
            chips_per_host=4,
            single_host_max_chips=4,
            slice_chips=(4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048),
            runtime_version="tpu-ubuntu2204-base",
            gke_machine_prefix="ct4p",
        ),
        TpuGeneration(
            accelerator_id="tpu-v5e",
            prefix="v5litepod",
            cores_per_chip=1,
            chips_per_host=4,
            single_host_max_chips=8,
            slice_chips=(1, 4, 8, 16, 32, 64, 128, 256),
            runtime_version="v2-alpha-tpuv5-lite",
            gke_machine_prefix="ct5lp",
        ),
        TpuGeneration(
            accelerator_id="tpu-v5p",
            prefix="v5p",
            cores_per_chip=2,
            chips_per_host=4,
            single_host_max_chips=4,
            slice_chips=(4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 3072, 6144),
            runtime_version="v2-alpha-tpuv5",
            gke_machine_prefix="ct5p",
        ),
        TpuGeneration(
            accelerator_id="tpu-v6e",
            prefix="v6e",
            cores_per_chip=1,
            chips_per_host=4,
            single_host_max_chips=8,
            slice_chips=(1, 4, 8, 16, 32, 64, 128, 256),
            runtime_version="v2-alpha-tpuv6e",
            gke_machine_prefix="ct6e",
        ),
    )
}

_BY_PREFIX = {g.prefix: g for g in TPU_GENERATIONS.values()}
_SLICE = re.compile(r"^(?:tpu-)?(v4|v5litepod|v5p|v6e)-(\d+)$")


def parse_slice_name(name: str) -> tuple[TpuGeneration, int] | None:
    """``v5p-8`` -> (v5p generation, 4 chips); ``None`` if not a TPU slice name."""
    m = _SLICE.match(name.strip().lower())
    if not m:
        return None
    gen = _BY_PREFIX[m.group(1)]
    number = int(m.group(2))
    if number % gen.cores_per_chip:
        return None
    return gen, number // gen.cores_per_chip


_GKE_MACHINE = re.compile(r"^([a-z0-9]+)-(?:hightpu|standard)-(\d+)t$")
_BY_GKE_PREFIX = {g.gke_machine_prefix: g for g in TPU_GENERATIONS.values()}


def parse_gke_machine_type(name: str) -> tuple[TpuGeneration, int] | None:
    """``ct5lp-hightpu-4t`` -> (v5e generation, 4 chips on the node); ``None`` for other
    machine types, and for TPU machine series the catalog does not know."""
    m = _GKE_MACHINE.match(name.strip().lower())
    if not m or m.group(1) not in _BY_GKE_PREFIX:
        return None
    return _BY_GKE_PREFIX[m.group(1)], int(m.group(2))


def is_tpu_machine_type(name: str) -> bool:
    """Any GKE TPU node machine type (``ct6e-standard-8t``, ``tpu7x-standard-4t``), known or not."""
    return bool(_GKE_MACHINE.match(name.strip().lower()))


_TPU_NAME = re.compile(r"^(?:tpu-)?v\d+[a-z]*(?:pod)?-\d+$|^(?:v\d+[a-z]*|tpu\d+x?)$")


def is_tpu_name(name: str) -> bool:
    """Any TPU accelerator type or generation as the TPU APIs write them (``v3-8``, ``v2``,
    ``v5litepod-16``, ``tpu7x``), whether or not the catalog knows the generation."""
    return bool(_TPU_NAME.match(name.strip().lower()))


def generation_for(accelerator_id: str) -> TpuGeneration | None:
    return TPU_GENERATIONS.get(accelerator_id)


TENSORFLOW_TPU_VERSION = "2.18.0"
"""TensorFlow release of the default TensorFlow TPU software version."""


def runtime_version(gen: TpuGeneration, frameworks: list[str], chips: int) -> str:
    """The TPU software version for a slice (Google's "TPU software versions" page).

    PyTorch and JAX use the generation's common version; TensorFlow uses
    ``tpu-vm-tf-x.y.z[-pod]-pjrt`` (``-pod`` on multi-host slices).
    """
    if "tensorflow" in frameworks:
        pod = "-pod" if gen.hosts(chips) > 1 else ""
        return f"tpu-vm-tf-{TENSORFLOW_TPU_VERSION}{pod}-pjrt"
    return gen.runtime_version
