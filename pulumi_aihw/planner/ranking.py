"""Rank feasible candidates by cost, power or a balanced score; explain each rank."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace

from pulumi_aihw.planner.assumptions import Assumptions
from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.planner.regions import NEAR_PCT
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.vocab import Objective, Portability

_INF = math.inf


def cost_key(c: Candidate) -> float:
    """What "cost" compares: the whole run for training with a known time, else per month.

    Rounded to cents so float noise never decides a rank.
    """
    if c.usd_total is not None:
        return round(c.usd_total, 2)
    return round(c.usd_per_month, 2) if c.usd_per_month is not None else _INF


def rank_cost(c: Candidate) -> float:
    """:func:`cost_key` for ordering: a suspect price (it disagrees with a second source)
    counts ``NEAR_PCT`` more, so it ranks behind an unflagged one at equal or near cost."""
    cost = cost_key(c)
    return round(cost * (1 + NEAR_PCT / 100), 2) if c.suspect else cost


def _tiebreak(c: Candidate) -> tuple[object, ...]:
    """Equal cost: the smaller monthly footprint, then fewer units, then names."""
    burn = round(c.usd_per_month, 2) if c.usd_per_month is not None else _INF
    return (burn, c.units or 0, c.provider, c.offering.offering, c.region or "")


def _money(c: Candidate) -> str:
    if c.usd_total is not None:
        return f"${c.usd_total:,.0f} for the run"
    return f"${c.usd_per_month:,.0f}/month" if c.usd_per_month is not None else "price unknown"


def _kw(c: Candidate) -> str:
    return c.power.label() if c.power.kw is not None else _legacy_kw(c)


def _legacy_kw(c: Candidate) -> str:
    """Candidates built without a power figure (owned servers) carry ``power_kw`` only."""
    return f"{c.power_kw:,.2f} kW" if c.power_kw is not None else "power unknown"


def balanced_scores(
    cands: Sequence[Candidate], spec: WorkloadSpec, a: Assumptions
) -> dict[int, float]:
    """Score = w_cost x cost/min + w_power x power/min + w_lock x penalty (lower is better).

    Unknown power counts as the worst known power. Lock-in penalties double when the
    spec prefers portability.
    """
    costs = [cost_key(c) for c in cands]
    powers = [c.power_kw for c in cands if c.power_kw is not None]
    min_cost = min(costs) if costs else 1.0
    min_power = min(powers) if powers else 1.0
    worst_power = max(powers) if powers else 1.0
    w = a.balanced_weights
    factor = 2.0 if spec.constraints.portability is Portability.PREFERRED else 1.0
    out = {}
    for c in cands:
        power = c.power_kw if c.power_kw is not None else worst_power
        score = (
            w["cost"] * cost_key(c) / (min_cost or 1.0)
            + w["power"] * power / (min_power or 1.0)
            + w["lock_in"] * a.lock_in_penalty[str(c.lock_in.level)] * factor
        )
        out[id(c)] = score
    return out


def rank(
    cands: Sequence[Candidate], objective: Objective, spec: WorkloadSpec, a: Assumptions
) -> list[Candidate]:
    """Feasible candidates in rank order, each with ``rank`` and ``rank_reason`` set."""
    if not cands:
        return []
    key: Callable[[Candidate], tuple[object, ...]]
    scores: dict[int, float] = {}
    if objective is Objective.COST:

        def key(c: Candidate) -> tuple[object, ...]:
            return (
                rank_cost(c),
                c.power_kw if c.power_kw is not None else _INF,
                c.lock_in.level.rank,
                *_tiebreak(c),
            )
    elif objective is Objective.POWER:

        def key(c: Candidate) -> tuple[object, ...]:
            high = c.power.high_kw if c.power.high_kw is not None else c.power_kw
            return (
                c.power_kw if c.power_kw is not None else _INF,
                high if high is not None else _INF,
                rank_cost(c),
                c.lock_in.level.rank,
                *_tiebreak(c),
            )
    else:
        scores = balanced_scores(cands, spec, a)

        def key(c: Candidate) -> tuple[object, ...]:
            return (round(scores[id(c)], 9), rank_cost(c), *_tiebreak(c))

    ordered = sorted(cands, key=key)
    best = ordered[0]
    out = []
    for i, c in enumerate(ordered, start=1):
        out.append(replace(c, rank=i, rank_reason=_reason(i, c, best, objective, scores)))
    return out


def _reason(
    i: int, c: Candidate, best: Candidate, objective: Objective, scores: dict[int, float]
) -> str:
    if objective is Objective.BALANCED:
        s = scores[id(c)]
        if i == 1:
            return (
                f"best balanced score {s:.3f} (cost {_money(c)}, {_kw(c)}, lock-in "
                f"{c.lock_in.level})"
            )
        return f"balanced score {s:.3f} vs {scores[id(best)]:.3f} for #1"
    if objective is Objective.POWER:
        if i == 1:
            return f"lowest power among feasible candidates: {_kw(c)}, {_money(c)}"
        if c.power_kw is None:
            return f"power cannot be evaluated, ranked after known ones; {_money(c)}"
        extra = (c.power_kw - best.power_kw) if best.power_kw is not None else 0.0
        est = " (estimates ranked by their central figure)" if c.power.basis == "estimate" else ""
        return f"+{extra:,.2f} kW vs #1 ({_kw(c)}, {_money(c)}){est}"
    if i == 1:
        return f"cheapest feasible: {_money(c)}, {_kw(c)}, lock-in {c.lock_in.level}"
    delta = cost_key(c) - cost_key(best)
    pct = 100 * delta / cost_key(best) if cost_key(best) else 0.0
    unit = " for the run" if c.usd_total is not None else "/month"
    sign = "+" if delta >= 0 else "-"
    change = f"{sign}${abs(delta):,.0f}{unit} ({sign}{abs(pct):.0f}%) vs #1"
    if c.suspect and abs(pct) <= NEAR_PCT:
        return (
            f"{change}; its price disagrees with a second source, so it ranks behind "
            "unflagged offerings at near-equal cost"
        )
    if delta == 0:
        return (
            f"same cost as #1 ({_money(c)}); ranked by power, lock-in, then the smaller "
            "monthly footprint"
        )
    return change
