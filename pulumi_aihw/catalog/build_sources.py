"""Build the packaged catalog from ``catalog-src/``: accelerators with their power basis,
cloud rows from the registered price sources (:mod:`pulumi_aihw.catalog.sources`,
joined by :mod:`pulumi_aihw.catalog.assemble`), rented dedicated servers from their CSV
rows, reviewed flags from ``flags.csv``. Pure over a :class:`SourceFiles`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pulumi_aihw.catalog.assemble import assemble
from pulumi_aihw.catalog.build import (
    BARE_METAL_PROVIDERS,
    BuildReport,
    _apply_instance_facts,
    _merge,
    _quality_flags,
    build_accelerators,
    normalize_offering_rows,
    parse_instance_facts,
)
from pulumi_aihw.catalog.models import Accelerator, CatalogDocument, CrossCheck, Offering
from pulumi_aihw.catalog.sources import read_all
from pulumi_aihw.catalog.sources.base import SourceFiles, number
from pulumi_aihw.errors import CatalogError
from pulumi_aihw.vocab import PowerBasis

ACCELERATORS = ("accelerators.csv", "accelerators_added.csv")
POWER = "power/accelerator_power.csv"
RENTED = ("offerings.csv", "baremetal/rented_servers.csv")
FLAGS = "flags.csv"
INSTANCE_FACTS = "instance_facts.csv"


def with_power(accs: Iterable[Accelerator], rows: list[dict[str, str]]) -> list[Accelerator]:
    """Each accelerator with its power figure, range, basis, method and source."""
    by_name = {r["accelerator"]: r for r in rows}
    out = []
    for a in accs:
        r = by_name.get(a.name)
        if r is None:
            out.append(a)
            continue
        basis = PowerBasis(r["power_basis"])
        low, high = number(r["power_low_watts"]), number(r["power_high_watts"])
        if basis is PowerBasis.ESTIMATE and (low is None or high is None):
            raise CatalogError(f"{POWER}: estimate for '{a.name}' needs a low-high range")
        tdp = a.tdp_watts
        if tdp is None and basis is PowerBasis.PUBLISHED:
            tdp = float(r["power_watts"])  # a published TDP the spec table lacks (A10G, Gaudi)
        out.append(
            a.model_copy(
                update={
                    "tdp_watts": tdp,
                    "power_watts": float(r["power_watts"]),
                    "power_low_watts": low,
                    "power_high_watts": high,
                    "power_basis": basis,
                    "power_method": r["method"],
                    "power_source": r["source"],
                }
            )
        )
    unknown = sorted(set(by_name) - {a.name for a in out})
    if unknown:
        raise CatalogError(f"{POWER}: no accelerator named {', '.join(unknown)}")
    return out


def _rented_rows(
    files: SourceFiles, accs: dict[str, Accelerator], report: BuildReport
) -> list[dict[str, object]]:
    """Rented dedicated servers (monthly or yearly prices) through the CSV normalizer."""
    pending = []
    for path in RENTED:
        rows = files.text(path).splitlines()
        keep = [rows[0]] + [r for r in rows[1:] if r.split(",", 1)[0] in BARE_METAL_PROVIDERS]
        pending.extend(normalize_offering_rows("\n".join(keep) + "\n", accs, report))
    return _merge(pending)


UNPRICED = "price not published"


def _apply_flags(rows: list[dict[str, object]], flags: list[dict[str, str]]) -> None:
    """Reviewed flags; on a row with no price the reviewed reason replaces the generic one."""
    for f in flags:
        hits = [
            r
            for r in rows
            if (r["provider"], r["offering"]) == (f["provider"], f["offering"])
            and (not f["region"] or r["region"] == f["region"])
        ]
        if not hits:
            raise CatalogError(f"{FLAGS}: no offering {f['provider']} {f['offering']} to flag")
        for r in hits:
            old = [str(x) for x in r.get("flags", ())]  # type: ignore[attr-defined]
            if any(x.startswith(UNPRICED) for x in old):
                old = [x for x in old if not x.startswith(UNPRICED)]
                old.append(f"{UNPRICED}: {f['flag']}")
            else:
                old.append(f["flag"])
            r["flags"] = tuple(old)
            if f["suspect"] == "yes":
                r["suspect_prices"] = ("all",)


def _finish(fields: dict[str, object]) -> Offering:
    """Flag cross-check disagreements (the row becomes suspect), then the quality flags."""
    checks = [c for c in _items(fields, "cross_checks") if isinstance(c, CrossCheck)]
    disagreements = [c for c in checks if c.disagrees]
    flags = [str(f) for f in _items(fields, "flags")]
    flags.extend(f"price check: {c.describe()}" for c in disagreements)
    if disagreements:
        kinds = (*map(str, _items(fields, "suspect_prices")), *(c.kind for c in disagreements))
        fields["suspect_prices"] = tuple(dict.fromkeys(kinds))
    unpriced = any(f.startswith(UNPRICED) for f in flags)
    fields["flags"] = tuple(flags)
    _quality_flags(fields)
    if unpriced:  # the reviewed reason says it already
        fields["flags"] = tuple(
            f for f in _items(fields, "flags") if not str(f).startswith("no on-demand price")
        )
    return Offering.model_validate(fields)


def _items(fields: dict[str, object], name: str) -> tuple[object, ...]:
    """A tuple-valued row field (empty when absent)."""
    value = fields.get(name, ())
    return tuple(value) if isinstance(value, (tuple, list)) else ()


def build_from_files(
    files: SourceFiles, built_from: str = "catalog-src/"
) -> tuple[CatalogDocument, BuildReport]:
    """The catalog document built from ``files``; raises :class:`CatalogError` on
    inconsistent input (an unknown accelerator, a sum that does not add up, ...)."""
    report = BuildReport()
    accs = [a for path in ACCELERATORS for a in build_accelerators(files.text(path))]
    accs = with_power(accs, files.rows(POWER))
    by_name = {a.name: a for a in accs}
    rows, joined = assemble(read_all(files))
    report.dropped.extend(joined.dropped)
    facts = parse_instance_facts(files.text(INSTANCE_FACTS))
    cloud = []
    for fields in rows:
        acc = by_name.get(str(fields.pop("accelerator_name")))
        if acc is None:
            raise CatalogError(f"no accelerator record for {fields['offering']}")
        fields["accelerator_id"] = acc.id
        _apply_instance_facts(fields, facts)
        cloud.append(fields)
    rented = _rented_rows(files, {a.id: a for a in accs}, report)
    all_rows = cloud + rented
    _apply_flags(all_rows, files.rows(FLAGS))
    offerings = [_finish(f) for f in all_rows]
    doc = CatalogDocument(
        as_of=max(o.as_of for o in offerings),
        built_from=built_from,
        accelerators=tuple(sorted(accs, key=lambda a: a.id)),
        offerings=tuple(sorted(offerings, key=lambda o: (o.provider, o.offering, o.region or ""))),
        dropped=tuple(report.dropped + report.rejected_values),
        sources=dict(sorted(joined.labels.items())),
    )
    return doc, report


def oldest(doc: CatalogDocument) -> dt.date:
    return min(o.as_of for o in doc.offerings)
