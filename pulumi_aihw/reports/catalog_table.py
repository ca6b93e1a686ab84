"""``aihw catalog`` for a terminal: offerings with prices, TDP, date and flag count."""

from __future__ import annotations

from collections.abc import Sequence

from pulumi_aihw.catalog.catalog import Catalog
from pulumi_aihw.catalog.models import Offering
from pulumi_aihw.reports.plan_text import number
from pulumi_aihw.reports.terminal import TextConsole

_COLUMNS = ("provider", "offering", "region", "accelerator", "per unit", "on-demand $/h",
            "spot $/h", "monthly", "TDP W", "as of", "flags")  # fmt: skip


def render(catalog: Catalog, rows: Sequence[Offering]) -> str:
    from rich.table import Table

    table = Table(
        title=f"Catalog as of {catalog.as_of}: {len(rows)} offerings", title_justify="left"
    )
    for col in _COLUMNS:
        table.add_column(col)
    for o in rows:
        acc = catalog.accelerator(o.accelerator_id)
        monthly = o.monthly_price is not None
        table.add_row(
            str(o.provider), o.offering, o.region or "-", acc.id, f"{o.accelerators_per_unit:g}",
            "-" if monthly else number(o.on_demand_usd_per_hour),
            "-" if monthly else number(o.spot_usd_per_hour),
            f"{o.monthly_price:,.0f} {o.price_currency}" if monthly else "-",
            number(acc.tdp_watts, 0), str(o.as_of), str(len(o.flags) or ""),
        )  # fmt: skip
    out = TextConsole(160)
    out.print(table)
    return out.text()
