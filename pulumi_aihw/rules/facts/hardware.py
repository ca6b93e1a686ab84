"""Hardware facts: what a resource deploys, whoever wrote it.

:func:`pulumi_aihw.rules.facts.registry.hardware_of` turns one resource into
:class:`Hardware` (or ``None`` when it deploys no accelerator): our ``Workload``
component (spec and plan from its properties) or a raw resource written by hand
(instance type, machine type or TPU accelerator type mapped to the catalog).
Resources inside a Workload component return ``None``: the component itself
carries their facts, so nothing is counted twice.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pulumi_aihw.catalog.catalog import Catalog
from pulumi_aihw.catalog.models import Accelerator, Offering
from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.planner.assumptions import DEFAULT_ASSUMPTIONS, HOURS_PER_MONTH
from pulumi_aihw.planner.economics import power_kw
from pulumi_aihw.rules.facts.values import number
from pulumi_aihw.rules.model import Resource, Unevaluable
from pulumi_aihw.spec.models import WorkloadSpec


@dataclass(frozen=True)
class Commitment:
    """A purchase that cannot be undone once made."""

    what: str
    term_days: float | None
    """Length of the commitment; ``None`` where the resource does not say."""


@dataclass(frozen=True)
class Hardware:
    """Accelerator hardware one resource deploys (or defines, for templates)."""

    resource: Resource
    kind: str
    """``workload``, ``instance`` (one unit), ``fleet`` (a group), ``template`` (defines a
    type, runs nothing by itself) or ``purchase`` (a reservation or commitment)."""
    provider: str | None = None
    offering_name: str | None = None
    """The instance/machine/accelerator type as written (``p5.48xlarge``, ``v5litepod-8``)."""
    offering: Offering | None = None
    accelerator: Accelerator | None = None
    accelerator_count: float | None = None
    """Accelerators per unit (from the catalog, or guest accelerators)."""
    units: int | None = None
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

    def usd_per_unit_hour(self) -> float | None:
        o = self.offering
        if o is None:
            return None
        return {
            "spot": o.spot_usd_per_hour,
            "capacity-block": o.capacity_block_usd_per_hour,
        }.get(self.purchase, o.on_demand_usd_per_hour)

    def usd_per_month(self) -> float | None:
        """Monthly cost (raw resources run around the clock unless a spec says otherwise)."""
        if self.chosen is not None:
            value = self.chosen.get("usd_per_month")
            return float(value) if isinstance(value, (int, float)) else None
        self.need("offering")
        units, price = self.need("units"), self.usd_per_unit_hour()
        if units is None or price is None:
            return None
        return float(units * price * HOURS_PER_MONTH)

    def usd_total(self) -> float | None:
        """Training workloads: the cost of the whole run (``None`` otherwise or unknown)."""
        value = self.chosen.get("usd_total") if self.chosen is not None else None
        return float(value) if isinstance(value, (int, float)) else None

    def it_power_kw(self) -> float | None:
        """Power at the PDUs: ``power_kw`` without the facility's PUE (owned hardware)."""
        value = self.power_kw()
        pue = self.chosen.get("pue") if self.chosen is not None else None
        return value / pue if value is not None and isinstance(pue, (int, float)) else value

    def power_kw(self) -> float | None:
        if self.chosen is not None:
            value = self.chosen.get("power_kw")
            return float(value) if isinstance(value, (int, float)) else None
        self.need("offering")
        units = self.need("units")
        if units is None or self.offering is None or self.accelerator is None:
            return None
        return power_kw(self.accelerator, self.offering, units, DEFAULT_ASSUMPTIONS)


@functools.lru_cache(maxsize=8)
def _offering_index(catalog: Catalog) -> dict[str, tuple[Offering, ...]]:
    index: dict[str, list[Offering]] = {}
    for o in catalog.offerings:
        index.setdefault(o.offering, []).append(o)
    return {k: tuple(v) for k, v in index.items()}


def find_offering(
    catalog: Catalog, provider: str, name: str, region: str | None
) -> Offering | None:
    """The catalog offering ``name`` of ``provider``, in ``region`` if priced there."""
    rows = [o for o in _offering_index(catalog).get(name, ()) if o.provider == provider]
    for o in rows:
        if region is not None and o.region == region:
            return o
    return rows[0] if rows else None


def raw_hardware(
    r: Resource,
    catalog: Catalog,
    *,
    provider: str,
    kind: str,
    type_value: Any,
    type_path: str,
    accelerated: bool,
    region: str | None,
    tags: Mapping[str, str],
    units: Any = None,
    units_path: str = "",
    purchase: Any = "on-demand",
    purchase_path: str = "",
    accelerator: Accelerator | None = None,
    accelerator_count: float | None = None,
    template_ref: str | None = None,
) -> Hardware | None:
    """Hardware from a raw resource's type and count; ``None`` when it is no AI hardware.

    ``accelerated`` says the type names accelerator hardware even when the catalog does
    not know it (then price and power are unknown, and rules say so).
    """
    unknown: dict[str, str] = {}
    name = type_value if isinstance(type_value, str) and type_value else None
    if type_value is UNKNOWN:
        unknown.update(offering=type_path, accelerator=type_path, offering_name=type_path)
    offering = find_offering(catalog, provider, name, region) if name else None
    acc = catalog.accelerator(offering.accelerator_id) if offering else accelerator
    if not (unknown or offering or acc or accelerated or template_ref is not None):
        return None
    if units is UNKNOWN:
        unknown["units"] = units_path
    if purchase is UNKNOWN:
        unknown["purchase"] = purchase_path
    count = number(units) if units is not UNKNOWN else None
    return Hardware(
        resource=r,
        kind=kind,
        provider=provider,
        offering_name=name,
        offering=offering,
        accelerator=acc,
        accelerator_count=offering.accelerators_per_unit if offering else accelerator_count,
        units=None if count is None else int(count),
        purchase=purchase if isinstance(purchase, str) else "on-demand",
        region=region,
        tags=tags,
        template_ref=template_ref,
        unknown=unknown,
    )
