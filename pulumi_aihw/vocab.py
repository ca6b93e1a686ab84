"""Shared vocabulary: the closed sets of names the spec, catalog and planner agree on."""

from __future__ import annotations

from enum import Enum


class StrEnum(str, Enum):
    """A str-valued enum that prints as its value (``enum.StrEnum`` is 3.11+)."""

    __str__ = str.__str__  # the plain value, fast (as enum.StrEnum does)

    @classmethod
    def values(cls) -> list[str]:
        return [m.value for m in cls]


class Phase(StrEnum):
    TRAINING = "training"
    FINE_TUNING = "fine-tuning"
    INFERENCE = "inference"


class Precision(StrEnum):
    FP32 = "fp32"
    BF16 = "bf16"
    FP16 = "fp16"
    FP8 = "fp8"
    INT8 = "int8"
    FP4 = "fp4"
    INT4 = "int4"


class LinkClass(StrEnum):
    """How the chips of one tensor-parallel group talk to each other."""

    NVLINK = "nvlink"
    XGMI = "xgmi"
    PCIE = "pcie"
    ICI = "ici"
    NEURONLINK = "neuronlink"
    ETHERNET = "ethernet"


class Framework(StrEnum):
    PYTORCH = "pytorch"
    JAX = "jax"
    TENSORFLOW = "tensorflow"
    ONNX = "onnx"
    VLLM = "vllm"


class Portability(StrEnum):
    REQUIRED = "required"
    PREFERRED = "preferred"
    NONE = "none"


class PurchaseOption(StrEnum):
    ON_DEMAND = "on-demand"
    SPOT = "spot"
    RESERVED = "reserved"
    CAPACITY_BLOCK = "capacity-block"


class PowerBasis(StrEnum):
    """Where a power figure comes from."""

    PUBLISHED = "published"
    """A vendor TDP or board power."""
    MEASURED = "measured"
    """Measured by the vendor (TPU v4: mean over production workloads)."""
    ESTIMATE = "estimate"
    """Derived from relative claims or analyst figures; always carries a range."""
    UNKNOWN = "unknown"


class Deployment(StrEnum):
    CLOUD = "cloud"
    BARE_METAL = "bare-metal"


class Family(StrEnum):
    GPU = "gpu"
    TPU = "tpu"
    INFERENTIA = "inferentia"
    TRAINIUM = "trainium"
    GAUDI = "gaudi"


class Provider(StrEnum):
    """Providers the catalog prices. ``owned`` is the user's own inventory."""

    AWS = "aws"
    GCP = "gcp"
    AZURE = "azure"
    HETZNER = "hetzner"
    QUBRID = "qubrid"
    HOTAISLE = "hotaisle"
    OWNED = "owned"


class Objective(StrEnum):
    COST = "cost"
    POWER = "power"
    BALANCED = "balanced"
    PERF_PER_WATT = "perf-per-watt"
    """Most tokens per kWh (training: least energy for the run)."""
    PERF_PER_DOLLAR = "perf-per-dollar"
    """Most tokens per dollar at the estimated throughput (training: cheapest run)."""


class LockInLevel(StrEnum):
    NONE = "none"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return _LOCK_RANK[self]


_LOCK_RANK = {
    LockInLevel.NONE: 0,
    LockInLevel.LOW: 1,
    LockInLevel.MEDIUM: 2,
    LockInLevel.HIGH: 3,
}
