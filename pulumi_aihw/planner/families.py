"""Hardware families the plan compares side by side: the one owner of the family key.

The catalog's accelerator ``Family`` says what a chip is (GPU, TPU, Inferentia, ...);
the comparison a team makes is between ways of buying inference or training, so GPUs
split by vendor (CUDA and ROCm are different software stacks) and bare-metal servers
form their own families, owned (the inventory) or rented (ordered from a provider),
whatever their GPUs: power and operations are the team's own there.
"""

from __future__ import annotations

from pulumi_aihw.catalog.models import Accelerator
from pulumi_aihw.vocab import Deployment, Family, Provider, StrEnum


class HardwareFamily(StrEnum):
    """The families of the side-by-side comparison, in report order."""

    NVIDIA_GPU = "nvidia-gpu"
    AMD_GPU = "amd-gpu"
    OTHER_GPU = "other-gpu"
    TPU = "tpu"
    INFERENTIA = "inferentia"
    TRAINIUM = "trainium"
    GAUDI = "gaudi"
    BARE_METAL_OWNED = "bare-metal-owned"
    BARE_METAL_RENTED = "bare-metal-rented"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def order(self) -> int:
        return _ORDER[self]


_LABELS = {
    HardwareFamily.NVIDIA_GPU: "NVIDIA GPU",
    HardwareFamily.AMD_GPU: "AMD GPU",
    HardwareFamily.OTHER_GPU: "GPU (other vendor)",
    HardwareFamily.TPU: "TPU",
    HardwareFamily.INFERENTIA: "Inferentia",
    HardwareFamily.TRAINIUM: "Trainium",
    HardwareFamily.GAUDI: "Gaudi",
    HardwareFamily.BARE_METAL_OWNED: "bare metal owned",
    HardwareFamily.BARE_METAL_RENTED: "bare metal rented",
}
_ORDER = {f: i for i, f in enumerate(HardwareFamily)}

GPU_VENDORS: dict[str, HardwareFamily] = {
    "NVIDIA": HardwareFamily.NVIDIA_GPU,
    "AMD": HardwareFamily.AMD_GPU,
}
"""Accelerator vendor (as the catalog spells it) -> GPU family. A GPU vendor missing
here lands in ``other-gpu``; ``tests/test_registries.py`` names any catalog vendor
that does."""

ACCELERATOR_FAMILIES: dict[Family, HardwareFamily] = {
    Family.TPU: HardwareFamily.TPU,
    Family.INFERENTIA: HardwareFamily.INFERENTIA,
    Family.TRAINIUM: HardwareFamily.TRAINIUM,
    Family.GAUDI: HardwareFamily.GAUDI,
}
"""Non-GPU accelerator families, one comparison family each."""


def hardware_family(
    acc: Accelerator, deployment: Deployment | str, provider: Provider | str
) -> HardwareFamily:
    """The comparison family of ``acc`` sold as ``deployment`` by ``provider``."""
    if str(deployment) == Deployment.BARE_METAL.value:
        owned = str(provider) == Provider.OWNED.value
        return HardwareFamily.BARE_METAL_OWNED if owned else HardwareFamily.BARE_METAL_RENTED
    if acc.family is Family.GPU:
        return GPU_VENDORS.get(acc.vendor, HardwareFamily.OTHER_GPU)
    return ACCELERATOR_FAMILIES[acc.family]
