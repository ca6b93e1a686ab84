"""Join the price sources into catalog rows: one row per offering shape and region,
each price from the highest-priority source that has it, every other figure kept as a
cross-check, disagreements over 5 % flagged, sums kept part by part.

Pure: :func:`assemble` takes the :class:`SourceResult` of every registered source (in
priority order) and returns validated field dicts for
:class:`~pulumi_aihw.catalog.models.Offering`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pulumi_aihw.catalog.models import CrossCheck, PriceComponent
from pulumi_aihw.catalog.sources.base import (
    DATE_FIELD,
    OFFERING_FIELD,
    PriceKind,
    PricePoint,
    Shape,
    SourceResult,
)
from pulumi_aihw.errors import CatalogError

TOLERANCE_PCT = 5.0
"""Two sources disagree when their prices differ by more than this (of the lower one)."""

STRICT_OFFERED = frozenset({"gcp"})
"""Providers whose price source also prices regions that do not offer a type (Cyclenerd):
a price outside the offered regions is dropped. Elsewhere (AWS: moto's offerings data is
older than the price file) the row is kept and flagged."""

SUM_TOLERANCE_USD = 1e-4
"""The build check: a summed price must equal its parts to this (rounding only)."""

Key = tuple[str, str, str | None]


@dataclass
class Joined:
    """All sources' facts, indexed."""

    shapes: dict[tuple[str, str], Shape] = field(default_factory=dict)
    offered: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    prices: dict[Key, list[PricePoint]] = field(default_factory=dict)
    checks: dict[Key, list[PricePoint]] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    recognised: set[tuple[str, str]] = field(default_factory=set)


def join(results: Iterable[SourceResult]) -> Joined:
    j = Joined()
    for r in results:
        for s in r.shapes:
            j.shapes.setdefault(s.key, s)
        for key, regions in r.offered.items():
            j.offered.setdefault(key, set()).update(regions)
        for p in r.prices:
            j.prices.setdefault(p.key, []).append(p)
        for p in r.checks:
            j.checks.setdefault(p.key, []).append(p)
        j.dropped.extend(r.dropped)
        j.labels.update(r.labels)
        j.recognised.update(r.recognised)
    return j


def difference_pct(a: float, b: float) -> float:
    return abs(a - b) / min(a, b) * 100


def cross_checks(
    kind: PriceKind, primary: PricePoint, others: Sequence[PricePoint]
) -> list[CrossCheck]:
    assert primary.usd_per_hour is not None
    out = []
    for o in others:
        if o.usd_per_hour is None or o.source == primary.source:
            continue
        pct = difference_pct(primary.usd_per_hour, o.usd_per_hour)
        out.append(
            CrossCheck(
                kind=str(kind),
                usd_per_hour=primary.usd_per_hour,
                other_usd_per_hour=o.usd_per_hour,
                other_source=o.source,
                other_as_of=o.as_of,
                difference_pct=round(pct, 2),
                disagrees=o.independent and pct > TOLERANCE_PCT,
                independent=o.independent,
            )
        )
    return out


def check_sums(components: Sequence[PriceComponent], fields: dict[str, object], what: str) -> None:
    """The build check: every summed price equals the sum of its kept parts."""
    for kind, name in OFFERING_FIELD.items():
        parts = [c.usd_per_hour for c in components if c.kind == kind]
        if not parts:
            continue
        total = fields.get(name)
        if not isinstance(total, float) or abs(total - sum(parts)) > SUM_TOLERANCE_USD:
            raise CatalogError(
                f"{what}: {kind} price {total} is not the sum of its parts "
                f"{' + '.join(f'{p:g}' for p in parts)} = {sum(parts):g}"
            )


