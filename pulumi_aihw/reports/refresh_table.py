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
    for col in ("change", "price", "offering", "region", "old $/h", "new $/h", "note"):
        table.add_column(col, overflow="fold")
    for c in report.changes:
        note = "; ".join([c.note, *c.flags]) if c.flags else c.note
        table.add_row(
            str(c.kind) + (" !" if c.flags else ""),
            c.price_kind,
            c.offering,
            c.region,
            number(c.old_usd_per_hour),
            number(c.new_usd_per_hour),
            note,
        )
    console.print(table)
    if any(c.flags for c in report.changes):
        console.print(
            "  ! the new price disagrees with a second source by more than 5% (flagged in the "
            "snapshot; such rows rank behind unflagged ones at near-equal cost)",
            markup=False,
        )
    return out.text()
