"""Cost, power and lock-in of one candidate. Unknown stays ``None``, with the reason."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pulumi_aihw.catalog.models import Accelerator, Offering
from pulumi_aihw.planner.assumptions import DAYS_PER_MONTH, HOURS_PER_MONTH, Assumptions
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.vocab import Deployment, LockInLevel, Phase, Portability, PurchaseOption

# Vendor SDKs that tie models to one vendor's compiler and runtime.
VENDOR_SDK_LOCK: dict[str, LockInLevel] = {
    "Neuron SDK": LockInLevel.HIGH,
    "XLA/libtpu": LockInLevel.HIGH,
    "SynapseAI (Intel Gaudi software)": LockInLevel.MEDIUM,
}


# -- cost ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Price:
    """The price of one unit under the spec's purchase option."""

    usd_per_unit_hour: float | None
    basis: str
    """``on-demand``, ``spot``, ``capacity-block``, ``reserved``, ``monthly rent``."""
    billed_around_the_clock: bool
    """Reservations, capacity blocks and monthly rent cost the same whatever the hours."""
    problem: str | None = None
    note: str | None = None


def unit_price(offering: Offering, spec: WorkloadSpec) -> Price:
    """The price of one unit under the spec's purchase option, or why it is unknown."""
    if offering.monthly_price is not None:
        return _monthly_rent(offering, spec)
    option = spec.constraints.purchase_option
    where = f"{offering.offering} in {offering.region}"
    if option is PurchaseOption.SPOT:
        return _priced(offering.spot_usd_per_hour, "spot", False, f"no spot price for {where}")
    if option is PurchaseOption.CAPACITY_BLOCK:
        if offering.provider != "aws":
            return Price(
                None,
                "capacity-block",
                True,
                problem=(
                    "purchase option not offered: capacity-block is an AWS purchase option (EC2 "
                    "Capacity Blocks for ML)"
                ),
            )
        return _priced(
            offering.capacity_block_usd_per_hour,
            "capacity-block",
            True,
            f"no capacity-block price for {offering.offering}",
        )
    missing = f"no on-demand price for {where}"
    if option is PurchaseOption.RESERVED:
        return _priced(
            offering.on_demand_usd_per_hour,
            "reserved",
            True,
            missing,
            note=(
                "reserved prices are not in the catalog: the on-demand price is shown as an upper "
                "bound"
            ),
        )
    return _priced(offering.on_demand_usd_per_hour, "on-demand", False, missing)


def _priced(
    value: float | None, basis: str, around_the_clock: bool, missing: str, note: str | None = None
) -> Price:
    return Price(
        value,
        basis,
        around_the_clock,
        problem=None if value else f"price unknown: {missing}",
        note=note,
    )


def _monthly_rent(offering: Offering, spec: WorkloadSpec) -> Price:
    option = spec.constraints.purchase_option
    if option in (PurchaseOption.SPOT, PurchaseOption.CAPACITY_BLOCK):
        return Price(
            None,
            "monthly rent",
            True,
            problem=(
                f"purchase option not offered: {option} is not offered for monthly-rented servers"
            ),
        )
    cur = offering.price_currency
    rate = 1.0 if cur == "USD" else spec.exchange_rates_usd.get(cur)
    if rate is None or offering.monthly_price is None:
        return Price(
            None,
            "monthly rent",
            True,
            problem=(
                f"price unknown: priced in {cur}, no USD rate; set exchange_rates_usd.{cur} in the "
                "spec to compare it"
            ),
        )
    return Price(offering.monthly_price * rate / HOURS_PER_MONTH, "monthly rent", True)


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


# -- power --------------------------------------------------------------------


def power_kw(
    acc: Accelerator, offering: Offering, units: int, a: Assumptions, pue: float = 1.0
) -> float | None:
    """Accelerator TDP x count plus host overhead, times PUE (owned hardware)."""
    if acc.tdp_watts is None:
        return None
    accel_w = acc.tdp_watts * offering.accelerators_per_unit * units
    vcpus = (
        offering.vcpus
        if offering.vcpus is not None
        else a.default_host_vcpus * offering.hosts_per_unit
    )
    host_w = max(a.min_host_watts, a.host_watts_per_vcpu * vcpus) * units
    return (accel_w + host_w) * pue / 1000


def power_note(acc: Accelerator) -> str | None:
    if acc.tdp_watts is None:
        return f"power unknown: no published TDP for {acc.name}"
    if acc.tdp_is_measured:
        return f"{acc.name} power is a measured maximum ({acc.tdp_watts:g} W), not a rated TDP"
    return None


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
    level = LockInLevel.NONE
    reasons: list[str] = []

    def add(lvl: LockInLevel, why: str) -> None:
        nonlocal level
        reasons.append(why)
        if lvl.rank > level.rank:
            level = lvl

    sdk_level = VENDOR_SDK_LOCK.get(acc.vendor_sdk)
    if sdk_level is not None:
        add(
            sdk_level,
            f"needs the {acc.vendor_sdk}: models are compiled for {acc.name}, not "
            "portable to GPUs as-is",
        )
    elif str(deployment) == Deployment.CLOUD.value:
        add(
            LockInLevel.LOW,
            f"{acc.vendor_sdk} runs every major framework and is sold by other "
            "clouds and on bare metal; images and networking are provider-specific",
        )
    if sole_provider is not None:
        add(
            LockInLevel.HIGH,
            f"{acc.family} accelerators are sold only by {sole_provider}: no alternative provider",
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
