"""``aihw explain``: everything about one candidate of a plan. Its sizing step by step,
its price with source and date, its power with its basis, its lock-in, every rejection
reason and what would make it feasible, and where it stands against the plan's choice.
Pure: built from a finished plan and its spec."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pulumi_aihw.errors import InputError, Problem
from pulumi_aihw.planner.assumptions import DEFAULT_ASSUMPTIONS, HOURS_PER_MONTH, Assumptions
from pulumi_aihw.planner.comparison import family_of
from pulumi_aihw.planner.economics import hours_per_day
from pulumi_aihw.planner.estimates import estimate_dict, estimate_label, flags
from pulumi_aihw.planner.explain_sizing import Step, sizing_steps
from pulumi_aihw.planner.models import Candidate, Plan
from pulumi_aihw.planner.power import chip_watts, power_note
from pulumi_aihw.planner.remedies import remedies
from pulumi_aihw.planner.sizing import SpecFacts
from pulumi_aihw.spec.models import WorkloadSpec


@dataclass(frozen=True)
class Explanation:
    plan: Plan
    candidate: Candidate
    sizing: tuple[Step, ...]
    price: tuple[Step, ...]
    power: tuple[Step, ...]
    remedies: tuple[str, ...]
    other_regions: tuple[str, ...]
    """The same offering elsewhere: the other allowed regions it is judged in with their
    price (``us-west-2 ($1.8610/instance-hour)``), other candidates of it
    (``eu-west-1 (rejected)``)."""

    @property
    def standing(self) -> str:
        c, p = self.candidate, self.plan
        if c.feasible:
            chosen = " (the plan's choice)" if p.chosen is c else ""
            return f"#{c.rank} of {len(p.feasible)} feasible{chosen}: {c.rank_reason}"
        n = len(c.rejected_because)
        return f"not feasible: {n} reason{'s' if n != 1 else ''}"

    def to_dict(self) -> dict[str, Any]:
        c = self.candidate
        return {
            "workload": self.plan.workload,
            "catalog_as_of": self.plan.catalog_as_of.isoformat(),
            "candidate": {**c.to_dict(), "estimate": estimate_dict(c, self.plan.basis)},
            "family": str(family_of(c)),
            "standing": self.standing,
            "chosen": None
            if self.plan.chosen is None
            else f"{self.plan.chosen.provider} {self.plan.chosen.offering.offering}",
            "sizing": [s.to_dict() for s in self.sizing],
            "uncertainty": estimate_label(c),
            "price": [s.to_dict() for s in self.price],
            "power": [s.to_dict() for s in self.power],
            "lock_in": c.lock_in.to_dict(),
            "rejected_because": list(c.rejected_because),
            "to_make_feasible": list(self.remedies),
            "other_regions": list(self.other_regions),
        }


PRICE_FLAGS = ("suspect price", "your rate")


def _source(text: str, basis: str) -> str:
    """The source of the price kind used, from ``on-demand: ...; spot: ...`` (the whole
    text when it names no kinds)."""
    parts = [p for p in text.split("; ") if p.startswith(f"{basis}: ")]
    return parts[0] if parts else text


def price_steps(spec: WorkloadSpec, c: Candidate) -> list[Step]:
    o = c.offering
    out = [Step("source", _source(o.source, c.price_basis), f"as of {c.as_of}")]
    if c.usd_per_hour is None or c.units is None:
        return [*out, Step("price", f"{c.price_basis}: no price", "unknown")]
    unit = c.usd_per_hour / c.units
    if o.monthly_price is not None:
        out.append(
            Step(
                "monthly rent",
                f"{o.monthly_price:,.2f} {o.price_currency} per {o.unit_kind}",
                f"${unit * HOURS_PER_MONTH:,.2f}/month in USD",
            )
        )
    else:
        out.append(Step(f"{c.price_basis} price", f"per {o.unit_kind}-hour", f"${unit:,.4f}"))
    if c.usd_per_month is not None:
        hours = c.usd_per_month / c.usd_per_hour
        when = (
            "billed around the clock"
            if abs(hours - HOURS_PER_MONTH) < 0.01
            else f"{hours_per_day(spec):g} h/day"
        )
        out.append(
            Step(
                "per month",
                f"${unit:,.4f} x {c.units} {o.unit_kind}(s) x {hours:,.0f} h ({when})",
                f"${c.usd_per_month:,.2f}",
            )
        )
    if c.usd_total is not None and c.sizing and c.sizing.time_to_train_hours is not None:
        out.append(
            Step(
                "the training run",
                f"${c.usd_per_hour:,.2f}/hour x {c.sizing.time_to_train_hours:,.1f} hours",
                f"${c.usd_total:,.2f}",
            )
        )
    if c.your_rate and c.catalog_usd_per_unit_hour is not None:
        out.append(
            Step("catalog price", "before your rate", f"${c.catalog_usd_per_unit_hour:,.4f}")
        )
    out += [Step("flag", f.text, f.code) for f in flags(c) if f.code in PRICE_FLAGS]
    return out


def power_steps(c: Candidate, a: Assumptions) -> list[Step]:
    """Accelerators x their figure (with its basis and range) plus hosts, as
    :func:`pulumi_aihw.planner.power.power` computes it."""
    acc, o, pw = c.accelerator, c.offering, c.power
    if c.units is None or c.power_kw is None:
        return [Step("power", power_note(acc) or f"no power figure for {acc.name}", "unknown")]
    if pw.kw is None:  # owned servers: the inventory's figure
        return [
            Step(
                "IT power",
                "the inventory's servers: cards x watts + host",
                f"{c.it_power_kw:,.2f} kW",
            ),
            Step("at the meter", f"x PUE {c.pue:g}", f"{c.power_kw:,.2f} kW"),
        ]
    point, low, high, basis = chip_watts(acc)
    assert point is not None  # a known PowerFigure has a per-chip figure
    chips = o.accelerators_per_unit * c.units
    vcpus = o.vcpus if o.vcpus is not None else a.default_host_vcpus * o.hosts_per_unit
    assumed = "" if o.vcpus is not None else " (assumed)"
    host = max(a.min_host_watts, a.host_watts_per_vcpu * vcpus) * c.units
    span = f", {low:g}-{high:g} W" if low is not None and high is not None else ""
    pue = f" x PUE {c.pue:g}" if c.pue != 1 else ""
    note = power_note(acc)
    return [
        Step(
            "accelerators",
            f"{chips:g} x {point:g} W ({basis}{span})",
            f"{chips * point / 1000:,.2f} kW",
        ),
        Step(
            "hosts",
            f"max({a.min_host_watts:g} W, {a.host_watts_per_vcpu:g} W x {vcpus:g} vCPUs{assumed}) "
            f"x {c.units}",
            f"{host / 1000:,.2f} kW",
        ),
        Step("total", f"accelerators + hosts{pue}; basis: {basis}", pw.label()),
        *([Step("basis", note, str(basis))] if note else []),
    ]


def _regions(c: Candidate) -> list[str]:
    """Where the candidate is judged: its priced region, then the other allowed ones."""
    return [c.region or "-", *(r.region or "-" for r in c.other_rows)]


def find(plan: Plan, offering: str, region: str | None) -> list[Candidate]:
    """The plan's candidates of ``offering`` (judged in ``region``), best placed first. An
    offering is one candidate for all the regions the spec allows (priced in the cheapest),
    so ``region`` may be any of them."""
    wanted = offering.lower()
    found = [c for c in plan.candidates if c.offering.offering.lower() == wanted]
    if region is not None:
        here = [c for c in found if region in _regions(c)]
        if not here and found:
            regions = ", ".join(sorted({r for c in found for r in _regions(c)}))
            raise InputError(
                Problem(f"{offering} is not offered in {region}; it is offered in: {regions}")
            )
        found = here
    return found


def _where(c: Candidate) -> str:
    state = f"#{c.rank}" if c.feasible else "rejected"
    return f"{c.region or 'location unspecified'} ({state})"


def _others(c: Candidate, found: list[Candidate]) -> tuple[str, ...]:
    """The same offering elsewhere: other allowed regions judged with it (with their
    price), then other candidates of the offering (``eu-west-1 (rejected)``)."""
    unit = c.offering.unit_kind
    priced = tuple(
        f"{r['region']} (${r['usd_per_unit_hour']:,.4f}/{unit}-hour)"
        if r["usd_per_unit_hour"] is not None
        else f"{r['region']} (price unknown)"
        for r in c.other_regions()
    )
    return (*priced, *(_where(o) for o in found if o is not c))


def explain(
    plan: Plan,
    spec: WorkloadSpec,
    offering: str,
    region: str | None = None,
    assumptions: Assumptions = DEFAULT_ASSUMPTIONS,
) -> Explanation:
    """The explanation of ``offering`` (in ``region``, else where it is placed best).
    :class:`InputError` when the plan has no such candidate."""
    found = find(plan, offering, region)
    if not found:
        raise InputError(
            Problem(
                f"no candidate named {offering} in the plan for {plan.workload}. To fix: use an "
                "offering name from `aihw catalog` (or an owned server group from the inventory)"
            )
        )
    c = found[0]
    return Explanation(
        plan,
        c,
        tuple(sizing_steps(spec, c, SpecFacts.of(spec, assumptions, plan.efficiency))),
        tuple(price_steps(spec, c)),
        tuple(power_steps(c, assumptions)),
        tuple(remedies(c, spec)),
        _others(c, found),
    )
