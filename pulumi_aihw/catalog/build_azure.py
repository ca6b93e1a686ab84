"""Azure GPU VM rows for the catalog, from the files in ``catalog-src/azure/``. Pure.

Sources (``catalog-src/azure/SOURCES.md`` has the provenance and the known flaws):

- ``vm_sizes.csv``: one row per VM size with its accelerator, count (``1/6`` for a
  partial GPU), vCPUs, memory and InfiniBand, read from Microsoft's VM size pages. The
  single owner of these facts: prices never override them (the SkyPilot fork's
  ``AcceleratorCount 12`` for ND H100 v5 is ignored).
- ``azure_retail_prices_gpu_vms_eu_2026-08-22.json``: an Azure Retail Prices API
  snapshot for four EU regions. Linux pay-as-you-go and Spot meters are read; Windows and
  Low Priority (Batch only) meters are not.
- ``skypilot_fork_azure_vms_gpu_rows_excerpt.csv``: US rows from a SkyPilot catalog fork,
  undated (its ``as_of`` is an estimate, and every row says so).
- ``secondary_prices.csv``: figures from secondary sources, used only to cross-check.

Rules, each with a test: a spot price equal to the pay-as-you-go price means the source
published no spot discount, so the spot price is unknown (flagged); a price that differs
from a second source by more than :data:`DISAGREEMENT_LIMIT` is kept and flagged with both
figures; a size priced in no source stays in the catalog, unpriced, with the reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from pulumi_aihw.catalog.models import Accelerator, Offering
from pulumi_aihw.errors import CatalogError
from pulumi_aihw.vocab import Deployment, Provider

AZURE_ACCELERATOR_META: dict[str, tuple[str, tuple[str, ...]]] = {
    "NVIDIA H100 NVL": ("h100-nvl", ("h100nvl",)),
    "NVIDIA A100 80GB PCIe": ("a100-80gb-pcie", ("a100-pcie-80gb",)),
    "NVIDIA A10": ("a10", ()),
    "NVIDIA GB200": ("gb200", ()),
}
"""Ids and aliases of the accelerators only Azure sizes use (``azure/accelerators.csv``)."""

RETAIL_SOURCE = (
    "Azure Retail Prices API snapshot 2026-08-22T20:59:40Z: andy-diericks/azure-pricing-radar"
    "@cf741f25c50759745f8eb5dcaf6c3746669c8f31:data/latest/vm-*.json "
    "(catalog-src/azure/azure_retail_prices_gpu_vms_eu_2026-08-22.json)"
)
RETAIL_AS_OF = dt.date(2026, 8, 22)
FORK_SOURCE = (
    "coopslarhette/skypilot-catalog@20291d7eda23e6f420cd9586558cf0bc4051851c:"
    "catalogs/v8/azure/vms.csv (catalog-src/azure/skypilot_fork_azure_vms_gpu_rows_excerpt.csv)"
)
FORK_AS_OF = dt.date(2024, 12, 31)
FORK_UNDATED = (
    "source undated (SkyPilot fork: no H200 v5 or MI300X v5 rows, so about 2024-2025); "
    "as_of 2024-12-31 is an estimate"
)
DISAGREEMENT_LIMIT = 0.05
"""A price further than this from a second source's is flagged (5%)."""
HOURLY = "1 Hour"


@dataclass(frozen=True)
class VmSize:
    """One Azure VM size, as Microsoft's size pages describe it."""

    size: str
    series: str
    accelerator: str
    accelerators_per_unit: float
    vcpus: float
    memory_gib: float
    infiniband: str | None
    retail_names: tuple[str, ...]
    source: str


@dataclass
class PriceCell:
    """The prices of one size in one region, from one source."""

    on_demand_usd_per_hour: float | None = None
    spot_usd_per_hour: float | None = None
    source: str = ""
    as_of: dt.date = RETAIL_AS_OF
    flags: list[str] = field(default_factory=list)


Key = tuple[str, str]
"""(size, region)."""


def _rows(text: str) -> list[dict[str, str]]:
    return [
        {k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))
    ]


