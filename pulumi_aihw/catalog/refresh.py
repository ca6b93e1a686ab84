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

from pulumi_aihw.catalog.assemble import TOLERANCE_PCT, difference_pct
from pulumi_aihw.catalog.build import BuildReport, clean_price
from pulumi_aihw.catalog.groups import PRICE_FIELDS
from pulumi_aihw.catalog.models import CatalogDocument, CrossCheck, Offering, PriceComponent
from pulumi_aihw.vocab import StrEnum

_OTHER = "; other fields: "
DATE_FIELDS = {
    "on-demand": "as_of",
    "spot": "spot_as_of",
    "capacity-block": "capacity_block_as_of",
    "reserved-1y": "reserved_as_of",
    "reserved-3y": "reserved_as_of",
}
_STALE_FLAGS = ("no on-demand price", "spot price (", "spot price not refreshed")


@dataclass(frozen=True, slots=True)
class PriceQuote:
    """One price (USD per unit-hour) fetched for an offering in a region."""

    provider: str
    offering: str
    region: str
    usd_per_hour: float | None
    """``None`` when the source has no usable price (``problem`` says why)."""
    source: str
    problem: str | None = None
    kind: str = "on-demand"
    """``on-demand``, ``spot``, ``capacity-block``, ``reserved-1y`` or ``reserved-3y``."""
    components: tuple[tuple[str, float], ...] = ()
    """(label, usd_per_hour) of each summed part, when the price is a sum."""


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
    price_kind: str = "on-demand"
    flags: tuple[str, ...] = ()
    """Cross-check disagreements of the new price (as the build flags them)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": str(self.kind),
            "price_kind": self.price_kind,
            "flags": list(self.flags),
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
        sources=doc.sources,
    )
    report = RefreshReport(
        refreshed_on=refreshed_on,
        base_as_of=doc.as_of,
        base_built_from=doc.built_from,
        regions=tuple(sorted({q.region for q in quoted})),
        changes=tuple(
            sorted(changes, key=lambda c: (str(c.kind), c.offering, c.region, c.price_kind))
        ),
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
    field = PRICE_FIELDS[q.kind]
    old_price = getattr(old, field) if old is not None else None

    def change(
        kind: ChangeKind, new: float | None, note: str = "", flags: tuple[str, ...] = ()
    ) -> PriceChange:
        return PriceChange(
            kind, q.provider, q.offering, q.region, old_price, new, note, q.kind, flags
        )

    build = BuildReport()
    price = clean_price(q.usd_per_hour, f"{q.offering} {q.region}", build)
    if price is None:
        kind = ChangeKind.REJECTED if build.rejected_values else ChangeKind.NOT_FOUND
        note = "; ".join(build.rejected_values) or q.problem or "no price"
        kept = "row kept as it was" if old is not None else "no row added"
        return change(kind, None, f"{note}; {kept}")
    if old is not None:
        new = rows[key] = _refreshed(old, q, price, on)
        same = old_price is not None and round(old_price, 6) == round(price, 6)
        kind = ChangeKind.UNCHANGED if same else ChangeKind.UPDATED
        return change(kind, price, flags=_check_flags(new, q.kind))
    template = templates.get((q.provider, q.offering))
    if template is None:
        return change(ChangeKind.NOT_FOUND, price, "not a catalog instance type; no row added")
    if q.kind != "on-demand":
        return change(ChangeKind.NOT_FOUND, price, f"no row to add a {q.kind} price to")
    rows[key] = _added(template, q, price, on)
    return change(ChangeKind.ADDED, price)


def _check_flags(o: Offering, kind: str) -> tuple[str, ...]:
    return tuple(f for f in o.flags if f.startswith(f"price check: {kind} "))


def _base_source(o: Offering, kind: str = "on-demand") -> str:
    """The row's source without an earlier refresh's part for the same kind of price."""
    if o.source.startswith(f"{kind}: ") and _OTHER in o.source:
        return o.source.split(_OTHER, 1)[1]
    return f"{o.source} (as of {o.as_of})"


def rechecked(o: Offering, kind: str, price: float, as_of: dt.date) -> dict[str, Any]:
    """The fields a new ``kind`` price changes: the build's cross-checks recomputed
    against it (with the replaced figure kept as the earlier one), the price-check flags
    and the suspect kinds."""
    old = getattr(o, PRICE_FIELDS[kind])
    checks = []
    for c in o.cross_checks:
        if c.kind != kind:
            checks.append(c)
        elif c.independent:
            pct = difference_pct(price, c.other_usd_per_hour)
            checks.append(
                c.model_copy(
                    update={
                        "usd_per_hour": price,
                        "difference_pct": round(pct, 2),
                        "disagrees": pct > TOLERANCE_PCT,
                    }
                )
            )
    if old is not None:
        checks.append(
            CrossCheck(
                kind=kind,
                usd_per_hour=price,
                other_usd_per_hour=old,
                other_source="the snapshot before this refresh",
                other_as_of=as_of,
                difference_pct=round(difference_pct(price, old), 2),
                disagrees=False,
                independent=False,
            )
        )
    flags = [f for f in o.flags if not f.startswith(f"price check: {kind} ")]
    bad = [c for c in checks if c.kind == kind and c.disagrees]
    flags.extend(f"price check: {c.describe()}" for c in bad)
    suspect = [k for k in o.suspect_prices if k != kind] + ([kind] if bad else [])
    return {"cross_checks": tuple(checks), "flags": flags, "suspect_prices": tuple(suspect)}


def _refreshed(o: Offering, q: PriceQuote, price: float, on: dt.date) -> Offering:
    data = o.model_dump()
    data.update(rechecked(o, q.kind, price, o.as_of))
    flags = [f for f in data["flags"] if not f.startswith(_STALE_FLAGS)]
    spot = o.spot_usd_per_hour
    if q.kind == "on-demand" and spot is not None:
        flags.append(f"spot price not refreshed: it is from the previous source (as of {o.as_of})")
        if spot >= price:
            flags.append(f"spot price ({spot}) is not below on-demand ({price})")
    if (
        q.kind == "spot"
        and o.on_demand_usd_per_hour is not None
        and price >= o.on_demand_usd_per_hour
    ):
        flags.append(f"spot price ({price}) is not below on-demand ({o.on_demand_usd_per_hour})")
    if q.components:
        kept = [c for c in o.components if c.kind != q.kind]
        kept.extend(
            PriceComponent(kind=q.kind, label=label, usd_per_hour=usd, source=q.source)
            for label, usd in q.components
        )
        data["components"] = tuple(kept)
    data.update(
        {PRICE_FIELDS[q.kind]: price},
        flags=tuple(dict.fromkeys(flags)),
        source=f"{q.kind}: {q.source}{_OTHER}{_base_source(o, q.kind)}",
    )
    date_field = DATE_FIELDS[q.kind]
    data[date_field] = on
    if q.kind == "on-demand":
        data["capacity_block_as_of"] = o.capacity_block_as_of or (
            o.as_of if o.capacity_block_usd_per_hour is not None else None
        )
        data["spot_as_of"] = o.spot_as_of or (o.as_of if spot is not None else None)
    return Offering.model_validate(data)


def _added(template: Offering, q: PriceQuote, price: float, on: dt.date) -> Offering:
    data = template.model_dump()
    data.update(
        region=q.region,
        on_demand_usd_per_hour=price,
        spot_usd_per_hour=None,
        spot_as_of=None,
        capacity_block_usd_per_hour=None,
        capacity_block_as_of=None,
        reserved_1y_usd_per_hour=None,
        reserved_3y_usd_per_hour=None,
        reserved_as_of=None,
        cross_checks=(),
        components=(),
        suspect_prices=(),
        flags=(f"row added by a price refresh: hardware facts copied from {template.key}",),
        source=f"on-demand: {q.source}{_OTHER}hardware facts from {_base_source(template)}",
        as_of=on,
    )
    return Offering.model_validate(data)
