"""Azure prices in four EU regions from a snapshot of the Azure Retail Prices API
(``catalog-src/azure/azure_retail_prices_gpu_vms_eu_2026-08-22.json``): Linux
pay-as-you-go and Spot. The primary Azure source for the EU regions; it also describes
every size of ``azure/vm_sizes.csv`` (the shapes).

Rules, each with a test (``tests/catalog/test_azure_sources.py``):

- Linux meters only (Windows records name "Windows" in ``productName``), unit "1 Hour";
  pay-as-you-go is a ``skuName`` without a suffix, Spot one ending in " Spot"; Low
  Priority meters (Azure Batch only) are not read;
- the snapshot has no ``armSkuName``: a ``skuName`` maps to a size through
  ``vm_sizes.csv``'s ``retail_names`` (``ND96isrMI300Xv5``); the "is" sizes without
  InfiniBand and the "f"/"fl"/"nIB" H100 variants are other sizes and are not mapped;
- two different prices for one size, region and kind: that price is unknown ("ambiguous");
- a Spot price equal to (or above) pay-as-you-go means the source published no Spot
  discount: the Spot price is unknown and the row says so (:func:`spot_or_reason`).
"""

from __future__ import annotations

import datetime as dt
import json

from pulumi_aihw.catalog.sources.azure_vm_sizes import read_sizes
from pulumi_aihw.catalog.sources.base import PriceKind, PricePoint, SourceFiles, SourceResult

FILE = "azure/azure_retail_prices_gpu_vms_eu_2026-08-22.json"
LABEL = "Azure Retail Prices API snapshot 2026-08-22 (EU)"
AS_OF = dt.date(2026, 8, 22)
HOURLY = "1 Hour"


def spot_or_reason(on_demand: float | None, spot: float | None) -> tuple[float | None, str]:
    """The Spot price to keep, or ``None`` and why: a Spot meter at the pay-as-you-go price
    is no Spot discount (the same rule for every Azure source)."""
    if on_demand is None or spot is None or round(spot, 6) < round(on_demand, 6):
        return spot, ""
    return None, (
        f"spot price unknown: the source lists the pay-as-you-go price ({on_demand:g}) as the "
        "Spot price, which means no Spot discount was published"
    )


def _meter(sku_name: str) -> tuple[str, PriceKind] | None:
    """(base name, kind) of a ``skuName``; ``None`` for Low Priority (Azure Batch) meters."""
    if sku_name.endswith(" Low Priority"):
        return None
    if sku_name.endswith(" Spot"):
        return sku_name.removesuffix(" Spot"), PriceKind.SPOT
    return sku_name, PriceKind.ON_DEMAND


def _found(
    files: SourceFiles, by_name: dict[str, str]
) -> dict[tuple[str, str, PriceKind], set[float]]:
    found: dict[tuple[str, str, PriceKind], set[float]] = {}
    for key, records in json.loads(files.text(FILE)).items():
        if key.startswith("_"):
            continue  # _provenance
        for rec in records.values():
            if "Windows" in rec["productName"] or rec["unitOfMeasure"] != HOURLY:
                continue
            meter = _meter(rec["skuName"])
            if meter is None or meter[0] not in by_name:
                continue
            where = (by_name[meter[0]], rec["armRegionName"], meter[1])
            found.setdefault(where, set()).add(float(rec["retailPrice"]))
    return found


def _one(values: set[float], kind: PriceKind, notes: list[str]) -> float | None:
    if len(values) == 1:
        return next(iter(values))
    if values:
        listed = ", ".join(f"{v:g}" for v in sorted(values))
        notes.append(f"{kind} price ambiguous in the source ({listed}): made unknown")
    return None


def read(files: SourceFiles) -> SourceResult:
    out = SourceResult("azure-retail-eu")
    out.labels[LABEL] = (
        "andy-diericks/azure-pricing-radar@cf741f25c50759745f8eb5dcaf6c3746669c8f31:"
        "data/latest/vm-{eu-west,northeurope,francecentral,swedencentral}.json (snapshot "
        f"2026-08-22T20:59:40Z of the Azure Retail Prices API) as {FILE}; Linux "
        "pay-as-you-go and Spot meters"
    )
    sizes = read_sizes(files)
    out.shapes = [s.shape() for s in sizes.values()]
    by_name = {n: s.size for s in sizes.values() for n in (*s.retail_names, s.size)}
    found = _found(files, by_name)
    for size, region in sorted({(k[0], k[1]) for k in found}):
        notes: list[str] = []
        od = _one(found.get((size, region, PriceKind.ON_DEMAND), set()), PriceKind.ON_DEMAND, notes)
        spot = _one(found.get((size, region, PriceKind.SPOT), set()), PriceKind.SPOT, notes)
        spot, why = spot_or_reason(od, spot)
        notes += [why] if why else []
        note = "; ".join(notes)
        out.prices.append(
            PricePoint("azure", size, region, PriceKind.ON_DEMAND, od, LABEL, AS_OF, note=note)
        )
        if spot is not None:
            out.prices.append(PricePoint("azure", size, region, PriceKind.SPOT, spot, LABEL, AS_OF))
    for s in sizes.values():
        if not s.retail_names:
            out.dropped.append(
                f"azure {s.size}: no Retail Prices meter name in vm_sizes.csv and no "
                "price in any Azure source here; recognised by the rules, not planned"
            )
    return out
