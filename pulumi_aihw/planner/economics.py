"""Cost, power and lock-in of one candidate. Unknown stays ``None``, with the reason."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pulumi_aihw.catalog.models import Accelerator
from pulumi_aihw.planner.assumptions import DAYS_PER_MONTH, HOURS_PER_MONTH
from pulumi_aihw.planner.pricing import Price
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.vocab import Deployment, Family, LockInLevel, Phase, Portability, PurchaseOption

# Vendor SDKs that tie models to one vendor's compiler and runtime.
VENDOR_SDK_LOCK: dict[str, LockInLevel] = {
    "Neuron SDK": LockInLevel.HIGH,
    "XLA/libtpu": LockInLevel.HIGH,
    "SynapseAI (Intel Gaudi software)": LockInLevel.MEDIUM,
}


# -- cost ---------------------------------------------------------------------
# The price of one unit (purchase option, reserved term, the team's own rates) is
# pulumi_aihw.planner.pricing; power with its basis and range is pulumi_aihw.planner.power.


def monthly_spend(usd_per_month: float | None, usd_total: float | None) -> float | None:
    """What the workload can cost in one month: its monthly rate, but never more than a
    training run's total (a 10-day run does not cost a month of hardware)."""
    if usd_per_month is None:
        return None
    return usd_per_month if usd_total is None else min(usd_per_month, usd_total)


def hours_per_day(spec: WorkloadSpec) -> float:
    if spec.phase is Phase.INFERENCE and spec.demand is not None:
        return spec.demand.hours_per_day
    return 24.0


def monthly_cost(price: Price, units: int, spec: WorkloadSpec) -> tuple[float | None, float | None]:
    """(usd_per_hour while running, usd_per_month)."""
    if price.usd_per_unit_hour is None:
        return None, None
    per_hour = price.usd_per_unit_hour * units
    if price.billed_around_the_clock:
        return per_hour, per_hour * HOURS_PER_MONTH
    return per_hour, per_hour * hours_per_day(spec) * DAYS_PER_MONTH


# -- lock-in ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LockIn:
    level: LockInLevel
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {"level": str(self.level), "reasons": list(self.reasons)}


def lock_in(
    acc: Accelerator,
    deployment: Deployment | str,
    *,
    sole_provider: str | None,
    missing_frameworks: Sequence[str] = (),
    purchase: PurchaseOption | str = PurchaseOption.ON_DEMAND,
) -> LockIn:
    """How hard it is to move a workload off this hardware, and why: the one place lock-in
    levels are decided (the planner with a spec's frameworks and purchase option; the
    policy summary of hand-written resources with what they show).

    ``sole_provider`` is :meth:`Catalog.sole_provider` of the accelerator's family;
    ``missing_frameworks`` the spec's frameworks the accelerator does not run natively.
    """
    return _lock_in(
        acc.name,
        acc.family,
        acc.vendor_sdk,
        deployment,
        sole_provider=sole_provider,
        missing_frameworks=missing_frameworks,
        purchase=purchase,
    )


def family_lock_in(
    family: Family,
    vendor_sdk: str | None,
    *,
    sole_provider: str | None,
    purchase: PurchaseOption | str = PurchaseOption.ON_DEMAND,
) -> LockIn:
    """:func:`lock_in` of cloud hardware known only by its family (a type the catalog does
    not list): ``vendor_sdk`` is the one every accelerator of the family needs, ``None``
    where they differ (GPUs: CUDA or ROCm, both portable)."""
    return _lock_in(
        f"{family} accelerators",
        family,
        vendor_sdk or "CUDA/ROCm",
        Deployment.CLOUD,
        sole_provider=sole_provider,
        missing_frameworks=(),
        purchase=purchase,
    )


def _lock_in(
    name: str,
    family: Family,
    vendor_sdk: str,
    deployment: Deployment | str,
    *,
    sole_provider: str | None,
    missing_frameworks: Sequence[str],
    purchase: PurchaseOption | str,
) -> LockIn:
    level = LockInLevel.NONE
    reasons: list[str] = []

    def add(lvl: LockInLevel, why: str) -> None:
        nonlocal level
        reasons.append(why)
        if lvl.rank > level.rank:
            level = lvl

    sdk_level = VENDOR_SDK_LOCK.get(vendor_sdk)
    if sdk_level is not None:
        add(
            sdk_level,
            f"needs the {vendor_sdk}: models are compiled for {name}, not portable to GPUs as-is",
        )
    elif str(deployment) == Deployment.CLOUD.value:
        add(
            LockInLevel.LOW,
            f"{vendor_sdk} runs every major framework and is sold by other "
            "clouds and on bare metal; images and networking are provider-specific",
        )
    if sole_provider is not None:
        add(
            LockInLevel.HIGH,
            f"{family} accelerators are sold only by {sole_provider}: no alternative provider",
        )
    if missing_frameworks:
        add(
            LockInLevel.MEDIUM,
            f"frameworks not supported natively: {', '.join(missing_frameworks)}",
        )
    if str(purchase) == PurchaseOption.CAPACITY_BLOCK.value:
        add(LockInLevel.MEDIUM, "an EC2 Capacity Block cannot be cancelled or refunded once bought")
    elif str(purchase) == PurchaseOption.RESERVED.value:
        add(LockInLevel.MEDIUM, "a reservation commits spend for its whole term")
    return LockIn(level, tuple(reasons))


def portability_problem(acc: Accelerator, spec: WorkloadSpec) -> str | None:
    if spec.constraints.portability is Portability.REQUIRED and acc.vendor_sdk in VENDOR_SDK_LOCK:
        return f"portability required: {acc.name} needs the {acc.vendor_sdk}"
    return None
