"""Shared wording of check reports: the summary line, ordering, cells (no rendering)."""

from __future__ import annotations

from collections.abc import Iterable

from pulumi_aihw.check.models import CheckReport, FailedStack, Item
from pulumi_aihw.reports import escape
from pulumi_aihw.reports.plan_text import kw, money
from pulumi_aihw.rules.model import Enforcement, Severity, Status

SEVERITY_ORDER = (Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)

__all__ = [
    "SEVERITY_ORDER",
    "by_severity",
    "cell",
    "failed_line",
    "kw",
    "level",
    "money",
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
    parts = [
        f"{plural(mandatory, 'mandatory violation')}",
        f"{advisory} advisory",
        f"{len(report.with_status(Status.SUPPRESSED))} suppressed",
        f"{len(report.with_status(Status.NOT_EVALUATED))} not evaluated",
    ]
    if report.failed:
        parts.insert(0, plural(len(report.failed), "failed stack"))
    verdict = "FAIL" if mandatory or report.failed else "PASS"
    checked = len(report.stacks) + len(report.failed)
    scope = f"{plural(checked, 'stack')}, {plural(len(report.workloads), 'workload')}"
    return (
        f"aihw check {verdict}: {', '.join(parts)} ({scope}; catalog as of {report.catalog_as_of})"
    )


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