def parse_sizes(text: str) -> dict[str, VmSize]:
    """``vm_sizes.csv`` by size name."""
    out = {}
    for row in _rows(text):
        try:
            count = float(Fraction(row["accelerators_per_unit"]))
        except (ValueError, ZeroDivisionError):
            raise CatalogError(
                f"azure/vm_sizes.csv: {row['size']}: accelerators_per_unit "
                f"'{row['accelerators_per_unit']}' is not a number or fraction (e.g. 8, 1/6)"
            ) from None
        out[row["size"]] = VmSize(
            size=row["size"],
            series=row["series"],
            accelerator=row["accelerator"],
            accelerators_per_unit=round(count, 6),
            vcpus=float(row["vcpus"]),
            memory_gib=float(row["memory_gib"]),
            infiniband=row["infiniband"] or None,
            retail_names=tuple(n for n in row["retail_names"].split(";") if n),
            source=row["source"],
        )
    return out


def _retail_kind(sku_name: str) -> tuple[str, str] | None:
    """(base name, ``on-demand`` or ``spot``) of a Retail Prices ``skuName``; ``None`` for
    Low Priority meters (Azure Batch only)."""
    if sku_name.endswith(" Low Priority"):
        return None
    if sku_name.endswith(" Spot"):
        return sku_name[: -len(" Spot")], "spot"
    return sku_name, "on-demand"


def retail_prices(json_text: str, sizes: dict[str, VmSize]) -> dict[Key, PriceCell]:
    """Linux pay-as-you-go and Spot prices per (size, region) from the EU snapshot."""
    by_name = {n: s.size for s in sizes.values() for n in (*s.retail_names, s.size)}
    found: dict[tuple[str, str, str], set[float]] = {}
    for key, records in json.loads(json_text).items():
        if key.startswith("_"):
            continue
        for rec in records.values():
            if "Windows" in rec["productName"] or rec["unitOfMeasure"] != HOURLY:
                continue
            meter = _retail_kind(rec["skuName"])
            if meter is None or meter[0] not in by_name:
                continue
            where = (by_name[meter[0]], rec["armRegionName"], meter[1])
            found.setdefault(where, set()).add(float(rec["retailPrice"]))
    cells: dict[Key, PriceCell] = {}
    for (size, region, kind), prices in sorted(found.items()):
        cell = cells.setdefault((size, region), PriceCell(source=RETAIL_SOURCE))
        if len(prices) > 1:
            listed = ", ".join(f"{p:g}" for p in sorted(prices))
            cell.flags.append(f"{kind} price ambiguous in the source ({listed}): made unknown")
            continue
        price = next(iter(prices))
        if kind == "spot":
            cell.spot_usd_per_hour = price
        else:
            cell.on_demand_usd_per_hour = price
    return cells


def fork_prices(text: str, sizes: dict[str, VmSize]) -> dict[Key, PriceCell]:
    """US prices per (size, region) from the SkyPilot fork excerpt (hardware columns ignored:
    ``vm_sizes.csv`` owns them)."""
    cells = {}
    for row in _rows(text):
        if row["InstanceType"] not in sizes or not (row["Price"] or row["SpotPrice"]):
            continue
        cells[(row["InstanceType"], row["Region"])] = PriceCell(
            on_demand_usd_per_hour=float(row["Price"]) if row["Price"] else None,
            spot_usd_per_hour=float(row["SpotPrice"]) if row["SpotPrice"] else None,
            source=FORK_SOURCE,
            as_of=FORK_AS_OF,
            flags=[FORK_UNDATED],
        )
    return cells


@dataclass(frozen=True)
class Secondary:
    usd_per_hour: float
    as_of: str
    source: str


def secondary_prices(text: str) -> dict[tuple[str, str, str], Secondary]:
    """(size, region, ``on-demand``|``spot``) -> a secondary figure, for cross-checks only."""
    return {
        (r["offering"], r["region"], r["price_kind"]): Secondary(
            float(r["usd_per_hour"]), r["as_of"], r["source"]
        )
        for r in _rows(text)
    }


