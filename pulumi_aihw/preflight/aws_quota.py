"""Judging AWS answers that need arithmetic: the vCPU quota against what the plan
needs, and Capacity Block offerings against the count, duration and zones."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.preflight.aws_clients import error_code
from pulumi_aihw.preflight.aws_facts import QuotaFamily
from pulumi_aihw.preflight.memo import Memo
from pulumi_aihw.preflight.models import Check, CheckName, Status
from pulumi_aihw.vocab import PurchaseOption


def quota_check(
    cand: Candidate,
    region: str,
    family: QuotaFamily | None,
    code: str | None,
    vcpus: int | None,
    option: PurchaseOption,
    fetch: Callable[[], dict[str, Any]],
    memo: Memo,
) -> Check:
    """Does the family's running-instances vCPU quota cover units x vCPUs?

    Capacity Blocks are reservations: a shortfall against the On-Demand quota is a
    warning for them, not a failure (the block itself is the capacity).
    """
    itype = cand.offering.offering
    name = CheckName.VCPU_QUOTA
    if family is None:
        return Check(name, Status.WARN, f"no EC2 vCPU quota code known for {itype}; not checked")
    if code is None:
        return Check(
            name, Status.WARN, f"no {option} vCPU quota code known for {family.name} instances"
        )
    if vcpus is None:
        return Check(name, Status.WARN, f"vCPUs of {itype} unknown; quota {code} not checked")
    units = cand.units or 1
    needed = units * vcpus
    try:
        quota = memo.get(("quota", region, code), fetch)["Quota"]
    except Exception as exc:
        if error_code(exc) == "NoSuchResourceException":
            return Check(
                name,
                Status.WARN,
                f"quota {code} ({family.name} {option}) not found in {region}; not checked",
            )
        raise
    value = float(quota.get("Value") or 0)
    label = f"{quota.get('QuotaName') or family.name + ' vCPUs'} ({code}) in {region}"
    need = f"{needed} vCPUs ({units} x {itype} x {vcpus} vCPUs)"
    if value >= needed:
        return Check(
            name,
            Status.PASS,
            f"{label} is {value:g} vCPUs; the plan needs {need}. Instances of the family "
            "already running count against it too",
        )
    status = Status.WARN if option is PurchaseOption.CAPACITY_BLOCK else Status.FAIL
    return Check(
        name,
        status,
        f"{label} is {value:g} vCPUs but the plan needs {need}. To fix: request an "
        f"increase (aws service-quotas request-service-quota-increase --service-code ec2 "
        f"--quota-code {code} --desired-value {needed} --region {region}) or choose another "
        "offering",
    )


def capacity_block_check(
    cand: Candidate,
    region: str,
    units: int,
    hours: int,
    zones: list[str],
    found: dict[str, Any],
) -> Check:
    """Is a Capacity Block on offer for ``units`` instances for ``hours`` in the zones?"""
    itype = cand.offering.offering
    name = CheckName.CAPACITY_BLOCK
    wanted = f"{units} x {itype} for {hours} h in {region}"
    offers = list(found.get("CapacityBlockOfferings", []))
    if not offers:
        return Check(
            name,
            Status.FAIL,
            f"no Capacity Block offering for {wanted}. To fix: try another duration or start "
            "date (deploy.aws.capacity_block), region or purchase option",
        )
    usable = [o for o in offers if not zones or o.get("AvailabilityZone") in zones]
    if not usable:
        offered_in = sorted({str(o.get("AvailabilityZone")) for o in offers})
        return Check(
            name,
            Status.FAIL,
            f"Capacity Blocks for {wanted} are offered only in {', '.join(offered_in)}, not in "
            f"{', '.join(zones)}. To fix: add a subnet in one of those zones",
        )
    first = min(usable, key=lambda o: str(o.get("StartDate")))
    start = first.get("StartDate")
    when = start.strftime("%Y-%m-%d %H:%M UTC") if hasattr(start, "strftime") else str(start)
    fee = first.get("UpfrontFee")
    price = f", upfront fee {fee} {first.get('CurrencyCode') or 'USD'}" if fee else ""
    return Check(
        name,
        Status.PASS,
        f"{len(usable)} Capacity Block offering(s) for {wanted}; the earliest starts {when} "
        f"in {first.get('AvailabilityZone')}{price}",
        zone=str(first.get("AvailabilityZone")),
    )
