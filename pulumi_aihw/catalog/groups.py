"""Offerings grouped by shape: every region of one provider's offering shares its hardware,
so the planner sizes and judges a group once and prices it per region.

Each group keeps, per kind of price, its rows sorted by price (then unflagged first, then
region): the cheapest allowed region is found without pricing every row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from pulumi_aihw.catalog.models import Offering

PRICE_FIELDS: dict[str, str] = {
    "on-demand": "on_demand_usd_per_hour",
    "spot": "spot_usd_per_hour",
    "capacity-block": "capacity_block_usd_per_hour",
    "reserved-1y": "reserved_1y_usd_per_hour",
    "reserved-3y": "reserved_3y_usd_per_hour",
}


@dataclass(frozen=True, slots=True)
class OfferingGroup:
    """All regions of one offering."""

    rows: tuple[Offering, ...]
    """Sorted by region."""
    by_price: dict[str, tuple[Offering, ...]]
    """Price kind -> the rows with that price, cheapest first (unflagged first at equal
    price)."""
    by_region: dict[str | None, Offering]
    preferred: tuple[Offering, ...] = ()
    """The rows best-stocked region first: the choice when no row has the price asked."""
    rank: dict[str | None, int] | None = None
    """Region -> its position in ``preferred``."""
    where: str = ""
    """``offered in a, b, ... and N more`` (for rejection reasons)."""

    @property
    def first(self) -> Offering:
        return self.rows[0]

    @property
    def regions(self) -> tuple[str, ...]:
        return tuple(o.region or "-" for o in self.rows)


def _sorted_by(
    rows: Iterable[Offering], kind: str, size: Counter[tuple[str, str | None]]
) -> tuple[Offering, ...]:
    """Cheapest first; at equal price unflagged first, then the provider's region with
    the most offerings (the best-stocked region), then by name."""
    field = PRICE_FIELDS[kind]
    priced = [(getattr(o, field), o) for o in rows if getattr(o, field) is not None]
    priced.sort(
        key=lambda p: (
            p[0],
            p[1].is_suspect(kind),
            -size[(str(p[1].provider), p[1].region)],
            p[1].region or "",
        )
    )
    return tuple(o for _, o in priced)


def _where(regions: tuple[str, ...], limit: int = 12) -> str:
    shown = ", ".join(regions[:limit])
    more = f" and {len(regions) - limit} more" if len(regions) > limit else ""
    return f"offered in {shown}{more}" if len(regions) > 1 else shown


def group_offerings(offerings: Iterable[Offering]) -> tuple[OfferingGroup, ...]:
    """Groups in catalog order of their first row."""
    by_key: dict[tuple[str, str, str], list[Offering]] = {}
    size: Counter[tuple[str, str | None]] = Counter()
    for o in offerings:
        by_key.setdefault((str(o.provider), o.offering, o.accelerator_id), []).append(o)
        size[(str(o.provider), o.region)] += 1
    out = []
    for rows in by_key.values():
        ordered = tuple(sorted(rows, key=lambda o: o.region or ""))
        preferred = tuple(
            sorted(ordered, key=lambda o: (-size[(str(o.provider), o.region)], o.region or ""))
        )
        out.append(
            OfferingGroup(
                ordered,
                {kind: _sorted_by(ordered, kind, size) for kind in PRICE_FIELDS},
                {o.region: o for o in ordered},
                preferred,
                {o.region: i for i, o in enumerate(preferred)},
                _where(tuple(o.region or "-" for o in ordered)),
            )
        )
    return tuple(out)
