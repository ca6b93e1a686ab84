"""The price of one unit of an offering under the spec's purchase option and the team's
own rates (``pricing:``). Unknown stays ``None``, with the reason.

Order: a price from ``pricing.offerings`` for the offering (the first match) wins; else
the catalog's price for the purchase option, less the provider's
``pricing.discount_percent``. Either is "your rate" and the catalog's figure is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from pulumi_aihw.catalog.models import Offering
from pulumi_aihw.planner.assumptions import HOURS_PER_MONTH
from pulumi_aihw.spec.models import PriceOverride, PricingSpec, WorkloadSpec
from pulumi_aihw.vocab import PurchaseOption


@dataclass(frozen=True, slots=True)
class Price:
    """The price of one unit under the spec's purchase option."""

    usd_per_unit_hour: float | None
    basis: str
    """``on-demand``, ``spot``, ``capacity-block``, ``reserved-1y``, ``reserved-3y``,
    ``monthly rent``."""
    billed_around_the_clock: bool
    """Reservations, capacity blocks and monthly rent cost the same whatever the hours."""
    problem: str | None = None
    note: str | None = None
    your_rate: str | None = None
    """How the team's own rate was applied (``12% off aws``, ``pricing.offerings``)."""
    catalog_usd_per_unit_hour: float | None = None
    """The catalog's price before the team's rate."""
    suspect: bool = False
    """The catalog price used disagrees with a second source (or is known wrong)."""


def basis_of(spec: WorkloadSpec) -> str:
    c = spec.constraints
    if c.purchase_option is PurchaseOption.RESERVED:
        return f"reserved-{c.reservation_term_years}y"
    return str(c.purchase_option)


def find_override(
    pricing: PricingSpec, offering: Offering, option: PurchaseOption
) -> PriceOverride | None:
    for o in pricing.offerings:
        if (
            o.provider == offering.provider
            and o.offering == offering.offering
            and (o.region is None or o.region == offering.region)
            and (o.purchase_option is None or o.purchase_option is option)
        ):
            return o
    return None


def _catalog_price(offering: Offering, spec: WorkloadSpec, basis: str) -> tuple[float | None, str]:
    """The catalog's price for ``basis`` and, if absent, why."""
    where = f"{offering.offering} in {offering.region}"
    option = spec.constraints.purchase_option
    if option is PurchaseOption.SPOT:
        return offering.spot_usd_per_hour, f"no spot price for {where}"
    if option is PurchaseOption.CAPACITY_BLOCK:
        return (
            offering.capacity_block_usd_per_hour,
            f"no capacity-block price for {where}",
        )
    if option is PurchaseOption.RESERVED:
        term = spec.constraints.reservation_term_years
        value = (
            offering.reserved_1y_usd_per_hour if term == 1 else offering.reserved_3y_usd_per_hour
        )
        return value, f"no {basis} price for {where} in the catalog's sources"
    return offering.on_demand_usd_per_hour, f"no on-demand price for {where}"


def unit_price(offering: Offering, spec: WorkloadSpec) -> Price:
    """The price of one unit under the spec's purchase option, or why it is unknown."""
    option = spec.constraints.purchase_option
    if offering.monthly_price is not None:
        return _monthly_rent(offering, spec)
    basis = basis_of(spec)
    around_the_clock = option in (PurchaseOption.RESERVED, PurchaseOption.CAPACITY_BLOCK)
    if option is PurchaseOption.CAPACITY_BLOCK and offering.provider != "aws":
        return Price(
            None,
            basis,
            True,
            problem=(
                "purchase option not offered: capacity-block is an AWS purchase option (EC2 "
                "Capacity Blocks for ML)"
            ),
        )
    catalog, missing = _catalog_price(offering, spec, basis)
    suspect = catalog is not None and offering.is_suspect(basis)
    override = find_override(spec.pricing, offering, option)
    if override is not None:
        where = f" in {override.region}" if override.region else ""
        return Price(
            override.usd_per_hour,
            basis,
            around_the_clock,
            your_rate=f"your rate ${override.usd_per_hour:,.4g}/h from pricing.offerings{where}",
            catalog_usd_per_unit_hour=catalog,
        )
    if catalog is None:
        return Price(None, basis, around_the_clock, problem=f"price unknown: {missing}")
    discount = spec.pricing.discount_percent.get(offering.provider)
    if discount:
        return Price(
            catalog * (1 - discount / 100),
            basis,
            around_the_clock,
            your_rate=f"your rate: {discount:g}% off the {offering.provider} {basis} price",
            catalog_usd_per_unit_hour=catalog,
            suspect=suspect,
        )
    return Price(
        catalog, basis, around_the_clock, catalog_usd_per_unit_hour=catalog, suspect=suspect
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
    override = find_override(spec.pricing, offering, option)
    if override is not None:
        return Price(
            override.usd_per_hour,
            "monthly rent",
            True,
            your_rate=f"your rate ${override.usd_per_hour:,.4g}/h from pricing.offerings",
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
    usd = offering.monthly_price * rate / HOURS_PER_MONTH
    discount = spec.pricing.discount_percent.get(offering.provider)
    if discount:
        return Price(
            usd * (1 - discount / 100),
            "monthly rent",
            True,
            your_rate=f"your rate: {discount:g}% off the {offering.provider} rent",
            catalog_usd_per_unit_hour=usd,
        )
    return Price(usd, "monthly rent", True, catalog_usd_per_unit_hour=usd)
