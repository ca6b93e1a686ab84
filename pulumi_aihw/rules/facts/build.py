"""Building :class:`Hardware` from a raw resource's type names, counts and purchase option.

Every extractor ends here: type names are mapped to the catalog (price, power), and where
the catalog has no row, to family-level facts (:mod:`pulumi_aihw.rules.facts.families`),
so an unknown type is still seen as AI hardware with its vendor SDK and lock-in, and its
cost and power are "not evaluated", never zero and never passed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pulumi_aihw.catalog.catalog import Catalog
from pulumi_aihw.catalog.models import Accelerator, Offering
from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.rules.facts.families import FamilyFacts
from pulumi_aihw.rules.facts.hardware import Hardware
from pulumi_aihw.rules.facts.scale import Choice, Scale
from pulumi_aihw.rules.facts.values import number
from pulumi_aihw.rules.model import Resource

FamilyOf = Callable[[str], "FamilyFacts | None"]
"""Family facts of a type name the catalog does not know (per provider)."""


@functools.lru_cache(maxsize=8)
def _offering_index(catalog: Catalog) -> dict[str, tuple[Offering, ...]]:
    """Offering name -> its rows, the best-stocked region first (the fallback when a
    resource's region is not known)."""
    index: dict[str, list[Offering]] = {}
    for g in catalog.groups:
        index.setdefault(g.first.offering, []).extend(g.preferred)
    return {k: tuple(v) for k, v in index.items()}


def find_offering(
    catalog: Catalog, provider: str, name: str, region: str | None
) -> Offering | None:
    """The catalog offering ``name`` of ``provider``, in ``region`` if priced there (else
    the first region the catalog has: :meth:`Hardware.price_region_note` says so)."""
    rows = [o for o in _offering_index(catalog).get(name, ()) if o.provider == provider]
    for o in rows:
        if region is not None and o.region == region:
            return o
    return rows[0] if rows else None


def choice(
    catalog: Catalog,
    provider: str,
    name: str,
    region: str | None,
    family_of: FamilyOf | None = None,
    *,
    accelerator: Accelerator | None = None,
    accelerator_count: float | None = None,
) -> tuple[Choice, FamilyFacts | None]:
    """One type as the catalog knows it, and its family facts when the catalog does not."""
    offering = find_offering(catalog, provider, name, region)
    if offering is not None:
        acc = catalog.accelerator(offering.accelerator_id)
        return Choice(name, offering, acc, offering.accelerators_per_unit), None
    family = family_of(name) if family_of is not None else None
    found = accelerator or (family.accelerator if family else None)
    return Choice(name, None, found, accelerator_count), family


def raw_hardware(
    r: Resource,
    catalog: Catalog,
    *,
    provider: str,
    kind: str,
    type_value: Any,
    type_path: str,
    accelerated: bool,
    region: str | None,
    tags: Mapping[str, str],
    units: Any = None,
    units_path: str = "",
    purchase: Any = "on-demand",
    purchase_path: str = "",
    accelerator: Accelerator | None = None,
    accelerator_count: float | None = None,
    template_ref: str | None = None,
    family_of: FamilyOf | None = None,
    also: Sequence[str] = (),
    scale: Scale | None = None,
    unpriced: str | None = None,
    host_vcpus: float | None = None,
) -> Hardware | None:
    """Hardware from a raw resource's type and count; ``None`` when it is no AI hardware.

    ``accelerated`` says the type names accelerator hardware even when the catalog does
    not know it; ``family_of`` gives its family-level facts then. ``also`` names the other
    types the resource may launch; ``scale`` the range of units (its figure wins over
    ``units``)."""
    unknown: dict[str, str] = {}
    name = type_value if isinstance(type_value, str) and type_value else None
    if type_value is UNKNOWN:
        unknown.update(offering=type_path, accelerator=type_path, offering_name=type_path)
    first, family = (None, None)
    if name:
        first, family = choice(
            catalog,
            provider,
            name,
            region,
            family_of,
            accelerator=accelerator,
            accelerator_count=accelerator_count,
        )
    acc = first.accelerator if first else accelerator
    seen = unknown or (first and first.offering) or acc or family or accelerated
    if not (seen or template_ref is not None):
        return None
    if units is UNKNOWN:
        unknown["units"] = units_path
    if purchase is UNKNOWN:
        unknown["purchase"] = purchase_path
    count = number(units) if units is not UNKNOWN else None
    figure = scale.figure if scale is not None else (None if count is None else int(count))
    others = tuple(choice(catalog, provider, n, region, family_of)[0] for n in also if n != name)
    return Hardware(
        resource=r,
        kind=kind,
        provider=provider,
        offering_name=name,
        offering=first.offering if first else None,
        accelerator=acc,
        accelerator_count=first.accelerator_count if first else accelerator_count,
        units=figure,
        purchase=purchase if isinstance(purchase, str) else "on-demand",
        region=region,
        tags=tags,
        template_ref=template_ref,
        unknown=unknown,
        scale=scale,
        alternatives=others,
        family=family,
        unpriced=unpriced,
        host_vcpus=host_vcpus,
    )
