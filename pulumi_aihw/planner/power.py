"""Power of one candidate, with its basis: a published TDP, a measured figure, or an
estimate with a low-high range. Unknown stays ``None`` (never 0 kW)."""

from __future__ import annotations

from dataclasses import dataclass

from pulumi_aihw.catalog.models import Accelerator, Offering
from pulumi_aihw.planner.assumptions import Assumptions
from pulumi_aihw.vocab import PowerBasis


@dataclass(frozen=True, slots=True)
class PowerFigure:
    """Accelerators plus hosts, times PUE, in kW; ``low``/``high`` bound an estimate."""

    kw: float | None
    low_kw: float | None
    high_kw: float | None
    basis: PowerBasis

    @property
    def known(self) -> bool:
        return self.kw is not None

    @property
    def cap_kw(self) -> float | None:
        """What a power cap compares: the high end of a range."""
        return self.high_kw if self.high_kw is not None else self.kw

    def label(self) -> str:
        """``0.74 kW``; ``~0.9 kW est. (0.8-1.1)``; ``0.17 kW measured (up to 0.19)``."""
        if self.kw is None:
            return "power unknown"
        if self.basis is PowerBasis.ESTIMATE:
            return f"~{_sig(self.kw)} kW est. ({_sig(self.low_kw)}-{_sig(self.high_kw)})"
        if self.basis is PowerBasis.MEASURED:
            return f"{self.kw:,.2f} kW measured (up to {self.high_kw:,.2f})"
        if self.high_kw is not None and self.high_kw > self.kw:
            return f"{self.kw:,.2f} kW (sources up to {self.high_kw:,.2f})"
        return f"{self.kw:,.2f} kW"


def _sig(kw: float | None) -> str:
    """About two significant figures, never in scientific notation (0.77, 15.3, 163)."""
    if kw is None:
        return "?"
    if kw >= 100:
        return f"{kw:,.0f}"
    return f"{kw:.1f}" if kw >= 10 else f"{kw:.2g}"


UNKNOWN = PowerFigure(None, None, None, PowerBasis.UNKNOWN)


def chip_watts(acc: Accelerator) -> tuple[float | None, float | None, float | None, PowerBasis]:
    """(point, low, high, basis) per chip; records built before power bases fall back to
    the TDP."""
    if acc.power_watts is not None:
        return acc.power_watts, acc.power_low_watts, acc.power_high_watts, acc.power_basis
    if acc.tdp_watts is not None:
        basis = PowerBasis.MEASURED if acc.tdp_is_measured else PowerBasis.PUBLISHED
        return acc.tdp_watts, None, None, basis
    return None, None, None, PowerBasis.UNKNOWN


def power(
    acc: Accelerator, offering: Offering, units: int, a: Assumptions, pue: float = 1.0
) -> PowerFigure:
    """Accelerators x their figure plus host overhead, times PUE (owned hardware)."""
    vcpus = (
        offering.vcpus
        if offering.vcpus is not None
        else a.default_host_vcpus * offering.hosts_per_unit
    )
    return machine_power(acc, offering.accelerators_per_unit, vcpus, units, a, pue)


def machine_power(
    acc: Accelerator,
    accelerators_per_unit: float,
    vcpus: float,
    units: int,
    a: Assumptions,
    pue: float = 1.0,
) -> PowerFigure:
    """:func:`power` for a machine the catalog has no row for (GPUs attached to an N1 VM):
    its accelerators and host vCPUs as the resource states them."""
    point, low, high, basis = chip_watts(acc)
    if point is None:
        return UNKNOWN
    chips = accelerators_per_unit * units
    host_w = max(a.min_host_watts, a.host_watts_per_vcpu * vcpus) * units

    def kw(watts: float | None) -> float | None:
        return None if watts is None else (watts * chips + host_w) * pue / 1000

    return PowerFigure(kw(point), kw(low), kw(high), basis)


def power_note(acc: Accelerator) -> str | None:
    """What a plan says about the accelerator's power figure (``None``: a published TDP)."""
    point, low, high, basis = chip_watts(acc)
    if point is None:
        return f"power unknown: no published, measured or estimated figure for {acc.name}"
    if basis is PowerBasis.ESTIMATE:
        return (
            f"{acc.name} power is an estimate: ~{point:g} W per chip ({low:g}-{high:g} W; "
            f"{acc.power_method.split(';')[0][:120]}); power caps compare the high end"
        )
    if basis is PowerBasis.MEASURED:
        return (
            f"{acc.name} power is measured, not a rated TDP: {point:g} W mean per chip, up to "
            f"{high if high is not None else point:g} W; power caps compare the maximum"
        )
    if high is not None and high > point:
        return (
            f"{acc.name} power: sources disagree ({point:g} W vs {high:g} W per chip); power "
            "caps compare the higher figure"
        )
    return None
