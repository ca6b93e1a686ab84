"""``aihw plan --format markdown``: the plan as a pull-request comment."""

from __future__ import annotations

from pulumi_aihw.planner.models import Plan
from pulumi_aihw.planner.summary import rejection_summary
from pulumi_aihw.reports import plan_text as t


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(plan: Plan, top: int | None = 10) -> str:
    lines = [f"### {t.headline(plan)}", ""]
    chosen = plan.chosen
    if chosen is not None:
        lines += [f"**Chosen:** {t.chosen_line(chosen)}", "", f"- why: {chosen.rank_reason}"]
        lines += [f"- estimate: {e}" for e in (t.throughput(chosen), t.training_time(chosen)) if e]
        lines += [f"- :warning: {w}" for w in t.estimate_warnings(chosen)]
        lines += [f"- :warning: unknown: {f}" for f in t.unknown_flags(chosen)]
        lines += [f"- price: {_cell(f)}" for f in t.price_notes(chosen)]
        lines += [f"- {note}" for note in t.placement_notes(chosen)]
    else:
        lines.append("**No feasible candidate.** Reasons are summarised below.")
    lines.append("")
    feasible = plan.feasible[:top] if top else plan.feasible
    if feasible:
        lines += [
            "| # | provider | offering | region | hardware | units | $/month | kW | lock-in "
            "| why |",
            "|--:|---|---|---|---|--:|--:|--:|---|---|",
        ]
        for c in feasible:
            lines.append(
                f"| {c.rank} | {c.provider} | `{c.offering.offering}` | {t.where(c)} | "
                f"{t.hardware(c)} | {t.count(c.units)} | "
                f"{t.money(c.usd_per_month)}{_cell(t.price_mark(c))} | "
                f"{t.kw_cell(c)} | {c.lock_in.level} | {_cell(c.rank_reason)} |"
            )
        lines.append("")
        marks = sorted({m for c in feasible for m in t.price_mark(c)})
        lines += [f"{_cell(m)} {t.MARKS[m]}  " for m in marks]
        if marks:
            lines.append("")
    rejected = plan.rejected
    if rejected:
        lines.append(f"<details><summary>{len(rejected)} rejected candidates</summary>")
        lines.append("")
        lines += ["| reason | candidates |", "|---|--:|"]
        lines += [f"| {_cell(cat)} | {n} |" for cat, n in rejection_summary(rejected)]
        lines += ["", "</details>", ""]
    for notice in plan.notices:
        lines.append(f"> {_cell(notice)}")
    return "\n".join(lines).rstrip() + "\n"
