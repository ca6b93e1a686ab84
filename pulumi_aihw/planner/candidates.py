"""Turn every catalog offering into a candidate: sized, priced, judged, with reasons."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from pulumi_aihw.catalog.catalog import Catalog, normalize_name
from pulumi_aihw.catalog.models import Accelerator, Offering
from pulumi_aihw.planner.assumptions import Assumptions
from pulumi_aihw.planner.economics import (
    LockIn,
    lock_in,
    monthly_cost,
    monthly_spend,
    portability_problem,
    power_kw,
    power_note,
    unit_price,
)
from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.planner.sizing import Shape, Sizing, SpecFacts, size
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.vocab import Deployment, Phase


@dataclass(frozen=True)
class Allowed:
    """The spec's placement rules, resolved once per plan."""

    providers: frozenset[str] | None
    deployments: frozenset[str] | None
    regions: frozenset[str] | None
    sites: frozenset[str] | None
    offerings: frozenset[str] | None
    accelerator_ids: frozenset[str] | None
    pin_accelerator: str | None

    @classmethod
    def of(cls, spec: WorkloadSpec, catalog: Catalog) -> Allowed:
        p = spec.placement

        def opt(values: Iterable[object] | None) -> frozenset[str] | None:
            return None if not values else frozenset(str(v) for v in values)

        acc_ids = None
        if p.accelerators:
            acc_ids = frozenset(
                a.id for a in (catalog.find_accelerator(n) for n in p.accelerators) if a
            )
        pin_acc = None
        if spec.pin is not None and spec.pin.accelerator is not None:
            found = catalog.find_accelerator(spec.pin.accelerator)
            pin_acc = found.id if found else normalize_name(spec.pin.accelerator)
        return cls(
            opt(p.providers),
            opt(p.deployments),
            opt(p.regions),
            opt(p.sites),
            opt(p.offerings),
            acc_ids,
            pin_acc,
        )

    def reasons(self, o: Offering, spec: WorkloadSpec) -> list[str]:
        """Placement and pin reasons, each ``category: detail``."""
        out = []
        if self.providers is not None and o.provider not in self.providers:
            out.append(f"provider not allowed: {o.provider} (allowed: {_list(self.providers)})")
        if self.deployments is not None and o.deployment not in self.deployments:
            out.append(
                f"deployment not allowed: {o.deployment} (allowed: {_list(self.deployments)})"
            )
        if o.deployment is Deployment.CLOUD:
            if self.regions is not None and o.region not in self.regions:
                out.append(f"region not allowed: {o.region} (allowed: {_list(self.regions)})")
        elif self.sites is not None and o.region not in self.sites:
            out.append(
                f"site not allowed: {o.region or 'unspecified'} (allowed: {_list(self.sites)})"
            )
        if self.offerings is not None and o.offering not in self.offerings:
            out.append(f"offering not allowed: {o.offering} is not in the allow-list")
        if self.accelerator_ids is not None and o.accelerator_id not in self.accelerator_ids:
            out.append(
                f"accelerator not allowed: {o.accelerator_id} "
                f"(allowed: {_list(self.accelerator_ids)})"
            )
        pin = spec.pin
        if pin is not None:
            if pin.offering is not None and o.offering != pin.offering:
                out.append(f"not pinned: the spec pins offering {pin.offering}")
            if self.pin_accelerator is not None and o.accelerator_id != self.pin_accelerator:
                out.append(f"not pinned: the spec pins accelerator {self.pin_accelerator}")
        return out


def _list(values: Iterable[str]) -> str:
    return ", ".join(sorted(values))


def pinned_units(spec: WorkloadSpec, o: Offering) -> tuple[int | None, str | None]:
    """Units a pin asks for on this offering, and a problem if it cannot be met exactly."""
    pin = spec.pin
    if pin is None:
        return None, None
    if pin.offering is not None:
        return pin.units or 1, None
    assert pin.count is not None
    if o.accelerators_per_unit < 1:
        return None, (
            f"not pinned: {o.offering} has a fraction of a {o.accelerator_id}; "
            f"the pin asks for {pin.count}"
        )
    units = math.ceil(pin.count / o.accelerators_per_unit)
    return units, None


