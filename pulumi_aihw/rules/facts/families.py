"""Family-level facts for a type the catalog does not know: what is certain without a price.

An instance, machine or accelerator type missing from the catalog (``g6.8xlarge``,
``g5g.xlarge``, a TPU ``v3-8``, a K80) still tells its accelerator family, and often its
accelerator: every ``g6`` size the catalog knows carries an NVIDIA L4, so a ``g6.8xlarge``
does too. The vendor SDK and lock-in follow from the family (every TPU needs XLA/libtpu);
cost and power do not (the count per unit is unknown), and the rules say "not evaluated:
unknown offering" for them.

The name patterns are the one table kept here by hand (``tests/test_hand_tables.py``
checks that every catalog offering matches the pattern of its own family).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pulumi_aihw.catalog.azure_sizes import series_of
from pulumi_aihw.catalog.catalog import Catalog
from pulumi_aihw.catalog.models import Accelerator
from pulumi_aihw.catalog.tpu import is_tpu_machine_type, is_tpu_name
from pulumi_aihw.vocab import Family

AWS_FAMILY_PATTERNS: tuple[tuple[re.Pattern[str], Family], ...] = (
    (re.compile(r"^(p\d|g\d|gr\d)"), Family.GPU),
    (re.compile(r"^inf\d"), Family.INFERENTIA),
    (re.compile(r"^trn\d"), Family.TRAINIUM),
    (re.compile(r"^dl\d"), Family.GAUDI),
)
"""EC2 instance families with accelerators: p and g (GPUs: p5, g6e, gr6), inf (Inferentia),
trn (Trainium), dl1 (Gaudi). AWS's "Accelerated computing" instance list."""

GCP_GPU_SERIES = re.compile(r"^(a[2-9]x?|g[2-9])-")
"""Compute Engine GPU machine series (a2, a3, a4, g2); ``g1-small`` is a shared-core VM."""

AZURE_GPU_SIZES = re.compile(r"^Standard_N[CDVG]\d", re.IGNORECASE)
"""Azure's GPU sizes: the NC, ND, NV and NG series (NP is FPGA, which aihw does not plan)."""

GCP_GPU_ACCELERATOR = re.compile(r"^nvidia-")
"""Compute Engine GPU accelerator types (``nvidia-tesla-t4``, ``nvidia-h100-80gb``)."""


@dataclass(frozen=True)
class FamilyFacts:
    """What a type tells without the catalog's row for it."""

    family: Family
    accelerator: Accelerator | None
    """Set when every catalog type of the same series carries this one accelerator."""
    basis: str
    """Why: "every g6 size in the catalog carries the NVIDIA L4", "a TPU type"."""

    def describe(self) -> str:
        what = self.accelerator.name if self.accelerator else f"{self.family} family"
        return f"{what} ({self.basis})"


def aws_family(instance_type: str) -> Family | None:
    for pattern, family in AWS_FAMILY_PATTERNS:
        if pattern.match(instance_type):
            return family
    return None


def _series(provider: str, name: str) -> str:
    """``g6.8xlarge`` -> ``g6``; ``a3-highgpu-4g`` -> ``a3-highgpu``;
    ``Standard_NC40ads_H100_v5`` -> ``NCads-H100-v5`` (``catalog/azure_sizes.py``)."""
    if provider == "aws":
        return name.split(".", 1)[0]
    if provider == "azure":
        series = series_of(name)
        return series.name if series is not None else name
    return name.rsplit("-", 1)[0]


@functools.lru_cache(maxsize=16)
def _series_accelerators(catalog: Catalog, provider: str) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for o in catalog.offerings:
        if str(o.provider) == provider:
            out.setdefault(_series(provider, o.offering), set()).add(o.accelerator_id)
    return {k: frozenset(v) for k, v in out.items()}


def _sibling_accelerator(catalog: Catalog, provider: str, name: str) -> Accelerator | None:
    found = _series_accelerators(catalog, provider).get(_series(provider, name), frozenset())
    return catalog.accelerator(next(iter(found))) if len(found) == 1 else None


def _facts(catalog: Catalog, provider: str, name: str, family: Family, what: str) -> FamilyFacts:
    acc = _sibling_accelerator(catalog, provider, name)
    if acc is not None:
        series = _series(provider, name)
        return FamilyFacts(family, acc, f"every {series} type in the catalog carries it")
    return FamilyFacts(family, None, what)


def for_aws_type(catalog: Catalog, instance_type: str) -> FamilyFacts | None:
    """Family facts of an EC2 (or SageMaker ``ml.``) instance type; ``None``: no accelerator."""
    name = instance_type.removeprefix("ml.")
    family = aws_family(name)
    if family is None:
        return None
    return _facts(
        catalog, "aws", name, family, f"{name.split('.', 1)[0]} instances carry {family}s"
    )


def for_gcp_machine_type(catalog: Catalog, machine_type: str) -> FamilyFacts | None:
    """Family facts of a Compute Engine machine type (GPU series, TPU node types)."""
    if is_tpu_machine_type(machine_type):
        return FamilyFacts(Family.TPU, None, "a TPU machine type")
    if GCP_GPU_SERIES.match(machine_type):
        return _facts(catalog, "gcp", machine_type, Family.GPU, "a GPU machine series")
    return None


def for_azure_size(catalog: Catalog, size: str) -> FamilyFacts | None:
    """Family facts of an Azure VM size (the N-series GPU sizes); ``None``: no GPU."""
    if not AZURE_GPU_SIZES.match(size):
        return None
    series = series_of(size)
    what = f"a {series.name} size" if series else "an Azure N-series (GPU) size"
    return _facts(catalog, "azure", size, Family.GPU, what)


def for_gcp_accelerator(name: str) -> FamilyFacts | None:
    """Family facts of a guest accelerator or TPU type the catalog does not name."""
    if GCP_GPU_ACCELERATOR.match(name):
        return FamilyFacts(Family.GPU, None, f"{name} is an NVIDIA GPU the catalog does not know")
    if is_tpu_name(name):
        return FamilyFacts(
            Family.TPU, None, f"{name} is a TPU generation the catalog does not know"
        )
    return None


def family_sdk(catalog: Catalog, family: Family) -> str | None:
    """The vendor SDK every catalog accelerator of ``family`` needs; ``None`` if they differ
    (GPUs: CUDA or ROCm)."""
    sdks = {a.vendor_sdk for a in catalog.accelerators if a.family is family}
    return next(iter(sdks)) if len(sdks) == 1 else None
