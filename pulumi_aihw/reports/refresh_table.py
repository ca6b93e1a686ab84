"""``aihw catalog refresh``: what changed against the base snapshot, old -> new."""

from __future__ import annotations

from pulumi_aihw.catalog.refresh import RefreshReport
from pulumi_aihw.reports.plan_text import number
from pulumi_aihw.reports.terminal import TextConsole


def render(report: RefreshReport) -> str:
    from rich import box
    from rich.table import Table

    out = TextConsole(140)
    console = out.console
    counts = ", ".join(f"{n} {kind}" for kind, n in report.counts().items() if n)
    console.print(
        f"Catalog refresh on {report.refreshed_on} against the snapshot as of "
        f"{report.base_as_of} ({report.base_built_from}); regions: "
        f"{', '.join(report.regions) or 'none'}; {counts or 'no prices'}",
        markup=False,
    )
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for col in ("change", "offering", "region", "old $/h", "new $/h", "note"):
        table.add_column(col, overflow="fold")
    for c in report.changes:
        table.add_row(
            str(c.kind),
            c.offering,
            c.region,
            number(c.old_usd_per_hour),
            number(c.new_usd_per_hour),
            c.note,
        )
    console.print(table)
    return out.text()
