"""The family comparison and the price of portability as markdown (``aihw plan --format
markdown``; the pull-request comment's shorter one: :mod:`comparison_section`)."""

from __future__ import annotations

from pulumi_aihw.planner.comparison import Comparison
from pulumi_aihw.reports import comparison_text as ct
from pulumi_aihw.reports.plan_text import MARKS


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_section(comparison: Comparison | None, heading: str = "") -> list[str]:
    """The table (one row per family with a feasible candidate), the lock-in reasons, the
    price of portability; nothing without a feasible candidate."""
    if comparison is None or not comparison.families:
        return []
    b = comparison.basis
    h = ct.headers(b)
    money = "run $" if b.training_tokens is not None else "$/month"
    out = [heading, ""] if heading else []
    out += [
        f"| family | offering | hardware | {money} | {h['speed']} | {h['per_usd']} | "
        f"{h['energy']} | kW | lock-in | not native |",
        "|---|---|---|--:|--:|--:|--:|--:|---|---|",
    ]
    for f in comparison.families:
        r = ct.family_row(f, b)
        out.append(
            f"| {r['family']} | `{cell(r['offering'])}` ({cell(r['region'])}) | {r['hardware']} "
            f"| {r['money']} | {r['speed']} | {r['per_usd']} | {r['energy']} | {r['kw']} | "
            f"{r['lock_in']} | {r['not_native']} |"
        )
    out.append("")
    out += [f"`{m}` {MARKS[m]}  " for m in sorted(ct.marks_shown(comparison))]
    out += [f"_{cell(ct.estimate_note(comparison))}_", ""]
    reasons = ct.lock_in_lines(comparison.families)
    if reasons:
        out += ["<details><summary>lock-in reasons</summary>", ""]
        out += [f"- {cell(r)}" for r in reasons]
        out += ["", "</details>", ""]
    out += [f"**{cell(ct.portability_line(comparison.portability))}**", ""]
    return out
