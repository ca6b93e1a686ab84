"""``aihw check --format markdown``: a pull-request comment a reviewer reads in a minute.

In order: the verdict; **Blocking** (stacks that could not be checked, then mandatory
violations), each rule once with the resources it applies to and its remediation once;
the workloads (one row per workload, labelled ``stack/name``; training runs with their
cost and duration first, the monthly burn second, budgets next to the figure they judge)
with cost and power bar charts (values beside the bars; estimated power marked; the
largest 25 above that); per-workload sections (:mod:`.workload_sections`); **Advisory**
findings by severity, grouped by rule; then suppressed, not evaluated, not checked and
skipped, collapsed. Long lists sit in ``<details>``. The comment keeps under a size
budget (``max_chars``; GitHub's limit is 65,536 characters): over it, the least important
parts are cut, with a note linking the full report (``report_url``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from pulumi_aihw.check.models import CheckReport, Item, WorkloadRow
from pulumi_aihw.reports import escape
from pulumi_aihw.reports import findings_text as t
from pulumi_aihw.reports.comment_budget import DEFAULT_MAX_CHARS, Section, fit
from pulumi_aihw.reports.text_chart import HATCHED, SOLID, Bar, bar_lines
from pulumi_aihw.reports.workload_sections import workload_details
from pulumi_aihw.rules.facts.stack import STACK_TYPE
from pulumi_aihw.rules.model import Status

MARKER = "<!-- aihw-check -->"
"""First line of the comment: the GitHub Action finds and updates its own comment by it."""
CHART_MAX_BARS = 25
"""Above this many workloads a chart shows the largest ones (the table has them all)."""
TABLE_OPEN_MAX = 25
"""Above this many workloads the table is collapsed (``<details>``)."""
UNKNOWN_NAMES_MAX = 10
"""Workloads named in a chart's "unknown, not charted" line (the table has them all)."""
GROUP_OPEN_MAX = 5
"""An advisory rule with more resources than this lists them collapsed."""

# Priorities when the comment is over its budget: lower is kept first.
P_VERDICT, P_BLOCKING, P_WORKLOADS, P_CHARTS, P_ADVISORY, P_DETAILS, P_REST = range(7)


Names = dict[tuple[str, str], str]
"""(stack, URN) -> the workload's label, so a finding names its workload as the table does."""


def _code(text: object) -> str:
    """Outside text in a code span (also inside a table cell)."""
    return escape.code(text).replace("|", "\\|")


def _names(report: CheckReport) -> Names:
    return {(w.stack_dir, w.urn): w.label for w in report.workloads}


def _where(i: Item, names: Names) -> str:
    line = f":{i.location.line}" if i.location.line else ""
    res = i.finding.resource
    label = names.get((i.stack_dir, res.urn)) or f"{i.stack_dir}/{res.name}"
    return f"`{_code(label)}` ({t.cell(i.location.file)}{line})"


def _item_lines(i: Item, names: Names) -> tuple[str, ...]:
    f = i.finding
    return (f"- {_where(i, names)}: {t.cell(f.message)}", *(f"  - {t.cell(n)}" for n in f.notes))


def _rule_groups(
    report: CheckReport, items: list[Item], priority: int, collapse: bool
) -> list[Section]:
    """One section per rule: the rule once, its resources, its remediation once."""
    names = _names(report)
    groups: dict[str, list[Item]] = {}
    for i in items:
        groups.setdefault(i.finding.rule_id, []).append(i)
    out = []
    for rule_id, group in groups.items():
        rule = report.rule(rule_id)
        head = [
            f"**{rule_id}** {rule.title} ({rule.severity}, {t.level(group[0])}): "
            f"{t.plural(len(group), 'resource')}",
            "",
        ]
        tail = ["", f"_To fix:_ {rule.remediation}", ""]  # the rule's own text, not input
        if collapse and len(group) > GROUP_OPEN_MAX:
            head += [f"<details><summary>{len(group)} resources</summary>", ""]
            tail = ["", "</details>", *tail]
        out.append(
            Section(
                tuple(head),
                tuple(_item_lines(i, names) for i in group),
                tuple(tail),
                priority,
                "resource",
            )
        )
    return out


def _failed(report: CheckReport) -> list[Section]:
    if not report.failed:
        return []
    items = tuple(
        (
            f"- `{_code(f.stack_dir)}` ({t.cell(f.kind)}): "
            f"{t.cell(f.problems[0]) if f.problems else 'no details'}",
            *(f"  - {t.cell(p)}" for p in f.problems[1:]),
        )
        for f in report.failed
    )
    head = (
        f"**Stacks not checked: their program failed** ({len(report.failed)}): never a pass",
        "",
    )
    return [Section(head, items, ("",), P_BLOCKING, "stack")]


