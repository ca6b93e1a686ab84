"""Shared wording of check reports: the summary line, ordering, cells (no rendering)."""

from __future__ import annotations

from collections.abc import Iterable

from pulumi_aihw.check.models import CheckReport, FailedStack, Item, WorkloadRow
from pulumi_aihw.reports import escape
from pulumi_aihw.reports.plan_text import kw, money
from pulumi_aihw.rules.model import Enforcement, Severity, Status

SEVERITY_ORDER = (Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)

__all__ = [
    "SEVERITY_ORDER",
    "budget_cell",
    "by_severity",
    "cell",
    "cost_cell",
    "duration",
    "failed_line",
    "kw",
    "level",
    "money",
    "plural",
    "power_cell",
    "summary_line",
    "violations",
]


def violations(report: CheckReport) -> list[Item]:
    """Violations, mandatory first, then by severity, rule and resource."""
    items = report.with_status(Status.VIOLATION)
    return sorted(items, key=_order)


def _order(i: Item) -> tuple[object, ...]:
    f = i.finding
    return (
        0 if i.blocking else 1,
        SEVERITY_ORDER.index(f.severity),
        f.rule_id,
        i.stack_dir,
        f.resource.name,
    )


def by_severity(items: Iterable[Item]) -> list[tuple[Severity, list[Item]]]:
    groups: dict[Severity, list[Item]] = {}
    for i in sorted(items, key=_order):
        groups.setdefault(i.finding.severity, []).append(i)
    return [(s, groups[s]) for s in SEVERITY_ORDER if s in groups]


def summary_line(report: CheckReport) -> str:
    v = report.with_status(Status.VIOLATION)
    mandatory = len(report.blocking)
    advisory = len(v) - mandatory
    parts = [f"{plural(mandatory, 'mandatory violation')}"]
    if report.failed:
        parts.insert(0, plural(len(report.failed), "failed stack"))
    parts += [
        f"{advisory} advisory",
        f"{len(report.with_status(Status.SUPPRESSED))} suppressed",
        f"{len(report.with_status(Status.NOT_EVALUATED))} not evaluated",
    ]
    verdict = "FAIL" if mandatory or report.failed else "PASS"
    checked = len(report.stacks) + len(report.failed)
    scope = f"{plural(checked, 'stack')}, {plural(len(report.workloads), 'workload')}"
    if report.not_checked:
        scope += f", {len(report.not_checked)} not checked"
    if report.shard is not None:
        scope += f"; shard {report.shard}"
    return (
        f"aihw check {verdict}: {', '.join(parts)} ({scope}; catalog as of {report.catalog_as_of})"
    )


def duration(hours: float | None) -> str:
    """``16.9 days``, ``20 hours``, or ``unknown time``."""
    if hours is None:
        return "unknown time"
    if hours >= 48:
        return f"{hours / 24:,.1f} days"
    return f"{hours:,.0f} hours"


def cost_cell(w: WorkloadRow, compact: bool = False) -> str:
    """Services: ``$1,107/month``. Training: the run's cost and duration first, then the
    monthly burn while it runs (``compact``: ``$38,309/run (12.4 days), $94,170/mo``)."""
    if not w.is_training:
        return f"{money(w.usd_per_month)}/month" if w.usd_per_month is not None else "unknown"
    if compact:
        return f"{money(w.usd_total)}/run ({duration(w.run_hours)}), {money(w.usd_per_month)}/mo"
    run = f"{money(w.usd_total)} per run ({duration(w.run_hours)})"
    return f"{run}; {money(w.usd_per_month)}/month while running"


def budget_cell(w: WorkloadRow) -> str:
    """The spec's budgets next to the figure each is judged against (like with like): a
    run budget against the run's cost, a monthly budget against the monthly spend (for a
    training run never more than the whole run)."""
    out = []
    if w.budget_usd_total is not None:
        over = w.usd_total is not None and w.usd_total > w.budget_usd_total
        out.append(f"{money(w.budget_usd_total)} per run{' :warning: over' if over else ''}")
    if w.budget_usd_per_month is not None:
        spend = w.usd_per_month
        if spend is not None and w.usd_total is not None:
            spend = min(spend, w.usd_total)
        over = spend is not None and spend > w.budget_usd_per_month
        out.append(f"{money(w.budget_usd_per_month)}/month{' :warning: over' if over else ''}")
    return "; ".join(out) or "-"


def power_cell(w: WorkloadRow, unit: str = "") -> str:
    """``7.52`` (published TDP), ``~2.10 (estimate 1.80-2.40)``, ``0.80 (measured)``;
    ``unit`` (`` kW``) follows the number."""
    if w.power_kw is None:
        return "unknown"
    if w.power_basis in (None, "published"):
        return f"{kw(w.power_kw)}{unit}"
    span = ""
    if w.power_low_kw is not None and w.power_high_kw is not None:
        span = f" {kw(w.power_low_kw)}-{kw(w.power_high_kw)}"
    mark = "~" if w.power_basis == "estimate" else ""
    return f"{mark}{kw(w.power_kw)}{unit} ({w.power_basis}{span})"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def level(i: Item) -> str:
    lvl = i.finding.level
    return str(lvl) if lvl is not None else str(Enforcement.ADVISORY)


def cell(text: object) -> str:
    """Outside text in a Markdown table cell or list item (:func:`escape.markdown`)."""
    return escape.markdown(text)


def failed_line(f: FailedStack) -> str:
    """One failed stack in one line of plain text: ``dir: kind: first problem (+N more)``."""
    more = f" (+{len(f.problems) - 1} more)" if len(f.problems) > 1 else ""
    first = f.problems[0] if f.problems else "no details"
    return f"{f.stack_dir}: {f.kind}: {first}{more}"
