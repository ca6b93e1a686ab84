"""Judging Azure answers: resource SKU restrictions and capabilities against the catalog and
the target's settings, and vCPU usages against what the plan needs. Pure.

Quotas (``Microsoft.Compute/locations/usages``): on-demand and reserved VMs count against
the size family's quota (the SKU's ``family``, e.g. ``standardNDSH100v5Family``) and the
regional total (``cores``); Spot VMs against the regional Spot quota (``lowPriorityCores``).
"""

from __future__ import annotations

from typing import Any

from pulumi_aihw.catalog.azure_sizes import series_of
from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.preflight.models import Check, CheckName, Status
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.vocab import PurchaseOption

MEMORY_TOLERANCE = 0.10
"""Memory may differ this much (sources mix GB and GiB)."""
REGIONAL_TOTAL = "cores"
SPOT_TOTAL = "lowPriorityCores"


def capabilities(sku: dict[str, Any]) -> dict[str, str]:
    return {str(c.get("name")): str(c.get("value")) for c in sku.get("capabilities", [])}


def restrictions(sku: dict[str, Any]) -> tuple[bool, list[str], str]:
    """(restricted in the whole region, restricted zones, reason codes)."""
    region_wide = False
    zones: list[str] = []
    reasons: list[str] = []
    for r in sku.get("restrictions", []):
        reasons.append(str(r.get("reasonCode") or "restricted"))
        if r.get("type") == "Location":
            region_wide = True
        elif r.get("type") == "Zone":
            zones.extend(r.get("restrictionInfo", {}).get("zones", []))
    return region_wide, sorted(set(zones)), ", ".join(sorted(set(reasons)))


def _num(caps: dict[str, str], key: str) -> float | None:
    try:
        return float(caps[key])
    except (KeyError, ValueError):
        return None


def drift(cand: Candidate, caps: dict[str, str]) -> Check:
    """Do the SKU's vCPUs, memory and GPUs match the catalog row?"""
    o = cand.offering
    found = {"vCPUs": _num(caps, "vCPUs"), "memory GB": _num(caps, "MemoryGB")}
    ours = {"vCPUs": o.vcpus, "memory GB": o.memory_gib}
    if o.accelerators_per_unit >= 1:  # partial GPUs (NVads A10 v5) are not counted in GPUs
        found["GPUs"] = _num(caps, "GPUs")
        ours["GPUs"] = o.accelerators_per_unit
    diffs = []
    for key, theirs in found.items():
        mine = ours[key]
        if theirs is None or mine is None:
            continue
        tolerance = MEMORY_TOLERANCE if key == "memory GB" else 0.0
        if abs(theirs - mine) > tolerance * mine:
            diffs.append(f"{key} {theirs:g} (catalog {mine:g})")
    if diffs:
        return Check(
            CheckName.CATALOG_DRIFT,
            Status.WARN,
            f"catalog drift for {o.offering}: Azure reports {'; '.join(diffs)}. To fix: refresh "
            "or correct catalog-src/azure/vm_sizes.csv",
        )
    shown = ", ".join(f"{k} {v:g}" for k, v in found.items() if v is not None)
    return Check(
        CheckName.CATALOG_DRIFT, Status.PASS, f"{o.offering}: Azure reports {shown}, as cataloged"
    )


def security_check(cand: Candidate, spec: WorkloadSpec, caps: dict[str, str]) -> Check:
    """Can the size run with the Trusted Launch and encryption-at-host settings the target
    will use (``TrustedLaunchDisabled``, ``EncryptionAtHostSupported`` capabilities)?"""
    azure = spec.deploy.azure
    size = cand.offering.offering
    series = series_of(size)
    trusted = azure.trusted_launch
    if trusted is None:
        trusted = series.trusted_launch if series is not None else False
    problems = []
    if trusted and caps.get("TrustedLaunchDisabled", "False").lower() == "true":
        problems.append(
            "Trusted Launch is disabled for the size here (TrustedLaunchDisabled). To fix: set "
            "deploy.azure.trusted_launch: false"
        )
    if azure.encryption_at_host and caps.get("EncryptionAtHostSupported", "").lower() != "true":
        problems.append(
            "encryption at host is not supported by the size (EncryptionAtHostSupported is not "
            "True). To fix: set deploy.azure.encryption_at_host: false"
        )
    if problems:
        return Check(CheckName.SECURITY_FEATURES, Status.FAIL, f"{size}: " + "; ".join(problems))
    used = [
        name
        for name, on in (
            ("Trusted Launch", trusted),
            ("encryption at host", azure.encryption_at_host),
        )
        if on
    ]
    what = " and ".join(used) if used else "no Trusted Launch or encryption at host (as set)"
    return Check(CheckName.SECURITY_FEATURES, Status.PASS, f"{size} supports {what}")


def quota_checks(
    cand: Candidate,
    spec: WorkloadSpec,
    region: str,
    sku: dict[str, Any] | None,
    usages: list[dict[str, Any]],
) -> list[Check]:
    """The family (or Spot) quota and the regional total against units x vCPUs."""
    size = cand.offering.offering
    vcpus = _num(capabilities(sku), "vCPUs") if sku else None
    vcpus = vcpus or cand.offering.vcpus
    name = CheckName.VCPU_QUOTA
    if vcpus is None:
        return [Check(name, Status.WARN, f"vCPUs of {size} unknown; quota not checked")]
    units = cand.units or 1
    needed = int(units * vcpus)
    by_name = {str(u.get("name", {}).get("value")): u for u in usages}
    spot = spec.constraints.purchase_option is PurchaseOption.SPOT
    wanted = [SPOT_TOTAL] if spot else [str(sku.get("family")) if sku else "", REGIONAL_TOTAL]
    out = []
    for quota in wanted:
        usage = by_name.get(quota)
        if usage is None:
            out.append(Check(name, Status.WARN, f"no quota '{quota}' in {region}; not checked"))
            continue
        out.append(_quota(size, region, units, int(vcpus), needed, usage))
    return out


def _quota(
    size: str, region: str, units: int, vcpus: int, needed: int, usage: dict[str, Any]
) -> Check:
    label = usage.get("name", {}).get("localizedValue") or usage.get("name", {}).get("value")
    quota = usage.get("name", {}).get("value")
    limit, used = float(usage.get("limit", 0)), float(usage.get("currentValue", 0))
    free = limit - used
    need = f"{needed} vCPUs ({units} x {size} x {vcpus} vCPUs)"
    if free >= needed:
        return Check(
            CheckName.VCPU_QUOTA,
            Status.PASS,
            f"{label} in {region}: {free:g} of {limit:g} vCPUs free; the plan needs {need}",
        )
    return Check(
        CheckName.VCPU_QUOTA,
        Status.FAIL,
        f"{label} in {region}: {free:g} of {limit:g} vCPUs free ({used:g} in use) but the plan "
        f"needs {need}. To fix: request a quota increase for '{quota}' to at least "
        f"{used + needed:g} (Azure portal: Quotas > Compute) or choose another size or region",
    )
