"""``aihw check`` for a terminal: the verdict, the workloads, then every finding to act on."""

from __future__ import annotations

from pulumi_aihw.check.models import CheckReport
from pulumi_aihw.reports import findings_text as t
from pulumi_aihw.reports.terminal import TextConsole
from pulumi_aihw.rules.model import Status


def render(report: CheckReport) -> str:
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    out = TextConsole(160)
    console = out.console
    out.line(t.summary_line(report))
    for stack in report.failed:
        out.line(f"FAILED stack {t.failed_line(stack)}")
    for nc in report.not_checked:
        out.line(f"not checked {nc.stack_dir}: {nc.reason}")
    if report.workloads:
        table = Table(title="Workloads", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        for col, just in (
            ("stack", "left"),
            ("workload", "left"),
            ("hardware", "left"),
            ("cost", "right"),
            ("kW", "right"),
            ("lock-in", "left"),
        ):
            table.add_column(col, justify=just)  # type: ignore[arg-type]
        for w in report.workloads:
            table.add_row(
                escape(w.stack_dir),
                escape(w.name),
                escape(w.hardware),
                escape(t.cost_cell(w, compact=True)),
                escape(t.power_cell(w)),
                w.lock_in or "unknown",
            )
        console.print(table)
    shown = [*t.violations(report), *report.with_status(Status.SUPPRESSED, Status.NOT_EVALUATED)]
    if shown:
        table = Table(title="Findings", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        for col in ("level", "rule", "severity", "status", "resource", "message"):
            table.add_column(col, overflow="fold")
        for i in shown:
            f = i.finding
            message = f.message
            if f.status is Status.SUPPRESSED and f.suppression is not None:
                message += f" [suppressed: {f.suppression.reason}]"
            table.add_row(
                t.level(i),
                f.rule_id,
                str(f.severity),
                str(f.status),
                escape(f.resource.name),
                escape(message),
            )
        console.print(table)
    return out.text()
