"""``aihw plan`` for a terminal: the choice, the top candidates, why the rest lost."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pulumi_aihw.planner.models import Plan
from pulumi_aihw.planner.summary import rejection_summary
from pulumi_aihw.reports import plan_text as t
from pulumi_aihw.reports.terminal import TextConsole

if TYPE_CHECKING:  # rich costs ~50 ms to import: only when rendering
    from rich.console import Console

_COLUMNS = (("#", "right"), ("provider", "left"), ("offering", "left"), ("region", "left"),
            ("hardware", "left"), ("units", "right"), ("$/hour", "right"), ("$/month", "right"),
            ("kW", "right"), ("lock-in", "left"), ("why", "left"))  # fmt: skip


def render(plan: Plan, top: int | None = 10) -> str:
    out = TextConsole(140)
    for line in [t.headline(plan), *_chosen_lines(plan)]:
        out.line(line)
    _feasible_table(out.console, plan, top)
    for line in _rejected_lines(plan):
        out.line(line)
    return out.text()


def _chosen_lines(plan: Plan) -> list[str]:
    chosen = plan.chosen
    if chosen is None:
        return ["Chosen: none - no candidate is feasible (reasons below)"]
    lines = [f"Chosen: {t.chosen_line(chosen)}", f"  why: {chosen.rank_reason}"]
    lines += [f"  estimate: {e}" for e in (t.throughput(chosen), t.training_time(chosen)) if e]
    lines += [f"  warning: {w}" for w in t.estimate_warnings(chosen)]
    lines += [f"  unknown: {flag}" for flag in t.unknown_flags(chosen)]
    lines += [f"  price: {note}" for note in t.price_notes(chosen)]
    lines += [f"  {note}" for note in t.placement_notes(chosen)]
    return lines


def _feasible_table(console: Console, plan: Plan, top: int | None) -> None:
    from rich import box
    from rich.table import Table

    feasible = plan.feasible[:top] if top else plan.feasible
    if not feasible:
        return
    table = Table(
        title=f"Feasible candidates ({len(plan.feasible)}, top {len(feasible)})",
        title_justify="left",
        show_lines=False,
        pad_edge=False,
        box=box.SIMPLE_HEAD,
    )
    for col, justify in _COLUMNS:
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for c in feasible:
        table.add_row(
            str(c.rank),
            c.provider,
            c.offering.offering,
            t.where(c),
            t.hardware(c),
            t.count(c.units),
            t.money(c.usd_per_hour, 2),
            t.money(c.usd_per_month) + t.price_mark(c),
            t.kw_cell(c),
            str(c.lock_in.level),
            c.rank_reason,
        )
    console.print(table)
    marks = {m for c in feasible for m in t.price_mark(c)}
    for mark in sorted(marks):
        console.print(f"  {mark} {t.MARKS[mark]}", markup=False)


def _rejected_lines(plan: Plan) -> list[str]:
    rejected = plan.rejected
    lines = []
    if rejected:
        lines.append(f"Rejected: {len(rejected)} candidates")
        lines += [f"  {n:>4}  {cat}" for cat, n in rejection_summary(rejected)]
        nearest = [c for c in rejected if len(c.rejected_because) == 1][:5]
        if nearest:
            lines.append("Closest misses (one reason each):")
            lines += [
                f"  {c.provider} {c.offering.offering} ({t.where(c)}): {c.rejected_because[0]}"
                for c in nearest
            ]
    return lines + [f"Notice: {notice}" for notice in plan.notices]
