"""``aihw plan`` for a terminal: the choice, the best of each hardware family side by side,
the top candidates with their estimates, and why the rest lost. Fits ``width`` columns:
every cell is one line; columns are dropped by priority when the terminal is narrow."""

from __future__ import annotations

from pulumi_aihw.planner.models import Candidate, Plan
from pulumi_aihw.planner.summary import category, rejection_summary
from pulumi_aihw.reports import comparison_text as ct
from pulumi_aihw.reports import plan_text as t
from pulumi_aihw.reports.text_table import Column, wrap
from pulumi_aihw.reports.text_table import render as render_table

DEFAULT_WIDTH = 120


def render(plan: Plan, top: int | None = 10, width: int = DEFAULT_WIDTH) -> str:
    lines = wrap(t.headline(plan), width, "", "  ")
    lines += _pin_lines(plan, width)
    lines += _chosen_lines(plan, width)
    comparison = ct.render_lines(plan.comparison, width)
    if comparison:
        lines += ["", *comparison]
    table = _feasible_table(plan, top, width)
    if table:
        lines += ["", *table]
    rejected = _rejected_lines(plan, width)
    if rejected:
        lines += ["", *rejected]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _pin_lines(plan: Plan, width: int) -> list[str]:
    """A pin that cannot be met says why first (not behind every "not pinned" line)."""
    if plan.pin is None or plan.feasible:
        return []
    pinned = [c for c in plan.rejected if not _not_pinned(c)]
    out = wrap(f"Pinned {plan.pin}: not feasible", width, "", "  ")
    for c in pinned[:5]:
        head = f"{c.provider} {c.offering.offering} ({t.where(c)}):"
        for reason in c.rejected_because:
            out += wrap(f"{head} {reason}", width, "  ", "      ")
    return out


def _not_pinned(c: Candidate) -> bool:
    return any(category(r) == "not pinned" for r in c.rejected_because)


def _chosen_lines(plan: Plan, width: int) -> list[str]:
    chosen = plan.chosen
    if chosen is None:
        return ["Chosen: none - no candidate is feasible (reasons below)"]
    lines = wrap(f"Chosen: {t.chosen_line(chosen)}", width, "", "  ")
    lines += wrap(chosen.rank_reason, width, "  why: ", "    ")
    est = t.estimate(chosen)
    if est:
        lines += wrap(est, width, "  estimate: ", "    ")
    for prefix, notes in (
        ("  warning: ", t.estimate_warnings(chosen)),
        ("  unknown: ", t.unknown_flags(chosen)),
        ("  price: ", t.price_notes(chosen)),
        ("  ", t.placement_notes(chosen)),
    ):
        for note in notes:
            lines += wrap(note, width, prefix, "    ")
    return lines


def _columns(training: bool) -> list[Column]:
    return [
        Column("#", right=True),
        Column("provider", drop=7),
        Column("offering", flexible=True, min_width=18),
        Column("region", drop=6),
        Column("hardware", drop=5),
        Column("units", right=True, drop=8),
        Column("$/hour", right=True, drop=10),
        Column("run $" if training else "$/month", right=True),
        Column("run time" if training else "tokens/s", right=True, drop=2),
        Column("kW", right=True, drop=3),
        Column("lock-in"),
        Column("why", drop=4, flexible=True, min_width=24),
    ]


def _row(c: Candidate, training: bool) -> list[str]:
    return [
        str(c.rank),
        c.provider,
        c.offering.offering,
        t.where(c),
        t.hardware(c),
        t.count(c.units),
        t.money(c.usd_per_hour, 2),
        t.money(c.usd_total if training else c.usd_per_month) + t.price_mark(c),
        ct.run_time_cell(c) if training else ct.throughput_cell(c),
        t.kw_cell(c),
        str(c.lock_in.level),
        c.rank_reason,
    ]


def _feasible_table(plan: Plan, top: int | None, width: int) -> list[str]:
    feasible = plan.feasible[:top] if top else plan.feasible
    if not feasible:
        return []
    training = plan.basis.training_tokens is not None
    title = f"Feasible candidates ({len(plan.feasible)}, top {len(feasible)})"
    rows = [_row(c, training) for c in feasible]
    return [*render_table(title, _columns(training), rows, width), *t.mark_legend(feasible)]


def _rejected_lines(plan: Plan, width: int) -> list[str]:
    rejected = plan.rejected
    lines = []
    if rejected:
        lines.append(f"Rejected: {len(rejected)} candidates")
        lines += [f"  {n:>4}  {cat}" for cat, n in rejection_summary(rejected)]
        shown = plan.pin is not None and not plan.feasible  # the pin's own lines came first
        nearest = [c for c in rejected if len(c.rejected_because) == 1 and not _not_pinned(c)][
            : 0 if shown else 5
        ]
        if nearest:
            lines.append("Closest misses (one reason each):")
            for c in nearest:
                head = f"{c.provider} {c.offering.offering} ({t.where(c)}):"
                lines += wrap(f"{head} {c.rejected_because[0]}", width, "  ", "      ")
    for notice in plan.notices:
        lines += wrap(notice, width, "Notice: ", "  ")
    return lines
