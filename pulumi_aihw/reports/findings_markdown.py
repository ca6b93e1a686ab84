"""``aihw check --format markdown``: a pull-request comment.

A summary line, the workloads with cost, power and lock-in, mermaid bar charts GitHub
renders (cost and power per workload), then the findings grouped by severity with
what to do, the suppressed ones with their reasons, and what could not be evaluated.
"""

from __future__ import annotations

import math

from pulumi_aihw.check.models import CheckReport, Item, WorkloadRow
from pulumi_aihw.reports import findings_text as t
from pulumi_aihw.reports.comparison_markdown import render_workloads
from pulumi_aihw.rules.model import Status

MARKER = "<!-- aihw-check -->"
"""First line of the comment: the GitHub Action finds and updates its own comment by it."""


def _chart(title: str, axis: str, rows: list[tuple[str, float]]) -> list[str]:
    top = max(v for _, v in rows)
    ceiling = 10 ** math.floor(math.log10(top)) if top > 0 else 1
    upper = math.ceil(top / ceiling) * ceiling if top > 0 else 1
    labels = ", ".join('"' + name.replace('"', "'") + '"' for name, _ in rows)
    values = ", ".join(f"{v:.2f}".rstrip("0").rstrip(".") for _, v in rows)
    return [
        "```mermaid",
        "xychart-beta",
        f'    title "{title}"',
        f"    x-axis [{labels}]",
        f'    y-axis "{axis}" 0 --> {upper:g}',
        f"    bar [{values}]",
        "```",
    ]


def _charts(rows: tuple[WorkloadRow, ...]) -> list[str]:
    out: list[str] = []
    for title, axis, attr in (
        ("Cost per workload", "USD per month", "usd_per_month"),
        ("Power per workload", "kW", "power_kw"),
    ):
        known = [(w.name, getattr(w, attr)) for w in rows if getattr(w, attr) is not None]
        unknown = [w.name for w in rows if getattr(w, attr) is None]
        if known:
            out += [*_chart(title, axis, known), ""]
        if unknown:
            out += [f"_{title.split()[0]} unknown (not charted): {', '.join(unknown)}_", ""]
    return out


def _workloads(report: CheckReport) -> list[str]:
    rows = report.workloads
    if not rows:
        return ["_No accelerator hardware found in the checked stacks._", ""]
    out = [
        "| stack | workload | hardware | $/month | kW | lock-in |",
        "|---|---|---|--:|--:|---|",
    ]
    for w in rows:
        out.append(
            f"| `{w.stack_dir}` | {t.cell(w.name)} | {t.cell(w.hardware)} | "
            f"{t.money(w.usd_per_month)} | {t.kw(w.power_kw)} | {w.lock_in or 'unknown'} |"
        )
    return [*out, "", *_charts(rows)]


def _where(i: Item) -> str:
    line = f":{i.location.line}" if i.location.line else ""
    return f"`{i.finding.resource.name}` ({i.location.file}{line})"


def _findings(report: CheckReport) -> list[str]:
    out: list[str] = []
    for severity, items in t.by_severity(t.violations(report)):
        out += [f"#### {str(severity).capitalize()}", ""]
        for i in items:
            f = i.finding
            rule = report.rule(f.rule_id)
            out.append(
                f"- **{f.rule_id}** {rule.title} ({t.level(i)}) on {_where(i)}: {t.cell(f.message)}"
            )
            out += [f"  - {t.cell(n)}" for n in f.notes]
            out.append(f"  - _To fix:_ {t.cell(rule.remediation)}")
        out.append("")
    return out


def _details(title: str, items: list[Item], with_reason: bool) -> list[str]:
    if not items:
        return []
    out = [f"<details><summary>{len(items)} {title}</summary>", ""]
    for i in items:
        f = i.finding
        extra = ""
        if with_reason and f.suppression is not None:
            until = f" until {f.suppression.expires}" if f.suppression.expires else ""
            extra = f" (reason: {t.cell(f.suppression.reason)}{until}; {f.suppression.source})"
        out.append(f"- **{f.rule_id}** on {_where(i)}: {t.cell(f.message)}{extra}")
    return [*out, "", "</details>", ""]


def render(report: CheckReport) -> str:
    mark = ":x:" if report.blocking else ":white_check_mark:"
    lines = [MARKER, f"### {mark} {t.summary_line(report)}", ""]
    lines += _workloads(report)
    lines += render_workloads((f"{w.stack_dir}: {w.name}", w.comparison) for w in report.workloads)
    if t.violations(report):
        lines += ["### Findings", "", *_findings(report)]
    lines += _details("suppressed", report.with_status(Status.SUPPRESSED), True)
    lines += _details(
        "not evaluated (unknown until deployed)", report.with_status(Status.NOT_EVALUATED), False
    )
    return "\n".join(lines).rstrip() + "\n"