def _blocking(report: CheckReport) -> list[Section]:
    blocking = [i for i in t.violations(report) if i.blocking]
    if not blocking and not report.failed:
        return []
    parts = [t.plural(len(blocking), "mandatory violation")]
    if report.failed:
        parts.insert(0, t.plural(len(report.failed), "failed stack"))
    head = Section((f"#### :no_entry: Blocking: {', '.join(parts)}", ""), priority=P_BLOCKING)
    return [head, *_failed(report), *_rule_groups(report, blocking, P_BLOCKING, False)]


def _totals(rows: Sequence[WorkloadRow]) -> str:
    services = [w.usd_per_month for w in rows if not w.is_training]
    runs = [w.usd_total for w in rows if w.is_training]
    power = [w.power_kw for w in rows]
    parts = []
    if services:
        parts.append(f"{t.money(sum(v for v in services if v is not None))}/month for services")
    if runs:
        parts.append(f"{t.money(sum(v for v in runs if v is not None))} for training runs")
    unknown_cost = services.count(None) + runs.count(None)
    cost = ", ".join(parts) + (f" ({unknown_cost} unknown)" if unknown_cost else "")
    known_kw = sum(v for v in power if v is not None)
    watts = f"{t.kw(known_kw)} kW known" + (
        f", {power.count(None)} unknown" if None in power else ""
    )
    return f"Total: {cost}; {watts}."


def _workloads(report: CheckReport) -> list[Section]:
    rows = report.workloads
    if not rows:
        text = (
            "_Accelerator hardware found; see the findings._"
            if _hardware_findings(report)
            else "_No accelerator hardware found in the checked stacks._"
        )
        return [Section((text, ""), priority=P_WORKLOADS)]
    head = [f"#### Workloads ({len(rows)})", "", _totals(rows), ""]
    if len(rows) > TABLE_OPEN_MAX:
        head += [f"<details><summary>Table of {len(rows)} workloads</summary>", ""]
    head += ["| workload | hardware | cost | budget | kW | lock-in |", "|---|---|--:|---|--:|---|"]
    items = tuple(
        (
            f"| `{_code(w.label)}` | {t.cell(w.hardware)} | {t.cost_cell(w)} | "
            f"{t.budget_cell(w)} | {t.power_cell(w)} | {t.cell(w.lock_in or 'unknown')} |",
        )
        for w in rows
    )
    tail = ["", "</details>", ""] if len(rows) > TABLE_OPEN_MAX else [""]
    more = lambda n, what: f"| _... {n} more {what} not shown (comment size limit)_ ||||||"  # noqa: E731
    return [Section(tuple(head), items, tuple(tail), P_WORKLOADS, "workload", more=more)]


def _hardware_findings(report: CheckReport) -> bool:
    """A rule judged some resource's hardware (stack-wide rules judge the stack itself)."""
    return any(i.finding.resource.type != STACK_TYPE for i in report.items)


def _chart(
    title: str, legend: str, bars: list[Bar], unknown: list[str], what: str
) -> list[Section]:
    out: list[Section] = []
    if bars:
        bars = sorted(bars, key=lambda b: (-b.value, b.label))
        shown, rest = bars[:CHART_MAX_BARS], bars[CHART_MAX_BARS:]
        head = [f"**{title}**" + (f" (the largest {len(shown)} of {len(bars)})" if rest else "")]
        head += (["", f"_{legend}_"] if legend else []) + ["", "```text"]
        lines = bar_lines([replace(b, label=escape.label(b.label)) for b in shown])
        out.append(
            Section(
                tuple(head),
                tuple((line,) for line in lines),
                ("```", ""),
                P_CHARTS,
                what,
                more=lambda n, w: f"... {n} more {w} not shown",
            )
        )
    if unknown:
        names = ", ".join(f"`{_code(n)}`" for n in unknown[:UNKNOWN_NAMES_MAX])
        if len(unknown) > UNKNOWN_NAMES_MAX:
            names += f" and {len(unknown) - UNKNOWN_NAMES_MAX} more (see the table)"
        line = f"_{title}: unknown for {t.plural(len(unknown), what)}, not charted: {names}_"
        out.append(Section((line, ""), priority=P_CHARTS))
    return out


