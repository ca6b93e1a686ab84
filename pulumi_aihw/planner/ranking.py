"""Rank feasible candidates by cost, power, a balanced score, tokens per kWh or tokens per
dollar; prefer a portable candidate within a premium when the spec prefers portability;
explain each rank: #1 says what it beat (the runner-up and, where portability is preferred,
the portable or the cheaper option), never what the "Chosen" line already says; every
other rank says how far it is from #1."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace

from pulumi_aihw.planner.assumptions import Assumptions
from pulumi_aihw.planner.economics import cost_key, is_portable
from pulumi_aihw.planner.estimates import (
    Figure,
    MetricBasis,
    metric_basis,
    million_tokens_per_usd,
    run_kwh,
    tokens_per_kwh,
)
from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.planner.regions import NEAR_PCT
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.vocab import Objective, Portability

_INF = math.inf


def rank_cost(c: Candidate) -> float:
    """:func:`cost_key` for ordering: a suspect price (it disagrees with a second source)
    counts ``NEAR_PCT`` more, so it ranks behind an unflagged one at equal or near cost."""
    cost = cost_key(c)
    return round(cost * (1 + NEAR_PCT / 100), 2) if c.suspect else cost


def _tiebreak(c: Candidate) -> tuple[object, ...]:
    """Equal cost: the smaller monthly footprint, then fewer units, then names."""
    burn = round(c.usd_per_month, 2) if c.usd_per_month is not None else _INF
    return (burn, c.units or 0, c.provider, c.offering.offering, c.region or "")


def _power(c: Candidate) -> float:
    return c.power_kw if c.power_kw is not None else _INF


def _power_high(c: Candidate) -> float:
    """The high end of an estimated or measured power figure (ties of the central one)."""
    high = c.power.high_kw if c.power.high_kw is not None else c.power_kw
    return high if high is not None else _INF


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
        return lambda c: (
            _power(c),
            _power_high(c),
            rank_cost(c),
            c.lock_in.level.rank,
            *_tiebreak(c),
        )
    if objective is Objective.BALANCED:
        assert scores is not None
        return lambda c: (round(scores[id(c)], 9), rank_cost(c), *_tiebreak(c))
    if objective is Objective.PERF_PER_WATT:
        return lambda c: (
            _higher_first(tokens_per_kwh(c, basis).value),
            rank_cost(c),
            c.lock_in.level.rank,
            *_tiebreak(c),
        )
    if objective is Objective.PERF_PER_DOLLAR:
        return lambda c: (
            _higher_first(million_tokens_per_usd(c, basis).value),
            rank_cost(c),
            _power(c),
            c.lock_in.level.rank,
            *_tiebreak(c),
        )
    return lambda c: (rank_cost(c), _power(c), c.lock_in.level.rank, *_tiebreak(c))


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


# -- why each rank ---------------------------------------------------------------


def name(c: Candidate) -> str:
    return f"{c.provider} {c.offering.offering}"


def money(c: Candidate) -> str:
    if c.usd_total is not None:
        return f"${c.usd_total:,.0f} for the run"
    return f"${c.usd_per_month:,.0f}/month" if c.usd_per_month is not None else "price unknown"


def kw(c: Candidate) -> str:
    """``0.90 kW``; ``~0.77 kW est. (0.48-0.77)``; ``power unknown``."""
    if c.power.kw is not None:
        return c.power.label()
    # owned servers carry only ``power_kw`` (their inventory's figure)
    return f"{c.power_kw:,.2f} kW" if c.power_kw is not None else "power unknown"


def cost_delta(c: Candidate, base: Candidate) -> str:
    """``+$1,290/month (+58%)`` (or ``-$..`` when cheaper)."""
    delta = cost_key(c) - cost_key(base)
    pct = 100 * delta / cost_key(base) if cost_key(base) else 0.0
    unit = " for the run" if c.usd_total is not None else "/month"
    sign = "+" if delta >= 0 else "-"
    return f"{sign}${abs(delta):,.0f}{unit} ({pct:+.0f}%)"


def _pct(value: float, base: float) -> str:
    return f"{100 * (value - base) / base:+.0f}%" if base else "n/a"


class Reasons:
    """Rank reasons for one ordered list of feasible candidates."""

    def __init__(
        self,
        ordered: Sequence[Candidate],
        objective: Objective,
        spec: WorkloadSpec,
        basis: MetricBasis,
        scores: dict[int, float],
    ) -> None:
        self.ordered = ordered
        self.objective = objective
        self.basis = basis
        self.scores = scores
        self.n = len(ordered)
        self.best = ordered[0]
        self.premium = spec.constraints.portability_premium_percent
        self.prefers_portable = (
            objective is Objective.COST and spec.constraints.portability is Portability.PREFERRED
        )
        self.cheapest = min(ordered, key=cost_key)
        self.portable = next((c for c in ordered if is_portable(c.accelerator)), None)

    def __call__(self, i: int, c: Candidate) -> str:
        if self.objective is Objective.BALANCED:
            return self._balanced(i, c)
        if self.objective is Objective.POWER:
            return self._power(i, c)
        if self.objective is Objective.PERF_PER_WATT:
            return self._per_watt(i, c)
        if self.objective is Objective.PERF_PER_DOLLAR:
            return self._per_dollar(i, c)
        return self._cost(i, c)

    def _runner_up(self) -> Candidate | None:
        return self.ordered[1] if self.n > 1 else None

    def _head(self, what: str) -> str:
        return "the only feasible candidate" if self.n == 1 else f"{what} of {self.n} feasible"

    def _cost(self, i: int, c: Candidate) -> str:
        if i > 1:
            return self._cost_other(c)
        cheapest = self.cheapest
        if self.prefers_portable and c is not cheapest and cost_key(c) > cost_key(cheapest):
            return (
                f"portable, preferred over the cheapest, {name(cheapest)} ({money(cheapest)}, "
                f"lock-in {cheapest.lock_in.level}, needs the {cheapest.accelerator.vendor_sdk}): "
                f"{cost_delta(c, cheapest)}, within the {self.premium:g}% premium of "
                "portability: preferred"
            )
        out = self._head("cheapest")
        nxt = self._runner_up()
        if nxt is not None:
            same = cost_key(nxt) == cost_key(c)
            out += f"; #2 {name(nxt)} " + (
                "costs the same" if same else f"costs {cost_delta(nxt, c)}"
            )
        if self.prefers_portable and not is_portable(c.accelerator):
            p = self.portable
            out += (
                "; no portable candidate is feasible"
                if p is None
                else f"; the cheapest portable, {name(p)}, costs {cost_delta(p, c)}: more than "
                f"the {self.premium:g}% premium portability: preferred accepts"
            )
        return out

    def _cost_other(self, c: Candidate) -> str:
        delta = cost_key(c) - cost_key(self.best)
        base = cost_key(self.best)
        if c.suspect and base and abs(100 * delta / base) <= NEAR_PCT:
            return (
                f"{cost_delta(c, self.best)} vs #1; its price disagrees with a second source, "
                "so it ranks behind unflagged offerings at near-equal cost"
            )
        if delta == 0:
            return (
                f"same cost as #1 ({money(c)}); ranked by power, lock-in, then the smaller "
                "monthly footprint"
            )
        if delta < 0:
            return (
                f"{cost_delta(c, self.best)} vs #1 but needs the {c.accelerator.vendor_sdk}: "
                f"portability: preferred takes a portable candidate up to {self.premium:g}% "
                "dearer"
            )
        return f"{cost_delta(c, self.best)} vs #1"

    def _power(self, i: int, c: Candidate) -> str:
        best = self.best
        est = " (estimates ranked by their central figure)" if c.power.basis == "estimate" else ""
        if i == 1:
            nxt = self._runner_up()
            out = self._head("lowest power")
            if est:
                out += f": {kw(c)}{est}"
            if nxt is not None and nxt.power_kw is not None and c.power_kw is not None:
                out += f"; #2 {name(nxt)} draws +{nxt.power_kw - c.power_kw:,.2f} kW"
            return out
        if c.power_kw is None:
            return f"power cannot be evaluated, ranked after known ones; {money(c)}"
        extra = (c.power_kw - best.power_kw) if best.power_kw is not None else 0.0
        return f"+{extra:,.2f} kW vs #1 ({kw(c)}, {money(c)}){est}"

    def _balanced(self, i: int, c: Candidate) -> str:
        s = self.scores[id(c)]
        if i == 1:
            nxt = self._runner_up()
            tail = f"; #2 {name(nxt)} scores {self.scores[id(nxt)]:.3f}" if nxt else ""
            return (
                f"best balanced score {s:.3f} (cost {money(c)}, {kw(c)}, lock-in "
                f"{c.lock_in.level}){tail}"
            )
        return f"balanced score {s:.3f} vs {self.scores[id(self.best)]:.3f} for #1"

    def _per_watt(self, i: int, c: Candidate) -> str:
        training = self.basis.training_tokens is not None
        fig = run_kwh(c) if training else tokens_per_kwh(c, self.basis)
        top = run_kwh(self.best) if training else tokens_per_kwh(self.best, self.basis)
        if fig.value is None:
            return "energy unknown (power or time unknown), ranked after known ones"
        text = _per_watt_text(fig, training)
        if i == 1 or top.value is None:
            return self._head("least energy" if training else "most tokens per kWh") + f": {text}"
        return f"{text} ({_pct(fig.value, top.value)} vs #1)"

    def _per_dollar(self, i: int, c: Candidate) -> str:
        fig = million_tokens_per_usd(c, self.basis)
        top = million_tokens_per_usd(self.best, self.basis)
        if fig.value is None:
            return "tokens per dollar unknown (price or throughput unknown), ranked last"
        text = f"{_span(fig, '{:,.2f}')} M tokens/$"
        if i == 1 or top.value is None:
            return self._head("most tokens per dollar") + f": {text}"
        return f"{text} ({_pct(fig.value, top.value)} vs #1)"


def _span(fig: Figure, fmt: str) -> str:
    """``1.20`` or ``1.20 (0.90-1.50)``: a figure with its range, if it has one."""
    assert fig.value is not None
    out = fmt.format(fig.value)
    span = fig.span()
    return out if span is None else f"{out} ({fmt.format(span[0])}-{fmt.format(span[1])})"


def _per_watt_text(fig: Figure, training: bool) -> str:
    if training:
        return f"{_span(fig, '{:,.0f}')} kWh for the run"
    m = Figure(*(None if v is None else v / 1e6 for v in (fig.value, fig.low, fig.high)))
    return f"{_span(m, '{:,.2f}')} M tokens/kWh"


__all__ = ["balanced_scores", "cost_key", "prefer_portable", "rank", "rank_cost", "sort_key"]
