"""``aihw catalog`` for a terminal: offerings with prices, power and its basis, date and
flags, in a table as wide as the terminal (``COLUMNS``; narrower terminals drop the
less important columns, never wrap a row into unreadable slivers)."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Sequence

from pulumi_aihw.catalog.catalog import Catalog
from pulumi_aihw.catalog.models import Accelerator, Offering
from pulumi_aihw.reports.plan_text import number
from pulumi_aihw.reports.terminal import TextConsole

Cell = Callable[[Offering, Accelerator], str]


def _power(o: Offering, acc: Accelerator) -> str:
    """Per-chip watts and basis: ``700 pub``, ``~385 est (142-285)``, ``unknown``."""
    if acc.power_watts is None:
        return "unknown" if acc.tdp_watts is None else f"{acc.tdp_watts:g} pub"
    basis = str(acc.power_basis)
    if basis == "estimate":
        return f"~{acc.power_watts:g} est ({acc.power_low_watts:g}-{acc.power_high_watts:g})"
    if basis == "measured":
        return f"{acc.power_watts:g} meas <={acc.power_high_watts:g}"
    high = acc.power_high_watts
    return f"{acc.power_watts:g} pub" + (f" (or {high:g})" if high and high > acc.power_watts else "")


def _monthly(o: Offering, acc: Accelerator) -> str:
    return "-" if o.monthly_price is None else f"{o.monthly_price:,.0f} {o.price_currency}"


def _flags(o: Offering, acc: Accelerator) -> str:
    """``2 !`` (2 flags, a price disagrees with a second source) or the count."""
    if not o.flags:
        return ""
    return f"{len(o.flags)}{' !' if o.suspect else ''}"


# (title, cell, priority): lower priority numbers survive on narrow terminals.
COLUMNS: tuple[tuple[str, Cell, int], ...] = (
    ("provider", lambda o, a: str(o.provider), 0),
    ("offering", lambda o, a: o.offering, 0),
    ("region", lambda o, a: o.region or "-", 0),
    ("accelerators", lambda o, a: f"{o.accelerators_per_unit:g} x {a.id}", 3),
    ("on-demand $/h", lambda o, a: _monthly(o, a) + "/mo" if o.monthly_price else number(o.on_demand_usd_per_hour), 0),
    ("spot $/h", lambda o, a: "-" if o.monthly_price else number(o.spot_usd_per_hour), 2),
    ("1y $/h", lambda o, a: number(o.reserved_1y_usd_per_hour) if o.reserved_1y_usd_per_hour else "-", 3),
    ("block $/h", lambda o, a: number(o.capacity_block_usd_per_hour) if o.capacity_block_usd_per_hour else "-", 3),
    ("monthly", _monthly, 3),
    ("power W/chip", _power, 0),
    ("as of", lambda o, a: str(o.as_of), 2),
    ("flags", _flags, 0),
)  # fmt: skip

WIDTHS = {0: 0, 2: 120, 3: 170}
"""The terminal width from which columns of each priority are shown."""


def terminal_width(default: int = 120) -> int:
    try:
        return max(60, int(os.environ.get("COLUMNS", default)))
    except ValueError:
        return default


def render(catalog: Catalog, rows: Sequence[Offering], width: int | None = None) -> str:
    from rich import box
    from rich.table import Table

    width = width or terminal_width()
    columns = [c for c in COLUMNS if width >= WIDTHS[c[2]]]
    table = Table(
        title=f"Catalog as of {catalog.as_of}: {len(rows)} offerings",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    for title, _, _ in columns:
        wraps = title in ("power W/chip", "offering")
        table.add_column(
            title, no_wrap=not wraps, overflow="fold", min_width=18 if title == "offering" else None
        )
    for o in rows:
        acc = catalog.accelerator(o.accelerator_id)
        table.add_row(*(cell(o, acc) for _, cell, _ in columns))
    out = TextConsole(width)
    out.print(table)
    for line in textwrap.wrap(LEGEND, width - 1):
        out.line(line)
    return out.text()


LEGEND = (
    "power: pub = published TDP, meas = measured (caps compare the maximum), est = estimate "
    "with its range (caps compare the high end). flags: how many; ! = a price disagrees with "
    "a second source. `--format json` has every flag, cross-check and source."
)