def _price_fields(key: Key, j: Joined) -> dict[str, object] | None:
    """The price fields of one row, or ``None`` if no source gives any price."""
    points = j.prices.get(key, [])
    checks = j.checks.get(key, [])
    fields: dict[str, object] = {}
    sources: list[str] = []
    found: list[CrossCheck] = []
    components: list[PriceComponent] = []
    notes: list[str] = []
    dates: list[dt.date] = []
    for kind in PriceKind:
        of_kind = [p for p in points if p.kind is kind]
        primary = next((p for p in of_kind if p.usd_per_hour), None)
        if primary is None:  # no primary source: a second source's figure, said so
            primary = next(
                (
                    c
                    for c in checks
                    if c.kind is kind
                    and c.usd_per_hour
                    and c.independent
                    and not c.corroboration_only
                ),
                None,
            )
            if primary is not None:
                notes.append(f"{kind} price from {primary.source} only (no primary source)")
        if primary is None:
            if kind is PriceKind.ON_DEMAND:
                notes.extend(p.note for p in of_kind if p.note)
            continue
        fields[OFFERING_FIELD[kind]] = primary.usd_per_hour
        date_field = DATE_FIELD[kind]
        if date_field != "as_of":
            fields[date_field] = min(primary.as_of, _as_date(fields.get(date_field), primary))
        dates.append(primary.as_of)
        sources.append(f"{kind}: {primary.source}")
        found.extend(
            cross_checks(kind, primary, [*of_kind, *(c for c in checks if c.kind is kind)])
        )
        components.extend(
            PriceComponent(kind=str(kind), label=lbl, usd_per_hour=usd, source=src)
            for lbl, usd, src in primary.components
        )
        if primary.note:
            notes.append(primary.note)
        if kind is PriceKind.ON_DEMAND:
            fields["as_of"] = primary.as_of
    if not sources:
        return None
    fields.setdefault("as_of", min(dates))
    fields["source"] = "; ".join(sources)
    fields["cross_checks"] = tuple(found)
    fields["components"] = tuple(components)
    fields["flags"] = tuple(dict.fromkeys(notes))
    return fields


def _as_date(value: object, p: PricePoint) -> dt.date:
    return value if isinstance(value, dt.date) else p.as_of


def _unpriced_fields(key: Key, j: Joined) -> dict[str, object]:
    notes = [p.note for p in j.prices.get(key, []) if p.note]
    shape = j.shapes[key[:2]]
    why = "; ".join(dict.fromkeys(notes)) or (
        f"offered in {key[2]} (the provider's offerings data) but no source here prices it there"
    )
    return {
        "source": f"no price: {shape.source}",
        "as_of": max((p.as_of for p in j.prices.get(key, [])), default=dt.date(2026, 8, 17)),
        "flags": (f"price not published: {why}",),
    }


def row_keys(j: Joined) -> list[Key]:
    """Every (provider, offering, region) that gets a row: each region with a price, and
    each region the provider lists as offering the type (its price then unknown)."""
    keys = {k for k, pts in j.prices.items() if any(p.usd_per_hour for p in pts)}
    for shape_key in j.shapes:
        regions = j.offered.get(shape_key, set()) | {
            k[2] for k in j.prices if k[:2] == shape_key and k[2]
        }
        keys.update((*shape_key, r) for r in regions)
    return sorted(keys, key=lambda k: (k[0], k[1], k[2] or ""))


def assemble(results: Iterable[SourceResult]) -> tuple[list[dict[str, object]], Joined]:
    """Catalog row fields (before flags from ``flags.csv`` and quality checks)."""
    j = join(results)
    rows = []
    keys = row_keys(j)
    with_rows = {k[:2] for k in keys}
    for shape_key, described in sorted(j.shapes.items()):
        if shape_key not in with_rows:
            j.dropped.append(
                f"{described.provider} {described.offering}: recognised, not planned: "
                "no source gives a region or a price"
            )
    not_offered: dict[tuple[str, str], list[str]] = {}
    for key in keys:
        shape = j.shapes.get(key[:2])
        label = f"{key[0]} {key[1]} {key[2] or '-'}"
        if shape is None and key[:2] in j.recognised:
            continue
        if shape is None:
            j.dropped.append(f"{label}: priced, but no source describes the hardware")
            continue
        offered = j.offered.get(key[:2])
        unlisted = offered is not None and key[2] not in offered
        if unlisted and key[0] in STRICT_OFFERED:
            not_offered.setdefault(key[:2], []).append(str(key[2]))
            continue
        fields = _price_fields(key, j) or _unpriced_fields(key, j)
        if unlisted:
            fields["flags"] = (
                *fields.get("flags", ()),  # type: ignore[misc]
                "region not in the provider's offerings data (moto's copy); priced by the "
                "price list",
            )
        fields.update(_shape_fields(shape, key[2]))
        check_sums(fields.get("components", ()), fields, label)  # type: ignore[arg-type]
        rows.append(fields)
    for (provider, offering), regions in sorted(not_offered.items()):
        j.dropped.append(
            f"{provider} {offering}: priced in {len(regions)} regions that do not offer it "
            f"(left out): {', '.join(regions)}"
        )
    return rows, j


def _shape_fields(shape: Shape, region: str | None) -> dict[str, object]:
    return {
        "provider": shape.provider,
        "offering": shape.offering,
        "deployment": shape.deployment,
        "accelerator_name": shape.accelerator,
        "accelerators_per_unit": shape.accelerators_per_unit,
        "unit_kind": shape.unit_kind,
        "hosts_per_unit": shape.hosts_per_unit,
        "vcpus": shape.vcpus,
        "memory_gib": shape.memory_gib,
        "region": region,
        "multi_node": shape.multi_node,
        **dict(shape.extra),
    }
