"""Apply freshly fetched prices to a catalog snapshot: a new, dated snapshot and a
report of what changed. Pure: the prices come in as :class:`PriceQuote` records
(``aihw catalog refresh --aws`` fetches them from the AWS Price List API).

Rules:

- prices pass the build's rule (:func:`~pulumi_aihw.catalog.build.clean_price`):
  zero and sentinel values are rejected and the row keeps its old price;
- a refreshed row gets the new on-demand price, the refresh date as ``as_of`` and
  a source naming both the new price's source and the old row's; a spot price it
  keeps is flagged as not refreshed (it keeps its old date in the source);
- a quote for a region the catalog has no row for adds a row, copied from the same
  instance type's row (accelerator and host facts), with no spot price;
- rows without a quote are left exactly as they were.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pulumi_aihw.catalog.build import BuildReport, clean_price
from pulumi_aihw.catalog.models import CatalogDocument, Offering
from pulumi_aihw.vocab import StrEnum

_OTHER = "; other fields: "
_STALE_FLAGS = ("no on-demand price", "spot price (", "spot price not refreshed")


@dataclass(frozen=True, slots=True)
class PriceQuote:
    """One on-demand price (USD per instance-hour) fetched for an offering in a region."""

    provider: str
    offering: str
    region: str
    usd_per_hour: float | None
    """``None`` when the source has no usable price (``problem`` says why)."""
    source: str
    problem: str | None = None


class ChangeKind(StrEnum):
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    ADDED = "added"
    NOT_FOUND = "not-found"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class PriceChange:
    kind: ChangeKind
    provider: str
    offering: str
    region: str
    old_usd_per_hour: float | None
    new_usd_per_hour: float | None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": str(self.kind),
            "provider": self.provider,
            "offering": self.offering,
            "region": self.region,
            "old_usd_per_hour": self.old_usd_per_hour,
            "new_usd_per_hour": self.new_usd_per_hour,
            "note": self.note,
        }


@dataclass(frozen=True)
class RefreshReport:
    """What a refresh changed against its base snapshot."""

    refreshed_on: dt.date
    base_as_of: dt.date
    base_built_from: str
    regions: tuple[str, ...]
    changes: tuple[PriceChange, ...]

    def of_kind(self, kind: ChangeKind) -> tuple[PriceChange, ...]:
        return tuple(c for c in self.changes if c.kind is kind)

    def counts(self) -> dict[str, int]:
        return {str(k): len(self.of_kind(k)) for k in ChangeKind}

    def to_dict(self) -> dict[str, Any]:
        return {
            "refreshed_on": self.refreshed_on.isoformat(),
            "base_as_of": self.base_as_of.isoformat(),
            "base_built_from": self.base_built_from,
            "regions": list(self.regions),
            "counts": self.counts(),
            "changes": [c.to_dict() for c in self.changes],
        }


Key = tuple[str, str, "str | None"]


def _key(provider: str, offering: str, region: str | None) -> Key:
    return (provider, offering, region)


def apply_prices(
    doc: CatalogDocument,
    quotes: Iterable[PriceQuote],
    *,
    refreshed_on: dt.date,
    refreshed_by: str,
) -> tuple[CatalogDocument, RefreshReport]:
    """The refreshed snapshot and its change report. ``refreshed_by`` names the refresh
    in the new snapshot's ``built_from``."""
    rows: dict[Key, Offering] = {
        _key(str(o.provider), o.offering, o.region): o for o in doc.offerings
    }
    templates: dict[tuple[str, str], Offering] = {}
    for o in sorted(doc.offerings, key=lambda o: o.region or ""):
        templates.setdefault((str(o.provider), o.offering), o)
    quoted = list(quotes)
    changes = [_apply(q, rows, templates, refreshed_on) for q in quoted]
    offerings = sorted(
        rows.values(), key=lambda o: str(_key(str(o.provider), o.offering, o.region))
    )
    new_doc = CatalogDocument(
        version=doc.version,
        as_of=max(o.as_of for o in offerings),
        built_from=f"{refreshed_by} on {refreshed_on} over [{doc.built_from}, as of {doc.as_of}]",
        accelerators=doc.accelerators,
        offerings=tuple(offerings),
        dropped=doc.dropped,
    )
    report = RefreshReport(
        refreshed_on=refreshed_on,
        base_as_of=doc.as_of,
        base_built_from=doc.built_from,
        regions=tuple(sorted({q.region for q in quoted})),
        changes=tuple(sorted(changes, key=lambda c: (str(c.kind), c.offering, c.region))),
    )
    return new_doc, report


