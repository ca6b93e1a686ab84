"""``aihw preflight`` for a terminal: one row per check, grouped by candidate."""

from __future__ import annotations

from pulumi_aihw.preflight.models import CandidateChecks, PreflightReport
from pulumi_aihw.reports.terminal import TextConsole


def _candidate(c: CandidateChecks) -> str:
    units = f" x{c.units}" if c.units is not None else ""
    mark = " (chosen)" if c.chosen else ""
    return f"{c.provider} {c.offering}{units} {c.region or '-'}{mark}"


def render(report: PreflightReport) -> str:
    from rich import box
    from rich.table import Table

    out = TextConsole(140)
    console = out.console
    console.print(
        f"Preflight for {report.workload}: {str(report.status).upper()} "
        f"({len(report.candidates)} candidates; catalog as of {report.catalog_as_of}; "
        f"checked {report.checked_at.isoformat(timespec='seconds')})",
        markup=False,
    )
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_lines=False)
    for col in ("#", "candidate", "check", "status", "zone", "message"):
        table.add_column(col, overflow="fold")
    for c in report.candidates:
        for i, chk in enumerate(c.checks):
            status = str(chk.status) + (" (service error)" if chk.service_error else "")
            table.add_row(
                str(c.rank or "-") if i == 0 else "",
                _candidate(c) if i == 0 else "",
                str(chk.name),
                status,
                chk.zone or "",
                chk.message,
            )
    console.print(table)
    for notice in report.notices:
        out.line(f"Notice: {notice}")
    return out.text()