class Evaluator:
    """Evaluates offerings for one spec, caching what depends only on the accelerator
    (framework, training and portability checks; lock-in) or on its shape (sizing)."""

    def __init__(self, spec: WorkloadSpec, catalog: Catalog, a: Assumptions) -> None:
        self.spec = spec
        self.catalog = catalog
        self.a = a
        self.allowed = Allowed.of(spec, catalog)
        self.facts = SpecFacts.of(spec, a)
        self._acc: dict[str, tuple[tuple[str, ...], tuple[str, ...], str | None]] = {}
        self._sizing: dict[tuple[str, float, bool, str, int | None], Sizing] = {}
        self._lock: dict[tuple[str, str], LockIn] = {}

    def _accelerator_facts(
        self, acc: Accelerator
    ) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
        """(reasons, warnings, power note) that depend only on the accelerator."""
        hit = self._acc.get(acc.id)
        if hit is not None:
            return hit
        spec = self.spec
        reasons = []
        missing = [f.value for f in spec.frameworks if f not in acc.frameworks]
        if missing:
            reasons.append(
                f"framework unsupported: {', '.join(missing)} not native on "
                f"{acc.name} (runs {', '.join(f.value for f in acc.frameworks)})"
            )
        if spec.phase is not Phase.INFERENCE and not acc.trains:
            reasons.append(f"cannot train: {acc.name} is inference-only")
        port = portability_problem(acc, spec)
        if port:
            reasons.append(port)
        pnote = power_note(acc)
        hit = self._acc[acc.id] = (tuple(reasons), (pnote,) if pnote else (), pnote)
        return hit

    def sizing(self, acc: Accelerator, o: Offering, units_pin: int | None) -> Sizing:
        key = (acc.id, o.accelerators_per_unit, o.multi_node, o.unit_kind, units_pin)
        hit = self._sizing.get(key)
        if hit is None:
            hit = self._sizing[key] = size(self.facts, acc, Shape.of(o), pinned_units=units_pin)
        return hit

    def lock_in(self, acc: Accelerator, o: Offering) -> LockIn:
        key = (acc.id, o.deployment.value)
        hit = self._lock.get(key)
        if hit is None:
            spec = self.spec
            hit = self._lock[key] = lock_in(
                acc,
                o.deployment,
                sole_provider=self.catalog.sole_provider(acc.family),
                missing_frameworks=[str(f) for f in spec.frameworks if f not in acc.frameworks],
                purchase=spec.constraints.purchase_option,
            )
        return hit

    def evaluate(
        self,
        o: Offering,
        acc: Accelerator | None = None,
        *,
        pue: float = 1.0,
        units: int | None = None,
    ) -> Candidate:
        """Size, price and judge one offering. ``units`` fixes the unit count (locks,
        inventory groups); ``pue`` multiplies power for owned hardware."""
        spec = self.spec
        acc = acc or self.catalog.accelerator(o.accelerator_id)
        reasons = self.allowed.reasons(o, spec)
        acc_reasons, warnings, pnote = self._accelerator_facts(acc)
        reasons.extend(acc_reasons)
        if units is None:
            units, pin_problem = pinned_units(spec, o)
            if pin_problem:
                reasons.append(pin_problem)
        sizing = self.sizing(acc, o, units)
        reasons.extend(sizing.problems)
        price = unit_price(o, spec)
        if price.problem:
            reasons.append(price.problem)
        notes = [*o.flags, *sizing.notes, *warnings]
        if price.note:
            notes.append(price.note)
        n = sizing.units
        per_hour = per_month = total = kw = None
        if n is not None:
            per_hour, per_month = monthly_cost(price, n, spec)
            kw = power_kw(acc, o, n, self.a, pue)
            hours = sizing.time_to_train_hours
            if per_hour is not None and hours is not None:
                total = per_hour * hours
            reasons.extend(_limits(spec, per_month, total, kw, pnote))
            if (
                kw is None
                and spec.constraints.max_power_kw is not None
                and spec.constraints.unknown_power == "warn"
            ):
                notes.append(f"max_power_kw {spec.constraints.max_power_kw:g} not checked: {pnote}")
        return Candidate(
            offering=o,
            accelerator=acc,
            sizing=sizing,
            units=n,
            accelerators=sizing.accelerators,
            usd_per_hour=per_hour,
            usd_per_month=per_month,
            usd_total=total,
            power_kw=kw,
            lock_in=self.lock_in(acc, o),
            pue=pue,
            price_basis=price.basis,
            rejected_because=tuple(dict.fromkeys(reasons)),
            warnings=tuple(dict.fromkeys(notes)),
        )


def _limits(
    spec: WorkloadSpec,
    per_month: float | None,
    total: float | None,
    kw: float | None,
    pnote: str | None,
) -> list[str]:
    c = spec.constraints
    out: list[str] = []
    if c.max_usd_per_month is not None and per_month is not None:
        spend = monthly_spend(per_month, total)
        if spend is not None and spend > c.max_usd_per_month:
            out.append(f"over budget: ${spend:,.0f}/month > max ${c.max_usd_per_month:,.0f}/month")
    if c.max_usd_total is not None and total is not None and total > c.max_usd_total:
        out.append(f"over budget: ${total:,.0f} for the run > max ${c.max_usd_total:,.0f}")
    if c.max_power_kw is not None:
        if kw is None:
            if c.unknown_power == "reject":
                out.append(
                    f"{pnote}: cannot check max_power_kw {c.max_power_kw:g} "
                    "(constraints.unknown_power: reject)"
                )
        elif kw > c.max_power_kw:
            out.append(f"over power cap: {kw:,.2f} kW > max {c.max_power_kw:g} kW")
    return out
