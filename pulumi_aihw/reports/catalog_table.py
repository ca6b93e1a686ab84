"""``aihw catalog`` for a terminal: offerings with prices, power and its basis, date and
flags, in a table as wide as the terminal (``COLUMNS``; narrower terminals drop the
less important columns, never wrap a row into unreadable slivers)."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Sequence

from pulumi_aihw.catalog.catalog import Catalog
from pulumi_aihw.catalog.models import Accelerator, Offering
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
    return f"{acc.power_watts:g} pub" + (
        f" (or {high:g})" if high and high > acc.power_watts else ""
    )


def _monthly(o: Offering, acc: Accelerator) -> str:
    return "-" if o.monthly_price is None else f"{o.monthly_price:,.0f} {o.price_currency}"


FLAG_NAMES: tuple[tuple[str, str], ...] = (
    ("price check:", "price check"),
    ("price not published", "no price"),
    ("no on-demand price", "no on-demand"),
    ("spot price (", "spot >= on-demand"),
    ("spot price not refreshed", "spot not refreshed"),
    ("priced in ", "foreign currency"),
    ("total includes the bundled", "incl. local SSD"),
    ("region not in the provider", "region unlisted"),
    ("row added by a price refresh", "added by refresh"),
    ("Google offers the 1g/2g/4g", "spot/flex only"),
)
"""Flag text prefix -> the short name the table shows (JSON has the full text)."""


def flag_names(o: Offering) -> list[str]:
    names = []
    for f in o.flags:
        name = next((n for prefix, n in FLAG_NAMES if f.startswith(prefix)), None)
        if name is None and " price from " in f and "only" in f:
            name = "single source"
        names.append(name or "note")
    return list(dict.fromkeys(names))


def _flags(o: Offering, acc: Accelerator) -> str:
    """Short flag names; ``!`` first when a price disagrees with a second source."""
    names = ", ".join(flag_names(o))
    return f"! {names}" if o.suspect else names


def _headline(o: Offering, acc: Accelerator) -> str:
    """On-demand per unit-hour, or a rented server's monthly rent."""
    return _monthly(o, acc) + "/mo" if o.monthly_price else _price(o.on_demand_usd_per_hour)


def _price(value: float | None) -> str:
    """Rounded for reading: cents from $1 up, four decimals below."""
    if value is None:
        return "unknown"
    return f"{value:,.2f}" if value >= 1 else f"{value:.4f}"


def _opt_price(value: float | None) -> str:
    return "-" if value is None else _price(value)


# (title, cell, priority): lower priority numbers survive on narrow terminals.
COLUMNS: tuple[tuple[str, Cell, int], ...] = (
    ("provider", lambda o, a: str(o.provider), 2),
    ("offering", lambda o, a: o.offering, 0),
    ("region", lambda o, a: o.region or "-", 0),
    ("accelerators", lambda o, a: f"{o.accelerators_per_unit:g} x {a.id}", 3),
    ("$/h", lambda o, a: _headline(o, a), 0),
    ("spot $/h", lambda o, a: "-" if o.monthly_price else _price(o.spot_usd_per_hour), 2),
    ("1y $/h", lambda o, a: _opt_price(o.reserved_1y_usd_per_hour), 3),
    ("block $/h", lambda o, a: _opt_price(o.capacity_block_usd_per_hour), 3),
    ("monthly", _monthly, 3),
    ("W/chip", _power, 0),
    ("as of", lambda o, a: str(o.as_of), 2),
    ("flags", _flags, 0),
)  # fmt: skip

WIDTHS = {0: 0, 2: 120, 3: 170}
MIN_WIDTHS = {"offering": 20, "flags": 13, "W/chip": 9}
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
    if not any(title == "provider" for title, _, _ in columns):  # narrow: provider in the name
        columns = [
            (t, (lambda o, a: f"{o.provider}/{o.offering}") if t == "offering" else cell, p)
            for t, cell, p in columns
        ]
    table = Table(
        title=f"Catalog as of {catalog.as_of}: {len(rows)} offerings",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    for title, _, _ in columns:
        wraps = title in ("W/chip", "offering", "flags")
        table.add_column(title, no_wrap=not wraps, overflow="fold", min_width=MIN_WIDTHS.get(title))
    for o in rows:
        acc = catalog.accelerator(o.accelerator_id)
        table.add_row(*(cell(o, acc) for _, cell, _ in columns))
    out = TextConsole(width)
    out.print(table)
    for line in textwrap.wrap(LEGEND, width - 1):
        out.line(line)
    return out.text()


LEGEND = (
    "$/h: on-demand per unit-hour (a rented server: its monthly rent). W/chip: pub = "
    "published TDP, meas = measured (caps compare the maximum), est = estimate "
    "with its range (caps compare the high end). flags: ! = a price disagrees with a second "
    "source by more than 5%. `--format json` has every flag in full, cross-check and source."
)
