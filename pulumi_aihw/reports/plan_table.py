"""``aihw plan`` for a terminal: the choice, the top candidates, why the rest lost."""

from __future__ import annotations

import io

from pulumi_aihw.planner.models import Plan
from pulumi_aihw.reports import plan_text as t


def render(plan: Plan, top: int | None = 10) -> str:
    from rich import box
    from rich.console import Console  # rich costs ~50 ms to import: only when rendering
    from rich.table import Table

    buf = io.StringIO()
    console = Console(file=buf, width=140, no_color=True, highlight=False, soft_wrap=False)
    console.print(t.headline(plan), markup=False)
    chosen = plan.chosen
    if chosen is not None:
        console.print(f"Chosen: {t.chosen_line(chosen)}", markup=False)
        console.print(f"  why: {chosen.rank_reason}", markup=False)
        for extra in (t.throughput(chosen), t.training_time(chosen)):
            if extra:
                console.print(f"  estimate: {extra}", markup=False)
        for flag in t.unknown_flags(chosen):
            console.print(f"  unknown: {flag}", markup=False)
        for note in t.placement_notes(chosen):
            console.print(f"  {note}", markup=False)
    else:
        console.print("Chosen: none - no candidate is feasible (reasons below)", markup=False)

    feasible = plan.feasible[:top] if top else plan.feasible
    if feasible:
        table = Table(
            title=f"Feasible candidates ({len(plan.feasible)}, top {len(feasible)})",
            title_justify="left",
            show_lines=False,
            pad_edge=False,
            box=box.SIMPLE_HEAD,
        )
        for col, just in (
            ("#", "right"),
            ("provider", "left"),
            ("offering", "left"),
            ("region", "left"),
            ("hardware", "left"),
            ("units", "right"),
            ("$/hour", "right"),
            ("$/month", "right"),
            ("kW", "right"),
            ("lock-in", "left"),
            ("why", "left"),
        ):
            table.add_column(col, justify=just)  # type: ignore[arg-type]
        for c in feasible:
            table.add_row(
                str(c.rank),
                c.provider,
                c.offering.offering,
                t.where(c),
                t.hardware(c),
                t.count(c.units),
                t.money(c.usd_per_hour, 2),
                t.money(c.usd_per_month),
                t.kw(c.power_kw),
                str(c.lock_in.level),
                c.rank_reason,
            )
        console.print(table)
    rejected = plan.rejected
    if rejected:
        console.print(f"Rejected: {len(rejected)} candidates", markup=False)
        for cat, n in t.rejection_summary(rejected):
            console.print(f"  {n:>4}  {cat}", markup=False)
        nearest = [c for c in rejected if len(c.rejected_because) == 1][:5]
        if nearest:
            console.print("Closest misses (one reason each):", markup=False)
            for c in nearest:
                console.print(
                    f"  {c.provider} {c.offering.offering} ({t.where(c)}): {c.rejected_because[0]}",
                    markup=False,
                )
    for notice in plan.notices:
        console.print(f"Notice: {notice}", markup=False)
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"
