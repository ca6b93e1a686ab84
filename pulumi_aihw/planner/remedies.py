"""What would make a rejected candidate feasible: one remedy per rejection reason, with
the spec field to change and, where the planner knows it, by how much
("+$412/month budget (constraints.max_usd_per_month: 1,612)")."""

from __future__ import annotations

import math
from collections.abc import Callable

from pulumi_aihw.planner.economics import monthly_spend
from pulumi_aihw.planner.gates import Limits, missing_frameworks, policy_view
from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.planner.summary import category
from pulumi_aihw.spec.models import WorkloadSpec

Remedy = Callable[[Candidate, WorkloadSpec, str], str]


def _budget(c: Candidate, spec: WorkloadSpec, reason: str) -> str:
    limits = Limits.of(spec, policy_view(spec))
    if "for the run" in reason and c.usd_total is not None and limits.max_usd_total:
        extra = c.usd_total - limits.max_usd_total
        return (
            f"+${extra:,.0f} run budget (constraints.max_usd_total: {math.ceil(c.usd_total):,}), "
            "or fewer units (a longer training.deadline_days)"
        )
    spend = monthly_spend(c.usd_per_month, c.usd_total)
    budget = limits.max_usd_per_month
    if spend is None or budget is None:
        return "a higher budget (constraints.max_usd_per_month)"
    field = (
        "constraints.max_usd_per_month"
        if spec.constraints.max_usd_per_month
        else ("the profile policy's maxUsdPerMonth, or a budget in the spec")
    )
    more = f"+${spend - budget:,.0f}/month budget ({field}: {math.ceil(spend):,})"
    return more + _spot(c, spec, budget)


def _spot(c: Candidate, spec: WorkloadSpec, budget: float) -> str:
    """``, or spot capacity ($1,150/month)`` when the spot price fits the budget."""
    spot = c.offering.spot_usd_per_hour
    if spec.constraints.purchase_option != "on-demand" or spot is None or not c.units:
        return ""
    if c.usd_per_month is None or not c.usd_per_hour:
        return ""
    monthly = spot * c.units * c.usd_per_month / c.usd_per_hour  # the same hours billed
    fits = monthly <= budget and (c.usd_total is None or spec.constraints.max_usd_total is None)
    return (
        f", or spot capacity (constraints.purchase_option: spot, ${monthly:,.0f}/month)"
        if fits
        else ""
    )


def _power(c: Candidate, spec: WorkloadSpec, reason: str) -> str:
    cap = spec.constraints.max_power_kw
    # caps compare the high end of an estimated or measured figure
    drawn = c.power.cap_kw if c.power.cap_kw is not None else c.power_kw
    if drawn is None:
        return "constraints.unknown_power: warn (keep candidates whose power is unknown)"
    if cap is None or drawn <= cap:
        return f"a stack power cap of at least {drawn:,.2f} kW (the profile's maxStackKw)"
    return f"+{drawn - cap:,.2f} kW power cap (constraints.max_power_kw: {drawn:,.2f})"


def _demand(c: Candidate, spec: WorkloadSpec, reason: str) -> str:
    s = c.sizing
    if "concurrent" in reason:
        return "fewer demand.concurrent_requests, or more units"
    if s is None or s.tokens_per_second is None or s.units is None or spec.demand is None:
        return "a lower demand or a larger offering of this family"
    wanted = spec.demand.total_tokens_per_second
    if spec.pin is not None:
        units = math.ceil(s.units * wanted / s.tokens_per_second)
        return f"pin.units: {units} (estimated {s.tokens_per_second:,.0f} tokens/s from {s.units})"
    return f"a demand of at most {s.tokens_per_second:,.0f} tokens/s"


def _deadline(c: Candidate, spec: WorkloadSpec, reason: str) -> str:
    hours = c.sizing.time_to_train_hours if c.sizing is not None else None
    if hours is None:
        return "a longer training.deadline_days"
    return f"training.deadline_days: {math.ceil(hours / 24):,} (estimated {hours / 24:,.1f} days)"


def _frameworks(c: Candidate, spec: WorkloadSpec, reason: str) -> str:
    missing = missing_frameworks(c.accelerator, spec.frameworks)
    return f"frameworks without {', '.join(missing)} (not native on {c.accelerator.name})"


def _policy(c: Candidate, spec: WorkloadSpec, reason: str) -> str:
    rule = category(reason).removeprefix("mandatory policy ")
    return (
        f"suppressions: [{{rule: {rule}, reason: ...}}] in the spec, or a lower level for the "
        "policy in the profile (the platform team's call)"
    )


def _fixed(text: str) -> Remedy:
    return lambda c, spec, reason: text


REMEDIES: dict[str, Remedy] = {
    "over budget": _budget,
    "over power cap": _power,
    "cannot meet demand": _demand,
    "cannot meet deadline": _deadline,
    "framework unsupported": _frameworks,
    "portability required": lambda c, s, r: (
        f"constraints.portability: preferred or none (accept the {c.accelerator.vendor_sdk})"
    ),
    "region not allowed": lambda c, s, r: f"placement.regions: add {c.region}",
    "provider not allowed": lambda c, s, r: f"placement.providers: add {c.provider}",
    "deployment not allowed": lambda c, s, r: f"placement.deployments: add {c.offering.deployment}",
    "site not allowed": lambda c, s, r: f"placement.sites: add {c.region}",
    "offering not allowed": lambda c, s, r: (
        f"placement.offerings: add {c.offering.offering} (a profile's allow-list is the platform "
        "team's)"
    ),
    "accelerator not allowed": lambda c, s, r: f"placement.accelerators: add {c.accelerator.id}",
    "not pinned": lambda c, s, r: f"pin.offering: {c.offering.offering}, or no pin",
    "cannot train": _fixed("phase: inference (the accelerator is inference-only)"),
    "does not fit": _fixed(
        "a lower model.precision (int8 halves the weights), a shorter "
        "model.context_length_tokens, or a larger unit of this family"
    ),
    "cannot span nodes": _fixed("a larger unit, or an offering with a multi-node interconnect"),
    "slice too small": _fixed("the larger slice named in the reason"),
    "too large": _fixed("a larger unit of this family, or less work per run"),
    "price unknown": _fixed(
        "another constraints.purchase_option, or a catalog snapshot that prices it (--catalog)"
    ),
    "purchase option not offered": _fixed("constraints.purchase_option: on-demand"),
    "power unknown": _fixed("constraints.unknown_power: warn (keep candidates of unknown power)"),
    "memory unknown": _fixed("none in the spec: the catalog has no memory size for it"),
    "cannot estimate throughput": _fixed("a pin (pin.offering and pin.units) to take it as is"),
    "cannot check the deadline": _fixed("no deadline (training.deadline_days), or a pin"),
}
"""Rejection category -> its remedy."""


def remedies(c: Candidate, spec: WorkloadSpec) -> list[str]:
    """One remedy per rejection reason of ``c`` (in the reasons' order, no repeats)."""
    out: list[str] = []
    for reason in c.rejected_because:
        cat = category(reason)
        if cat.startswith("mandatory policy "):
            fix = _policy(c, spec, reason)
        elif cat in REMEDIES:
            fix = REMEDIES[cat](c, spec, reason)
        else:
            fix = f"no remedy known for '{cat}'"
        if fix not in out:
            out.append(fix)
    return out
