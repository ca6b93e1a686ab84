"""Turn every catalog offering into a candidate: sized, priced, judged, with reasons."""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from dataclasses import dataclass

from pulumi_aihw.catalog.catalog import Catalog, normalize_name
from pulumi_aihw.catalog.groups import OfferingGroup
from pulumi_aihw.catalog.models import Accelerator, Offering
from pulumi_aihw.planner.assumptions import Assumptions
from pulumi_aihw.planner.economics import (
    LockIn,
    lock_in,
    monthly_cost,
    monthly_spend,
    portability_problem,
)
from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.planner.power import PowerFigure, power, power_note
from pulumi_aihw.planner.pricing import basis_of, unit_price
from pulumi_aihw.planner.regions import PLACEMENT, choose_row
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
    basis: str = "on-demand"
    """The price kind the spec's purchase option uses (``reserved-1y``, ...)."""

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
            basis_of(spec),
        )

    @property
    def has_region_rules(self) -> bool:
        return self.regions is not None or self.sites is not None

    def allowed_rows(self, g: OfferingGroup) -> tuple[Offering, ...]:
        """The rows of ``g`` in allowed regions (cloud) or sites (bare metal)."""
        names = self.regions if g.first.deployment is Deployment.CLOUD else self.sites
        if names is None:
            return g.preferred
        by_region, rank = g.by_region, g.rank or {}
        found = [by_region[r] for r in names if r in by_region]
        if len(found) > 1:
            found.sort(key=lambda o: rank[o.region])
        return tuple(found)

    def region_ok(self, o: Offering) -> bool:
        """Whether the spec allows ``o``'s region (cloud) or site (bare metal)."""
        if o.deployment is Deployment.CLOUD:
            return self.regions is None or o.region in self.regions
        return self.sites is None or o.region in self.sites

    def region_reason(self, o: Offering, where: str = "") -> str | None:
        """``region not allowed: ...`` (``where`` names where the offering is sold), or
        ``None``."""
        if self.region_ok(o):
            return None
        if o.deployment is Deployment.CLOUD:
            return f"region not allowed: {where or o.region} (allowed: {self.text['regions']})"
        return f"site not allowed: {o.region or 'unspecified'} (allowed: {self.text['sites']})"

    @functools.cached_property
    def text(self) -> dict[str, str]:
        """Each allow-list as the reasons print it (sorted once per plan)."""
        lists = {
            "providers": self.providers,
            "deployments": self.deployments,
            "regions": self.regions,
            "sites": self.sites,
            "accelerator_ids": self.accelerator_ids,
        }
        return {k: _list(v) for k, v in lists.items() if v is not None}

    def reasons(self, o: Offering, spec: WorkloadSpec) -> list[str]:
        """Placement and pin reasons, each ``category: detail``."""
        reason = self.region_reason(o)
        return [*self.shape_reasons(o, spec), *([reason] if reason else [])]

    def shape_reasons(self, o: Offering, spec: WorkloadSpec) -> list[str]:
        """Placement and pin reasons that hold in every region of ``o``."""
        out = []
        if self.providers is not None and o.provider not in self.providers:
            out.append(f"provider not allowed: {o.provider} (allowed: {self.text['providers']})")
        if self.deployments is not None and o.deployment not in self.deployments:
            out.append(
                f"deployment not allowed: {o.deployment} (allowed: {self.text['deployments']})"
            )
        if self.offerings is not None and o.offering not in self.offerings:
            out.append(f"offering not allowed: {o.offering} is not in the allow-list")
        if self.accelerator_ids is not None and o.accelerator_id not in self.accelerator_ids:
            out.append(
                f"accelerator not allowed: {o.accelerator_id} "
                f"(allowed: {self.text['accelerator_ids']})"
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
        self.facts = SpecFacts.of(spec, a, catalog.efficiency)
        self.basis = self.allowed.basis
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
        key = (acc.id, o.deployment)
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

    def evaluate_group(self, g: OfferingGroup) -> Candidate:
        """One candidate for all regions of an offering: its hardware judged once, priced
        in the cheapest region the spec allows (an unflagged price first at near-equal
        cost); the other allowed regions ride along as ``other_rows``."""
        # an excluded group shows its cheapest region, as choose_row does when none is allowed
        shown = (g.by_price.get(self.basis) or g.preferred)[0]
        ruled_out = self.allowed.shape_reasons(shown, self.spec)
        if ruled_out and any(r.startswith(PLACEMENT) for r in ruled_out):  # in every region
            region = self.allowed.region_reason(shown, g.where)
            reasons = [*ruled_out, region] if region else ruled_out
            return self._excluded(
                shown, self.catalog.accelerator(shown.accelerator_id), reasons, ()
            )
        row, others, region_reason = choose_row(g, self.spec, self.allowed)
        return self.evaluate(
            row, region_reason=region_reason, other_rows=others, shape_reasons=ruled_out
        )

    def evaluate(
        self,
        o: Offering,
        acc: Accelerator | None = None,
        *,
        pue: float = 1.0,
        units: int | None = None,
        region_reason: str | None = None,
        other_rows: tuple[Offering, ...] = (),
        shape_reasons: list[str] | None = None,
    ) -> Candidate:
        """Size, price and judge one offering. ``units`` fixes the unit count (locks,
        inventory groups); ``pue`` multiplies power for owned hardware; ``shape_reasons``
        are the placement reasons already found for ``o``'s group."""
        spec = self.spec
        acc = acc or self.catalog.accelerator(o.accelerator_id)
        reasons = (
            shape_reasons if shape_reasons is not None else self.allowed.shape_reasons(o, spec)
        )
        reason = region_reason or self.allowed.region_reason(o)
        if reason:
            reasons.append(reason)
        if reasons and units is None and any(r.startswith(PLACEMENT) for r in reasons):
            return self._excluded(o, acc, reasons, other_rows)
        acc_reasons, warnings, pnote = self._accelerator_facts(acc)
        reasons.extend(acc_reasons)
        if acc_reasons and units is None:  # the accelerator cannot do the job anywhere
            return self._excluded(o, acc, reasons, other_rows)
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
        for extra in (price.note, price.your_rate):
            if extra:
                notes.append(extra)
        n = sizing.units
        per_hour = per_month = total = None
        pw = PowerFigure(None, None, None, acc.power_basis)
        if n is not None:
            per_hour, per_month = monthly_cost(price, n, spec)
            pw = power(acc, o, n, self.a, pue)
            hours = sizing.time_to_train_hours
            if per_hour is not None and hours is not None:
                total = per_hour * hours
            reasons.extend(_limits(spec, per_month, total, pw, pnote))
            if (
                not pw.known
                and spec.constraints.max_power_kw is not None
                and spec.constraints.unknown_power == "warn"
            ):
                notes.append(
                    f"max_power_kw {spec.constraints.max_power_kw:g} cannot be evaluated: {pnote}"
                )
        return Candidate(
            offering=o,
            accelerator=acc,
            sizing=sizing,
            units=n,
            accelerators=sizing.accelerators,
            usd_per_hour=per_hour,
            usd_per_month=per_month,
            usd_total=total,
            power_kw=pw.kw,
            lock_in=self.lock_in(acc, o),
            pue=pue,
            price_basis=price.basis,
            rejected_because=tuple(dict.fromkeys(reasons)),
            warnings=tuple(dict.fromkeys(notes)),
            power=pw,
            your_rate=price.your_rate,
            catalog_usd_per_unit_hour=price.catalog_usd_per_unit_hour,
            suspect=price.suspect,
            other_rows=other_rows,
        )

    def _excluded(
        self, o: Offering, acc: Accelerator, reasons: list[str], others: tuple[Offering, ...]
    ) -> Candidate:
        """A candidate the spec rules out whatever its size and price (placement, pin,
        framework, training, portability): not sized, priced or powered."""
        return Candidate(
            excluded=True,
            offering=o,
            accelerator=acc,
            sizing=None,
            units=None,
            accelerators=None,
            usd_per_hour=None,
            usd_per_month=None,
            usd_total=None,
            power_kw=None,
            lock_in=self.lock_in(acc, o),
            price_basis=self.basis,
            rejected_because=tuple(dict.fromkeys(reasons)),
            warnings=o.flags,
            other_rows=others,
        )


def _limits(
    spec: WorkloadSpec,
    per_month: float | None,
    total: float | None,
    pw: PowerFigure,
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
        cap_kw = pw.cap_kw
        if cap_kw is None:
            if c.unknown_power == "reject":
                out.append(
                    f"power cannot be evaluated: {pnote}; max_power_kw {c.max_power_kw:g} "
                    "(constraints.unknown_power: reject)"
                )
        elif cap_kw > c.max_power_kw:
            ranged = pw.high_kw is not None and pw.kw is not None and pw.high_kw > pw.kw
            what = (
                f"up to {cap_kw:,.2f} kW (high end of {pw.label()})"
                if ranged
                else (f"{cap_kw:,.2f} kW")
            )
            out.append(f"over power cap: {what} > max {c.max_power_kw:g} kW")
    return out