def cross_check(
    cell: PriceCell, key: Key, secondary: dict[tuple[str, str, str], Secondary]
) -> None:
    """Compare the cell with a second source: flag a gap over 5% (both figures kept), and
    say in the source that it was checked."""
    for kind, attr in (("on-demand", "on_demand_usd_per_hour"), ("spot", "spot_usd_per_hour")):
        other = secondary.get((*key, kind))
        ours = getattr(cell, attr)
        if other is None or ours is None:
            continue
        gap = (other.usd_per_hour - ours) / ours
        where = f"{other.source.split(':')[0]}, {other.as_of}"
        if abs(gap) > DISAGREEMENT_LIMIT:
            cell.flags.append(
                f"{kind} price disagrees with a second source by {gap:+.0%}: {ours:g} here, "
                f"{other.usd_per_hour:g} in {where}"
            )
        else:
            cell.source += f"; {kind} {ours:g} agrees with {other.usd_per_hour:g} ({where})"


def _no_spot_discount(
    cell: PriceCell, key: Key, secondary: dict[tuple[str, str, str], Secondary]
) -> None:
    """A spot price equal to pay-as-you-go: the source published no spot discount."""
    od, spot = cell.on_demand_usd_per_hour, cell.spot_usd_per_hour
    if od is None or spot is None or round(spot, 6) < round(od, 6):
        return
    cell.spot_usd_per_hour = None
    other = secondary.get((*key, "spot"))
    also = (
        f"; a secondary source shows {other.usd_per_hour:g} ({other.as_of}), not used as a price"
        if other is not None
        else ""
    )
    cell.flags.append(
        f"spot price unknown: the source lists the pay-as-you-go price ({od:g}) as the spot "
        f"price, which means no spot discount was published{also}"
    )


def azure_offerings(
    sizes: dict[str, VmSize],
    cells: dict[Key, PriceCell],
    accelerators_by_name: dict[str, Accelerator],
    secondary: dict[tuple[str, str, str], Secondary],
) -> list[Offering]:
    """One offering per priced (size, region), and one unpriced row (region unknown) for each
    size no source prices."""
    out = []
    for (size, region), cell in sorted(cells.items()):
        _no_spot_discount(cell, (size, region), secondary)
        cross_check(cell, (size, region), secondary)
        out.append(_offering(sizes[size], region, cell, accelerators_by_name))
    priced = {size for size, _ in cells}
    for size in sorted(set(sizes) - priced):
        cell = PriceCell(
            source=sizes[size].source,
            as_of=RETAIL_AS_OF,
            flags=[
                "price unknown: no public price for this size in any source available here "
                "(sold on quote); plan it by giving its price"
            ],
        )
        out.append(_offering(sizes[size], None, cell, accelerators_by_name))
    return out


def _offering(
    size: VmSize, region: str | None, cell: PriceCell, accelerators: dict[str, Accelerator]
) -> Offering:
    acc = accelerators.get(size.accelerator)
    if acc is None:
        raise CatalogError(
            f"azure/vm_sizes.csv: {size.size}: unknown accelerator '{size.accelerator}'. To fix: "
            "add it to catalog-src/azure/accelerators.csv or correct the name"
        )
    return Offering(
        provider=Provider("azure"),
        offering=size.size,
        deployment=Deployment.CLOUD,
        accelerator_id=acc.id,
        accelerators_per_unit=size.accelerators_per_unit,
        unit_kind="instance",
        vcpus=size.vcpus,
        memory_gib=size.memory_gib,
        region=region,
        on_demand_usd_per_hour=cell.on_demand_usd_per_hour,
        spot_usd_per_hour=cell.spot_usd_per_hour,
        flags=tuple(dict.fromkeys(cell.flags)),
        source=f"prices: {cell.source} | hardware: {size.source}",
        as_of=cell.as_of,
    )


def build_azure(
    sizes_csv: str,
    retail_json: str,
    fork_csv: str,
    secondary_csv: str,
    accelerators: Iterable[Accelerator],
) -> list[Offering]:
    """Every Azure offering: EU rows from the retail snapshot, US rows from the fork."""
    sizes = parse_sizes(sizes_csv)
    cells = retail_prices(retail_json, sizes)
    for key, cell in fork_prices(fork_csv, sizes).items():
        if key in cells:
            raise CatalogError(f"azure: {key} is priced by both the EU snapshot and the US fork")
        cells[key] = cell
    by_name = {a.name: a for a in accelerators}
    return azure_offerings(sizes, cells, by_name, secondary_prices(secondary_csv))
