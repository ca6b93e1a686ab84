"""Hardware facts: what a resource deploys, whoever wrote it.

:func:`pulumi_aihw.rules.facts.registry.hardware_of` turns one resource into
:class:`Hardware` (or ``None`` when it deploys no accelerator): our ``Workload``
component (spec and plan from its properties) or a raw resource written by hand
(instance type, machine type or TPU accelerator type mapped to the catalog; see
:mod:`pulumi_aihw.rules.facts.build`). Resources inside a Workload component return
``None``: the component itself carries their facts, so nothing is counted twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pulumi_aihw.catalog.models import Accelerator, Offering
from pulumi_aihw.planner.assumptions import DEFAULT_ASSUMPTIONS, HOURS_PER_MONTH
from pulumi_aihw.planner.power import PowerFigure, machine_power, power
from pulumi_aihw.rules.facts.families import FamilyFacts
from pulumi_aihw.rules.facts.scale import Basis, Choice, Scale
from pulumi_aihw.rules.model import Resource, Unevaluable
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.vocab import PowerBasis


@dataclass(frozen=True)
class Commitment:
    """A purchase that cannot be undone once made."""

    what: str
    term_days: float | None
    """Length of the commitment; ``None`` where the resource does not say."""


@dataclass(frozen=True)
class Hardware:
    """Accelerator hardware one resource deploys (or defines, for templates).

    ``offering_name`` .. ``accelerator_count`` describe the type the figures use (the
    first a resource lists); ``alternatives`` the other types it may launch."""

    resource: Resource
    kind: str
    """``workload``, ``instance`` (one unit), ``fleet`` (a group or pool), ``template``
    (defines a type, runs nothing by itself) or ``purchase`` (a reservation or commitment)."""
    provider: str | None = None
    offering_name: str | None = None
    """The instance/machine/accelerator type as written (``p5.48xlarge``, ``v5litepod-8``)."""
    offering: Offering | None = None
    accelerator: Accelerator | None = None
    accelerator_count: float | None = None
    """Accelerators per unit (from the catalog, or guest accelerators)."""
    units: int | None = None
    """The figure the rules judge (see ``scale`` for the range and its basis)."""
    purchase: str = "on-demand"
    region: str | None = None
    tags: Mapping[str, str] = field(default_factory=dict)
    spec: WorkloadSpec | None = None
    chosen: Mapping[str, Any] | None = None
    """Workloads: the plan summary's chosen candidate."""
    template_ref: str | None = None
    """Fleets without their own type: the id or name of the template they launch."""
    commitment: Commitment | None = None
    unknown: Mapping[str, str] = field(default_factory=dict)
    """Fact name -> the property path that is unknown during preview."""
    scale: Scale | None = None
    """Range of units and where the figure comes from; ``None``: ``units`` as is."""
    alternatives: tuple[Choice, ...] = ()
    family: FamilyFacts | None = None
    """Family-level facts when the catalog has no row for the type."""
    unpriced: str | None = None
    """Why no price applies even though the hardware is known ("the catalog has no
    SageMaker (ml.*) prices")."""
    host_vcpus: float | None = None
    """Host vCPUs as the resource states them, when the catalog has no row (N1 + GPUs)."""

    def need(self, fact: str) -> Any:
        """The fact's value; raise :class:`Unevaluable` if it is unknown during preview."""
        path = self.unknown.get(fact)
        if path is not None:
            raise Unevaluable(f"{path} of {self.resource.name} is unknown during preview")
        return getattr(self, fact)

    @property
    def label(self) -> str:
        name = self.offering_name or (self.accelerator.id if self.accelerator else None)
        if name is None:
            name = "type unknown until deployed" if "offering_name" in self.unknown else "hardware"
        return f"{name} x{self.units}" if self.units is not None else name

    @property
    def is_workload(self) -> bool:
        return self.kind == "workload"

    @property
    def at_limit(self) -> bool:
        """Judged at the most its limits allow (a NodePool: no desired size)."""
        return self.scale is not None and self.scale.basis == Basis.LIMIT

    def choices(self) -> tuple[Choice, ...]:
        first = Choice(
            self.offering_name or "",
            self.offering,
            self.accelerator,
            self.accelerator_count,
            self.units if self.at_limit else None,
        )
        return (first, *self.alternatives)

    def price_region_note(self) -> str | None:
        """Says so when the price comes from another region than the resource's."""
        o = self.offering
        if self.chosen is not None or self.unpriced or o is None or o.region is None:
            return None
        if self.region is None:
            return f"priced in {o.region}: the resource names no region"
        if o.region == self.region:
            return None
        return f"priced in {o.region}: the catalog has no {self.region} price for {o.offering}"

    def usd_per_unit_hour(self, offering: Offering | None = None) -> float | None:
        o = offering if offering is not None else self.offering
        if o is None or self.unpriced:
            return None
        return {
            "spot": o.spot_usd_per_hour,
            "capacity-block": o.capacity_block_usd_per_hour,
        }.get(self.purchase, o.on_demand_usd_per_hour)

    def _choice_usd(self, c: Choice, units: int | None) -> float | None:
        price = self.usd_per_unit_hour(c.offering) if c.offering is not None else None
        return None if units is None or price is None else float(units * price * HOURS_PER_MONTH)

    def usd_per_month(self) -> float | None:
        """Monthly cost (raw resources run around the clock unless a spec says otherwise);
        at its limits, the priciest type the catalog prices."""
        if self.chosen is not None:
            value = self.chosen.get("usd_per_month")
            return float(value) if isinstance(value, (int, float)) else None
        self.need("offering")
        units = self.need("units")
        if not self.at_limit:
            return self._choice_usd(self.choices()[0], units)
        known = [v for c in self.choices() if (v := self._choice_usd(c, c.units)) is not None]
        return max(known) if known else None

    def unpriced_choices(self) -> list[str]:
        """Types whose cost the catalog cannot give (all types at the limits; else the first)."""
        if self.chosen is not None:
            return []
        choices = self.choices() if self.at_limit else self.choices()[:1]
        units = self.units
        return [c.name for c in choices if self._choice_usd(c, c.units or units or 1) is None]

    def usd_total(self) -> float | None:
        """Training workloads: the cost of the whole run (``None`` otherwise or unknown)."""
        value = self.chosen.get("usd_total") if self.chosen is not None else None
        return float(value) if isinstance(value, (int, float)) else None

    def it_power_kw(self) -> float | None:
        """Power at the PDUs: ``power_kw`` without the facility's PUE (owned hardware)."""
        value = self.power_kw()
        pue = self.chosen.get("pue") if self.chosen is not None else None
        return value / pue if value is not None and isinstance(pue, (int, float)) else value

    def _choice_power(self, c: Choice, units: int | None) -> PowerFigure | None:
        if units is None or c.accelerator is None:
            return None
        if c.offering is not None:
            figure = power(c.accelerator, c.offering, units, DEFAULT_ASSUMPTIONS)
        elif c.accelerator_count is not None and self.host_vcpus is not None:
            figure = machine_power(
                c.accelerator, c.accelerator_count, self.host_vcpus, units, DEFAULT_ASSUMPTIONS
            )
        else:
            return None
        return figure if figure.known else None

    def power_kw(self) -> float | None:
        """The central power figure (a published TDP, a measured mean, an estimate)."""
        figure = self.power()
        return None if figure is None else figure.kw

    def power_high_kw(self) -> float | None:
        """What a power cap compares: the high end of an estimate's or measurement's range."""
        figure = self.power()
        return None if figure is None else figure.cap_kw

    def power(self) -> PowerFigure | None:
        """Power with its basis and range; ``None`` when it cannot be told."""
        if self.chosen is not None:
            value = self.chosen.get("power_kw")
            if not isinstance(value, (int, float)):
                return None
            high = self.chosen.get("power_high_kw")
            low = self.chosen.get("power_low_kw")
            basis = str(self.chosen.get("power_basis") or "published")
            return PowerFigure(
                float(value),
                float(low) if isinstance(low, (int, float)) else None,
                float(high) if isinstance(high, (int, float)) else None,
                PowerBasis(basis) if basis in PowerBasis.values() else PowerBasis.PUBLISHED,
            )
        self.need("offering")
        units = self.need("units")
        if not self.at_limit:
            return self._choice_power(self.choices()[0], units)
        figures = [self._choice_power(c, c.units) for c in self.choices()]
        known = [f for f in figures if f is not None]
        if not known or len(known) < len(figures):
            return None
        return max(known, key=lambda f: f.cap_kw or 0.0)

    def unpowered_choices(self) -> list[str]:
        """Types whose power cannot be known (all types at the limits; else the first)."""
        if self.chosen is not None:
            return []
        choices = self.choices() if self.at_limit else self.choices()[:1]
        return [
            c.name for c in choices if self._choice_power(c, c.units or self.units or 1) is None
        ]

    def figure_note(self) -> str:
        """Which count a cost or power figure used, for the rules' messages."""
        return self.scale.describe() if self.scale is not None else ""
