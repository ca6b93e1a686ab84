"""Rank feasible candidates by cost, power, a balanced score, tokens per kWh or tokens per
dollar; prefer a portable candidate within a premium when the spec prefers portability;
explain each rank (:mod:`pulumi_aihw.planner.rank_reasons`)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace

from pulumi_aihw.planner.assumptions import Assumptions
from pulumi_aihw.planner.economics import cost_key, is_portable
from pulumi_aihw.planner.estimates import (
    MetricBasis,
    metric_basis,
    million_tokens_per_usd,
    tokens_per_kwh,
)
from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.planner.rank_reasons import Reasons
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.vocab import Objective, Portability

_INF = math.inf


def _tiebreak(c: Candidate) -> tuple[object, ...]:
    """Equal cost: the smaller monthly footprint, then fewer units, then names."""
    burn = round(c.usd_per_month, 2) if c.usd_per_month is not None else _INF
    return (burn, c.units or 0, c.provider, c.offering.offering, c.region or "")


def _power(c: Candidate) -> float:
    return c.power_kw if c.power_kw is not None else _INF


def _higher_first(value: float | None) -> float:
    """Sort key for "more is better" figures; unknown ranks last."""
    return -value if value is not None else _INF


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


Key = Callable[[Candidate], tuple[object, ...]]


def sort_key(
    objective: Objective, basis: MetricBasis, scores: dict[int, float] | None = None
) -> Key:
    """The ordering of one objective (lower sorts first)."""
    if objective is Objective.POWER:
        return lambda c: (_power(c), cost_key(c), c.lock_in.level.rank, *_tiebreak(c))
    if objective is Objective.BALANCED:
        assert scores is not None
        return lambda c: (round(scores[id(c)], 9), cost_key(c), *_tiebreak(c))
    if objective is Objective.PERF_PER_WATT:
        return lambda c: (
            _higher_first(tokens_per_kwh(c, basis)),
            cost_key(c),
            c.lock_in.level.rank,
            *_tiebreak(c),
        )
    if objective is Objective.PERF_PER_DOLLAR:
        return lambda c: (
            _higher_first(million_tokens_per_usd(c, basis)),
            cost_key(c),
            _power(c),
            c.lock_in.level.rank,
            *_tiebreak(c),
        )
    return lambda c: (cost_key(c), _power(c), c.lock_in.level.rank, *_tiebreak(c))


def prefer_portable(ordered: list[Candidate], premium_percent: float) -> list[Candidate]:
    """``portability: preferred`` under the cost objective: the cheapest portable
    candidate goes first when it costs at most ``premium_percent`` more than #1."""
    if not ordered or is_portable(ordered[0].accelerator):
        return ordered
    best = cost_key(ordered[0])
    for i, c in enumerate(ordered):
        if is_portable(c.accelerator):
            if cost_key(c) <= best * (1 + premium_percent / 100):
                return [c, *ordered[:i], *ordered[i + 1 :]]
            break
    return ordered


def rank(
    cands: Sequence[Candidate], objective: Objective, spec: WorkloadSpec, a: Assumptions
) -> list[Candidate]:
    """Feasible candidates in rank order, each with ``rank`` and ``rank_reason`` set."""
    if not cands:
        return []
    basis = metric_basis(spec)
    scores = balanced_scores(cands, spec, a) if objective is Objective.BALANCED else None
    ordered = sorted(cands, key=sort_key(objective, basis, scores))
    preferred = spec.constraints.portability is Portability.PREFERRED
    if objective is Objective.COST and preferred:
        ordered = prefer_portable(ordered, spec.constraints.portability_premium_percent)
    why = Reasons(ordered, objective, spec, basis, scores or {})
    return [replace(c, rank=i, rank_reason=why(i, c)) for i, c in enumerate(ordered, start=1)]


__all__ = ["balanced_scores", "cost_key", "prefer_portable", "rank", "sort_key"]
