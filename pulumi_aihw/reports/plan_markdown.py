"""``aihw plan --format markdown``: the plan as a pull-request comment."""

from __future__ import annotations

from pulumi_aihw.planner.models import Plan
from pulumi_aihw.planner.summary import category, rejection_summary
from pulumi_aihw.reports import comparison_text as ct
from pulumi_aihw.reports import plan_text as t
from pulumi_aihw.reports.comparison_markdown import cell as _cell
from pulumi_aihw.reports.comparison_markdown import render_section


def _pin(plan: Plan) -> list[str]:
    if plan.pin is None or plan.feasible:
        return []
    out = [f"**Pinned {_cell(plan.pin)}: not feasible.**", ""]
    for c in plan.rejected:
        if any(category(r) == "not pinned" for r in c.rejected_because):
            continue
        reasons = "; ".join(c.rejected_because)
        out.append(f"- `{c.offering.offering}` ({t.where(c)}): {_cell(reasons)}")
    return [*out, ""]


def _chosen(plan: Plan) -> list[str]:
    chosen = plan.chosen
    if chosen is None:
        return ["**No feasible candidate.** Reasons are summarised below.", ""]
    lines = [f"**Chosen:** {t.chosen_line(chosen)}", "", f"- why: {_cell(chosen.rank_reason)}"]
    est = t.estimate(chosen)
    lines += [f"- estimate: {est}"] if est else []
    lines += [f"- :warning: {_cell(w)}" for w in t.estimate_warnings(chosen)]
    lines += [f"- :warning: unknown: {_cell(f)}" for f in t.unknown_flags(chosen)]
    lines += [f"- price: {_cell(f)}" for f in t.price_notes(chosen)]
    lines += [f"- {note}" for note in t.placement_notes(chosen)]
    return [*lines, ""]


def _feasible(plan: Plan, top: int | None) -> list[str]:
    feasible = plan.feasible[:top] if top else plan.feasible
    if not feasible:
        return []
    training = plan.basis.training_tokens is not None
    money, speed = ("run $", "run time") if training else ("$/month", "tokens/s")
    lines = [
        f"| # | provider | offering | region | hardware | units | {money} | {speed} | kW "
        "| lock-in | why |",
        "|--:|---|---|---|---|--:|--:|--:|--:|---|---|",
    ]
    for c in feasible:
        cost = t.money(c.usd_total if training else c.usd_per_month) + _cell(t.price_mark(c))
        est = ct.run_time_cell(c) if training else ct.throughput_cell(c)
        lines.append(
            f"| {c.rank} | {c.provider} | `{c.offering.offering}` | {t.where(c)} | "
            f"{t.hardware(c)} | {t.count(c.units)} | {cost} | {est} | {t.kw_cell(c)} | "
            f"{c.lock_in.level} | {_cell(c.rank_reason)} |"
        )
    lines.append("")
    legend = t.mark_legend(feasible)
    lines += [f"{_cell(m.strip())}  " for m in legend]
    return [*lines, ""] if legend else lines


def render(plan: Plan, top: int | None = 10, width: int | None = None) -> str:
    """``width`` is accepted for a uniform renderer call and ignored (markdown wraps)."""
    lines = [f"### {t.headline(plan)}", "", *_pin(plan), *_chosen(plan)]
    lines += render_section(plan.comparison, "#### Best of each hardware family")
    lines += _feasible(plan, top)
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
