"""Which region of an offering a candidate is priced in: the cheapest the spec allows,
found from the group's price-sorted rows without pricing every region.

A suspect price (it disagrees with a second source) gives way to an unflagged one that
costs at most ``NEAR_PCT`` more: "suspect rows rank behind unflagged ones at equal or
near price".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pulumi_aihw.catalog.groups import PRICE_FIELDS, OfferingGroup
from pulumi_aihw.catalog.models import Offering
from pulumi_aihw.spec.models import WorkloadSpec

if TYPE_CHECKING:
    from pulumi_aihw.planner.candidates import Allowed

NEAR_PCT = 5.0
"""Within this many percent, an unflagged price ranks ahead of a suspect one."""


def choose_row(
    g: OfferingGroup, spec: WorkloadSpec, allowed: Allowed
) -> tuple[Offering, tuple[Offering, ...], str | None]:
    """(chosen row, the other allowed rows, the region reason when none is allowed)."""
    rows = g.rows
    if len(rows) == 1:
        return rows[0], (), None
    ok = allowed.allowed_rows(g) if allowed.has_region_rules else g.preferred
    if not ok:
        first = g.by_price.get(allowed.basis, ()) or g.preferred
        return first[0], (), allowed.region_reason(first[0], g.where)
    if len(ok) == 1:
        return ok[0], (), None
    best = _cheapest(g, spec, allowed) if not _has_override(g, spec) else None
    chosen = best or ok[0]
    return chosen, tuple(o for o in ok if o is not chosen), None


PLACEMENT = ("provider not allowed", "deployment not allowed", "region not allowed",
             "site not allowed", "offering not allowed", "accelerator not allowed",
             "not pinned")  # fmt: skip
"""Rejections by the spec's placement rules and pins: such candidates are not sized or
priced."""


def _has_override(g: OfferingGroup, spec: WorkloadSpec) -> bool:
    first = g.first
    return any(
        p.provider == first.provider and p.offering == first.offering
        for p in spec.pricing.offerings
    )


def _cheapest(g: OfferingGroup, spec: WorkloadSpec, allowed: Allowed) -> Offering | None:
    kind = allowed.basis
    priced = g.by_price.get(kind)
    if not priced:
        return None
    rules = allowed.has_region_rules
    best: Offering | None = None
    limit = 0.0
    field = PRICE_FIELDS[kind]
    for o in priced:
        if rules and not allowed.region_ok(o):
            continue
        if best is None:
            best = o
            if not o.is_suspect(kind):
                return o
            limit = getattr(o, field) * (1 + NEAR_PCT / 100)
            continue
        if getattr(o, field) > limit:
            break
        if not o.is_suspect(kind):
            return o
    return best
