"""Monthly total cost of ownership (TCO) of a bare-metal server.

    hardware = monthly_rent                      (rented or leased)
             | purchase_price / amortization_months   (bought; straight line)
    energy   = IT power kW x PUE x hours per month x electricity price per kWh
    TCO      = hardware + energy + colo_fee_per_month

Amounts are in the site's currency; :attr:`Tco.usd_per_month` converts with the spec's
``exchange_rates_usd`` (USD per unit of the currency, as the planner converts monthly
rents) and is ``None``, never 0, when no rate is given. Hours per month are the
workload's hours per day x 30.42 days (730 around the clock): servers that run part
of the day draw full power only while they run; rent and write-off are paid anyway.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pulumi_aihw.baremetal.models import Server, Site
from pulumi_aihw.planner.assumptions import DAYS_PER_MONTH


@dataclass(frozen=True, slots=True)
class Tco:
    """One server's monthly cost, split by what it pays for."""

    currency: str
    hardware_per_month: float
    """Rent, or purchase price / amortization months."""
    energy_kwh_per_month: float
    """Facility energy: IT power x PUE x hours."""
    energy_per_month: float
    colo_per_month: float
    usd_per_unit: float | None
    """USD per unit of ``currency`` (1 for USD; ``None``: no rate, cost unknown in USD)."""

    @property
    def total_per_month(self) -> float:
        return self.hardware_per_month + self.energy_per_month + self.colo_per_month

    @property
    def usd_per_month(self) -> float | None:
        if self.usd_per_unit is None:
            return None
        return self.total_per_month * self.usd_per_unit

    def to_usd_dict(self) -> dict[str, float | None]:
        """The breakdown in USD (``None`` without a rate), for plan JSON and outputs."""
        rate = self.usd_per_unit

        def usd(value: float) -> float | None:
            return None if rate is None else round(value * rate, 2)

        return {
            "hardware_usd_per_month": usd(self.hardware_per_month),
            "energy_usd_per_month": usd(self.energy_per_month),
            "colo_usd_per_month": usd(self.colo_per_month),
            "usd_per_month": usd(self.total_per_month),
            "energy_kwh_per_month": round(self.energy_kwh_per_month, 1),
        }


def hours_per_month(hours_per_day: float = 24.0) -> float:
    """Hours a server runs in an average month (730 at 24 hours a day)."""
    return hours_per_day * DAYS_PER_MONTH


def usd_rate(currency: str, exchange_rates_usd: Mapping[str, float]) -> float | None:
    """USD per unit of ``currency``: 1 for USD, the spec's rate, or ``None``."""
    return 1.0 if currency == "USD" else exchange_rates_usd.get(currency)


def server_tco(
    server: Server,
    site: Site,
    it_power_kw: float,
    *,
    hours_per_day: float = 24.0,
    exchange_rates_usd: Mapping[str, float] | None = None,
) -> Tco:
    """The monthly TCO of ``server`` drawing ``it_power_kw`` at ``site``."""
    kwh = it_power_kw * site.pue * hours_per_month(hours_per_day)
    return Tco(
        currency=site.currency,
        hardware_per_month=server.cost.hardware_per_month,
        energy_kwh_per_month=kwh,
        energy_per_month=kwh * site.electricity_price_per_kwh,
        colo_per_month=server.cost.colo_fee_per_month,
        usd_per_unit=usd_rate(site.currency, exchange_rates_usd or {}),
    )
