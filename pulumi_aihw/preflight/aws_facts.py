"""Pure AWS facts: what ``DescribeInstanceTypes`` says about accelerators, how it
compares with the catalog (catalog drift), and which EC2 vCPU quota covers an
instance family. No boto3 here: these functions read plain response dicts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pulumi_aihw.catalog.catalog import normalize_name
from pulumi_aihw.catalog.models import Accelerator, Offering
from pulumi_aihw.vocab import PurchaseOption

MEMORY_TOLERANCE = 0.10
"""Relative difference in per-chip memory still counted as a match: AWS reports usable
MiB (L40S 45776 MiB = 44.7 GiB for a 48 GB card) and sources mix GB and GiB."""

KNOWN_MEMORY_QUIRKS: dict[str, str] = {
    "trainium2": (
        "AWS reports 524288 MiB per Trainium2 device, which is wrong; the Neuron docs give "
        "96 GiB (hardware_notes.md section 2, item 6)"
    ),
}
"""Accelerators whose AWS-reported memory is known to be wrong: not reported as drift."""


@dataclass(frozen=True, slots=True)
class AwsAccelerators:
    """The accelerators of one instance type as ``DescribeInstanceTypes`` reports them."""

    kind: str
    """``GpuInfo``, ``NeuronInfo`` or ``InferenceAcceleratorInfo``."""
    name: str
    count: float
    """Devices per instance; fractional for partitioned GPUs (g6f: 0.25)."""
    memory_mib_per_chip: float | None
    """Memory of one whole chip in MiB (partition memory scaled up to the whole GPU)."""


@dataclass(frozen=True, slots=True)
class AwsInstanceFacts:
    instance_type: str
    vcpus: int | None
    accelerators: AwsAccelerators | None


def instance_facts(described: Mapping[str, Any]) -> AwsInstanceFacts:
    """Facts from one ``InstanceTypes`` entry of a ``DescribeInstanceTypes`` response."""
    vcpus = described.get("VCpuInfo", {}).get("DefaultVCpus")
    return AwsInstanceFacts(
        instance_type=str(described.get("InstanceType", "")),
        vcpus=int(vcpus) if vcpus is not None else None,
        accelerators=_accelerators(described),
    )


def _accelerators(d: Mapping[str, Any]) -> AwsAccelerators | None:
    for kind, list_key in (
        ("NeuronInfo", "NeuronDevices"),
        ("GpuInfo", "Gpus"),
        ("InferenceAcceleratorInfo", "Accelerators"),
    ):
        devices = d.get(kind, {}).get(list_key) or []
        if not devices:
            continue
        dev = devices[0]
        count = float(dev.get("Count") or 0)
        share = dev.get("GpuPartitionSize")
        memory = dev.get("MemoryInfo", {}).get("SizeInMiB")
        chip_memory = float(memory) if memory is not None else None
        if share is not None and 0 < float(share) < 1:
            count = float(dev.get("LogicalGpuCount") or 1) * float(share)
            chip_memory = chip_memory / float(share) if chip_memory is not None else None
        return AwsAccelerators(kind, str(dev.get("Name") or ""), count, chip_memory)
    return None


def names_match(aws_name: str, acc: Accelerator) -> bool:
    """``H100`` matches ``h100-sxm``; ``A100`` matches both A100s (memory tells them
    apart); ``Inferentia2`` does not match ``inferentia``."""
    name = normalize_name(aws_name)
    if not name:
        return False
    labels = {normalize_name(x) for x in (acc.id, acc.name, *acc.aliases)}
    return any(
        name == label or label.startswith(f"{name}-") or name.startswith(f"{label}-")
        for label in labels
    )


@dataclass(frozen=True, slots=True)
class Drift:
    """Differences between AWS and the catalog (empty ``differences``: none)."""

    aws: str
    catalog: str
    differences: tuple[str, ...]
    notes: tuple[str, ...] = ()


def compare(facts: AwsInstanceFacts, offering: Offering, acc: Accelerator) -> Drift:
    """Compare accelerator name, count and per-chip memory with the catalog row."""
    cat_mem = "unknown memory" if acc.memory_gib is None else f"{acc.memory_gib:g} GiB each"
    catalog = f"{offering.accelerators_per_unit:g} x {acc.id} ({acc.name}), {cat_mem}"
    a = facts.accelerators
    if a is None:
        return Drift("no accelerators", catalog, ("AWS reports no accelerators for the type",))
    aws_mem = (
        "memory not reported"
        if a.memory_mib_per_chip is None
        else f"{a.memory_mib_per_chip:g} MiB ({a.memory_mib_per_chip / 1024:.1f} GiB) each"
    )
    aws = f"{a.count:g} x {a.name}, {aws_mem}"
    diffs: list[str] = []
    notes: list[str] = []
    if not names_match(a.name, acc):
        diffs.append(f"accelerator {a.name} is not {acc.id}")
    if abs(a.count - offering.accelerators_per_unit) > 1e-6:
        diffs.append(f"count {a.count:g} vs {offering.accelerators_per_unit:g}")
    if a.memory_mib_per_chip is not None and acc.memory_gib is not None:
        aws_gib = a.memory_mib_per_chip / 1024
        if abs(aws_gib - acc.memory_gib) > MEMORY_TOLERANCE * acc.memory_gib:
            quirk = KNOWN_MEMORY_QUIRKS.get(acc.id)
            if quirk:
                notes.append(f"known AWS quirk: {quirk}")
            else:
                diffs.append(f"memory {aws_gib:.1f} GiB vs {acc.memory_gib:g} GiB per chip")
    return Drift(aws, catalog, tuple(diffs), tuple(notes))


@dataclass(frozen=True, slots=True)
class QuotaFamily:
    """One EC2 running-instances vCPU quota family and its Service Quotas codes."""

    name: str
    on_demand_code: str
    spot_code: str | None
    """``None`` where no spot quota code is known."""

    def code(self, purchase_option: PurchaseOption) -> str | None:
        return self.spot_code if purchase_option is PurchaseOption.SPOT else self.on_demand_code


_STANDARD = QuotaFamily("Standard (A, C, D, H, I, M, R, T, Z)", "L-1216C47A", "L-34B43A08")

QUOTA_FAMILIES: dict[str, QuotaFamily] = {
    "p": QuotaFamily("P", "L-417A185B", "L-7212CCBC"),
    "g": QuotaFamily("G and VT", "L-DB2E81BA", "L-3819A6DF"),
    "gr": QuotaFamily("G and VT", "L-DB2E81BA", "L-3819A6DF"),
    "vt": QuotaFamily("G and VT", "L-DB2E81BA", "L-3819A6DF"),
    "inf": QuotaFamily("Inf", "L-1945791B", "L-B5D1601B"),
    "trn": QuotaFamily("Trn", "L-2C3B7624", "L-6B0D517C"),
    "dl": QuotaFamily("DL", "L-6E869C2A", None),
    **{letter: _STANDARD for letter in "acdhimrtz"},
}
"""Instance family prefix -> quota family (units: vCPUs; docs/cloud-fakes.md)."""

_FAMILY = re.compile(r"^([a-z]+)")


def quota_family(instance_type: str) -> QuotaFamily | None:
    """``p5en.48xlarge`` -> P; ``g6e.xlarge`` -> G and VT; ``None`` if unknown (F, X, ...)."""
    m = _FAMILY.match(instance_type.lower())
    return QUOTA_FAMILIES.get(m.group(1)) if m else None