def _apply(
    q: PriceQuote,
    rows: dict[Key, Offering],
    templates: dict[tuple[str, str], Offering],
    on: dt.date,
) -> PriceChange:
    """Apply one quote to ``rows`` (updated in place) and say what changed."""
    key = _key(q.provider, q.offering, q.region)
    old = rows.get(key)
    old_price = old.on_demand_usd_per_hour if old is not None else None

    def change(kind: ChangeKind, new: float | None, note: str = "") -> PriceChange:
        return PriceChange(kind, q.provider, q.offering, q.region, old_price, new, note)

    build = BuildReport()
    price = clean_price(q.usd_per_hour, f"{q.offering} {q.region}", build)
    if price is None:
        kind = ChangeKind.REJECTED if build.rejected_values else ChangeKind.NOT_FOUND
        note = "; ".join(build.rejected_values) or q.problem or "no price"
        kept = "row kept as it was" if old is not None else "no row added"
        return change(kind, None, f"{note}; {kept}")
    if old is not None:
        rows[key] = _refreshed(old, q, price, on)
        same = old_price is not None and round(old_price, 6) == round(price, 6)
        return change(ChangeKind.UNCHANGED if same else ChangeKind.UPDATED, price)
    template = templates.get((q.provider, q.offering))
    if template is None:
        return change(ChangeKind.NOT_FOUND, price, "not a catalog instance type; no row added")
    rows[key] = _added(template, q, price, on)
    return change(ChangeKind.ADDED, price)


def _base_source(o: Offering) -> str:
    """The row's source without an earlier refresh's on-demand part."""
    if o.source.startswith("on-demand: ") and _OTHER in o.source:
        return o.source.split(_OTHER, 1)[1]
    return f"{o.source} (as of {o.as_of})"


def _refreshed(o: Offering, q: PriceQuote, price: float, on: dt.date) -> Offering:
    flags = [f for f in o.flags if not f.startswith(_STALE_FLAGS)]
    spot = o.spot_usd_per_hour
    if spot is not None:
        flags.append(f"spot price not refreshed: it is from the previous source (as of {o.as_of})")
        if spot >= price:
            flags.append(f"spot price ({spot}) is not below on-demand ({price})")
    data = o.model_dump()
    data.update(
        on_demand_usd_per_hour=price,
        flags=tuple(dict.fromkeys(flags)),
        source=f"on-demand: {q.source}{_OTHER}{_base_source(o)}",
        as_of=on,
        capacity_block_as_of=o.capacity_block_as_of
        or (o.as_of if o.capacity_block_usd_per_hour is not None else None),
    )
    return Offering.model_validate(data)


def _added(template: Offering, q: PriceQuote, price: float, on: dt.date) -> Offering:
    data = template.model_dump()
    data.update(
        region=q.region,
        on_demand_usd_per_hour=price,
        spot_usd_per_hour=None,
        capacity_block_usd_per_hour=None,
        capacity_block_as_of=None,
        flags=(f"row added by a price refresh: hardware facts copied from {template.key}",),
        source=f"on-demand: {q.source}{_OTHER}hardware facts from {_base_source(template)}",
        as_of=on,
    )
    return Offering.model_validate(data)
