"""``aihw outdated --format markdown``: the body of the scheduled re-planning PR."""

from __future__ import annotations

from pulumi_aihw.planner.outdated import OutdatedReport
from pulumi_aihw.reports import outdated_text as o


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(report: OutdatedReport, width: int | None = None) -> str:
    lines = [f"### {o.headline(report)}", ""]
    if report.rows:
        lines += [
            "| " + " | ".join(o.HEADERS) + " |",
            "|---|---|---|--:|---|--:|--:|--:|---|---|",
        ]
        for r in report.rows:
            cells = [_cell(x) for x in o.row(r.check)]
            cells[0] = f"`{cells[0]}`"
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    for r in report.rows:
        if r.check.note:
            lines.append(f"- `{r.check.workload}` ({r.spec_file}): {_cell(r.check.note)}")
    if report.needing_action:
        lines += [
            "",
            "Lock files re-planned with `aihw outdated --write-locks` (the same choice "
            "`aihw plan --lock` makes). The cost, power and lock-in deltas of the stacks follow.",
        ]
    return "\n".join(lines).rstrip() + "\n"