def _charts(rows: tuple[WorkloadRow, ...]) -> list[Section]:
    services = [w for w in rows if not w.is_training]
    runs = [w for w in rows if w.is_training]
    out = _chart(
        "Cost per month",
        "",
        [
            Bar(w.label, w.usd_per_month, t.money(w.usd_per_month))
            for w in services
            if w.usd_per_month is not None
        ],
        [w.label for w in services if w.usd_per_month is None],
        "workload",
    )
    out += _chart(
        "Cost per training run",
        "",
        [
            Bar(w.label, w.usd_total, f"{t.money(w.usd_total)} ({t.duration(w.run_hours)})")
            for w in runs
            if w.usd_total is not None
        ],
        [w.label for w in runs if w.usd_total is None],
        "training run",
    )
    estimated = any(
        w.power_basis not in (None, "published") for w in rows if w.power_kw is not None
    )
    legend = (
        f"{SOLID} published TDP, {HATCHED} estimate or measurement (marked)" if estimated else ""
    )
    power = [
        Bar(
            w.label,
            w.power_kw,
            t.power_cell(w, " kW"),
            SOLID if w.power_basis in (None, "published") else HATCHED,
        )
        for w in rows
        if w.power_kw is not None
    ]
    return out + _chart(
        "Power (kW)", legend, power, [w.label for w in rows if w.power_kw is None], "workload"
    )


def _per_workload(report: CheckReport) -> list[Section]:
    details = workload_details(report)
    if not details:
        return []
    items = tuple(
        (
            f"<details><summary><code>{t.cell(row.label)}</code></summary>",
            "",
            *lines,
            "",
            "</details>",
        )
        for row, lines in details
    )
    return [Section(("#### Per workload", ""), items, ("",), P_DETAILS, "workload section")]


def _advisory(report: CheckReport) -> list[Section]:
    advisory = [i for i in t.violations(report) if not i.blocking]
    if not advisory:
        return []
    by_severity = t.by_severity(advisory)
    counts: dict[str, int] = {}
    for i in advisory:
        counts[i.finding.rule_id] = counts.get(i.finding.rule_id, 0) + 1
    summary = "; ".join(
        f"{str(sev).capitalize()}: "
        + ", ".join(
            f"{rule} ({counts[rule]})" for rule in dict.fromkeys(i.finding.rule_id for i in items)
        )
        for sev, items in by_severity
    )
    head = (f"#### Advisory: {t.plural(len(advisory), 'finding')}", "", f"_{summary}_", "")
    out = [Section(head, priority=P_ADVISORY)]
    for severity, items in by_severity:
        groups = _rule_groups(report, items, P_ADVISORY, True)
        out.append(
            Section(
                (f"##### {str(severity).capitalize()}", ""), priority=P_ADVISORY, heads=len(groups)
            )
        )
        out += groups
    return out


def _collapsed(title: str, items: Sequence[tuple[str, ...]], what: str) -> list[Section]:
    if not items:
        return []
    head = (f"<details><summary>{title}</summary>", "")
    return [Section(head, tuple(items), ("", "</details>", ""), P_REST, what)]


def _suppressed_line(i: Item, names: Names) -> tuple[str, ...]:
    f, s = i.finding, i.finding.suppression
    extra = ""
    if s is not None:
        until = f" until {s.expires}" if s.expires else ""
        extra = f" (reason: {t.cell(s.reason)}{until}; {s.source})"
    return (f"- **{f.rule_id}** on {_where(i, names)}: {t.cell(f.message)}{extra}",)


def _rest(report: CheckReport) -> list[Section]:
    names = _names(report)
    unevaluated = report.with_status(Status.NOT_EVALUATED)
    line: Callable[[Item], tuple[str, ...]] = lambda i: (  # noqa: E731
        f"- **{i.finding.rule_id}** on {_where(i, names)}: {t.cell(i.finding.message)}",
    )
    return [
        *_collapsed(
            f"{len(report.with_status(Status.SUPPRESSED))} suppressed",
            [_suppressed_line(i, names) for i in report.with_status(Status.SUPPRESSED)],
            "finding",
        ),
        *_collapsed(
            f"{len(unevaluated)} not evaluated (unknown until deployed, or not in the catalog)",
            [line(i) for i in unevaluated],
            "finding",
        ),
        *_collapsed(
            f"{t.plural(len(report.not_checked), 'stack')} not checked (a language aihw cannot "
            "run offline)",
            [
                (f"- `{_code(n.stack_dir)}`: not checked: {t.cell(n.reason)}",)
                for n in report.not_checked
            ],
            "stack",
        ),
        *_collapsed(
            f"{t.plural(len(report.skipped), 'folder')} skipped",
            [(f"- `{_code(s.path)}`: {t.cell(s.reason)}",) for s in report.skipped],
            "folder",
        ),
    ]


def sections(report: CheckReport) -> list[Section]:
    mark = ":x:" if report.blocking or report.failed else ":white_check_mark:"
    verdict = Section((MARKER, f"### {mark} {t.summary_line(report)}", ""), priority=P_VERDICT)
    return [
        verdict,
        *_blocking(report),
        *_workloads(report),
        *_charts(report.workloads),
        *_per_workload(report),
        *_advisory(report),
        *_rest(report),
    ]


def render(
    report: CheckReport, *, max_chars: int = DEFAULT_MAX_CHARS, report_url: str | None = None
) -> str:
    return fit(sections(report), max_chars, report_url, frames_from=P_WORKLOADS)
