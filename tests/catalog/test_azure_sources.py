"""The Azure price sources (``catalog/sources/azure_*.py``): hardware from the size pages
only, EU prices from the Retail Prices snapshot, US prices from the SkyPilot fork, Spot =
pay-as-you-go made unknown, ambiguous meters, the 5% cross-check against the secondary
figures, and the packaged catalog's Azure rows built from them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pulumi_aihw.catalog import Catalog
from pulumi_aihw.catalog.assemble import assemble
from pulumi_aihw.catalog.build import parse_instance_facts
from pulumi_aihw.catalog.sources import azure_retail, azure_secondary, azure_skypilot
from pulumi_aihw.catalog.sources.azure_vm_sizes import read_sizes
from pulumi_aihw.catalog.sources.base import PriceKind, SourceFiles
from pulumi_aihw.errors import CatalogError

SIZES = (
    "size,series,accelerator,accelerators_per_unit,vcpus,memory_gib,infiniband,retail_names,"
    "source\n"
    "Standard_ND96isr_MI300X_v5,ND-MI300X-v5,AMD Instinct MI300X,8,96,1850,8x400 Gb/s NDR,"
    "ND96isrMI300Xv5,page\n"
    "Standard_NV6ads_A10_v5,NVadsA10-v5,NVIDIA A10,1/6,6,55,,Standard_NV6ads_A10_v5,page\n"
    "Standard_NC24ads_A100_v4,NC-A100-v4,NVIDIA A100 80GB PCIe,1,24,220,,"
    "Standard_NC24ads_A100_v4,page\n"
    "Standard_ND128isr_NDR_GB200_v6,ND-GB200-v6,NVIDIA GB200,4,128,900,4x400 Gb/s NDR,,page\n"
)
FORK = (
    "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,SpotPrice,"
    "Region,Generation\n"
    "Standard_NC24ads_A100_v4,A100,12,24,220,A100,3.673,0.444433,eastus,V2\n"
    "Standard_ND96isr_MI300X_v5,MI300X,8,96,1850,MI300X,70.0,70.0,eastus,V2\n"
    "Standard_NC6,K80,1,6,56,K80,0.9,0.1,eastus,V1\n"
)
SECONDARY = (
    "offering,region,price_kind,usd_per_hour,source,as_of,note\n"
    "Standard_NC24ads_A100_v4,eastus,on-demand,4.0,quote A,2026-11-09,a quote\n"
    "Standard_ND96isr_MI300X_v5,eastus,on-demand,71.0,quote A,2026-11-09,a quote\n"
    "Standard_NC24ads_A100_v4,westus,on-demand,3.9,quote A,2026-11-09,no primary here\n"
)


def _rec(sku: str, price: float, product: str = "Virtual Machines NDisr MI300X v5 Series"):
    return {
        "armRegionName": "northeurope",
        "meterName": sku,
        "productName": product,
        "retailPrice": price,
        "skuName": sku,
        "unitOfMeasure": "1 Hour",
        "unitPrice": price,
    }


def _files(tmp_path: Path, *records: dict, sizes: str = SIZES) -> SourceFiles:
    (tmp_path / "azure").mkdir(exist_ok=True)
    snapshot = {"_provenance": {}, "vm-ne": {str(i): r for i, r in enumerate(records)}}
    (tmp_path / azure_retail.FILE).write_text(json.dumps(snapshot))
    (tmp_path / "azure" / "vm_sizes.csv").write_text(sizes)
    (tmp_path / azure_skypilot.FILE).write_text(FORK)
    (tmp_path / azure_secondary.FILE).write_text(SECONDARY)
    return SourceFiles(tmp_path)


def _prices(result) -> dict[tuple[str, str, PriceKind], object]:
    return {(p.offering, p.region, p.kind): p for p in result.prices}


def test_sizes_parse_fractions_and_reject_nonsense_with_the_line(tmp_path: Path) -> None:
    sizes = read_sizes(_files(tmp_path))
    assert sizes["Standard_NV6ads_A10_v5"].accelerators_per_unit == pytest.approx(1 / 6, abs=1e-6)
    assert sizes["Standard_ND96isr_MI300X_v5"].shape().multi_node
    assert not sizes["Standard_NV6ads_A10_v5"].shape().multi_node
    bad = _files(tmp_path, sizes=SIZES.replace(",1/6,", ",one,"))
    with pytest.raises(CatalogError, match=r"vm_sizes.csv line 3: .*'one' is not a number"):
        read_sizes(bad)


def test_retail_reads_linux_payg_and_spot_meters_only(tmp_path: Path) -> None:
    result = azure_retail.read(
        _files(
            tmp_path,
            _rec("ND96isrMI300Xv5", 57.6),
            _rec("ND96isrMI300Xv5 Spot", 10.64448),
            _rec("ND96isrMI300Xv5 Low Priority", 11.52),
            _rec("ND96isrMI300Xv5", 80.0, "Virtual Machines NDisr MI300X v5 Series Windows"),
            _rec("ND96isMI300Xv5", 50.0),  # the size without InfiniBand: another size
        )
    )
    prices = _prices(result)
    mi = "Standard_ND96isr_MI300X_v5"
    assert prices[(mi, "northeurope", PriceKind.ON_DEMAND)].usd_per_hour == 57.6
    assert prices[(mi, "northeurope", PriceKind.SPOT)].usd_per_hour == 10.64448
    assert len(prices) == 2
    assert {s.offering for s in result.shapes} == {
        mi,
        "Standard_NV6ads_A10_v5",
        "Standard_NC24ads_A100_v4",
        "Standard_ND128isr_NDR_GB200_v6",
    }
    assert any("GB200_v6: no Retail Prices meter" in d for d in result.dropped)


def test_two_prices_for_one_meter_are_made_unknown(tmp_path: Path) -> None:
    files = _files(tmp_path, _rec("ND96isrMI300Xv5", 57.6), _rec("ND96isrMI300Xv5", 60.0))
    (od,) = azure_retail.read(files).prices
    assert od.usd_per_hour is None
    assert od.note == "on-demand price ambiguous in the source (57.6, 60): made unknown"


def test_spot_at_the_payg_price_is_unknown_and_said_so(tmp_path: Path) -> None:
    files = _files(tmp_path, _rec("ND96isrMI300Xv5", 57.6), _rec("ND96isrMI300Xv5 Spot", 57.6))
    (od,) = azure_retail.read(files).prices  # no spot price point
    assert od.usd_per_hour == 57.6 and "no Spot discount was published" in od.note
    fork = _prices(azure_skypilot.read(files))
    mi = fork[("Standard_ND96isr_MI300X_v5", "eastus", PriceKind.ON_DEMAND)]
    assert "no Spot discount" in mi.note and "as_of 2024-12-31 is an estimate" in mi.note
    assert ("Standard_ND96isr_MI300X_v5", "eastus", PriceKind.SPOT) not in fork


def test_fork_prices_us_rows_and_ignores_its_hardware_and_unknown_sizes(tmp_path: Path) -> None:
    result = azure_skypilot.read(_files(tmp_path))
    prices = _prices(result)
    a100 = prices[("Standard_NC24ads_A100_v4", "eastus", PriceKind.ON_DEMAND)]
    assert (a100.usd_per_hour, str(a100.as_of)) == (3.673, "2024-12-31")
    assert not any(k[0] == "Standard_NC6" for k in prices)  # not in vm_sizes.csv
    shape = next(s for s in result.shapes if s.offering == "Standard_NC24ads_A100_v4")
    assert shape.accelerators_per_unit == 1  # vm_sizes.csv, not the fork's 12


def test_secondary_figures_flag_gaps_over_five_percent_and_never_make_a_row(
    tmp_path: Path,
) -> None:
    files = _files(tmp_path, _rec("ND96isrMI300Xv5", 57.6))
    rows, joined = assemble(
        [azure_retail.read(files), azure_skypilot.read(files), azure_secondary.read(files)]
    )
    by = {(r["offering"], r["region"]): r for r in rows}
    a100 = by[("Standard_NC24ads_A100_v4", "eastus")]
    (check,) = a100["cross_checks"]
    assert check.disagrees and check.difference_pct == pytest.approx(8.9, abs=0.1)
    mi = by[("Standard_ND96isr_MI300X_v5", "eastus")]
    assert not mi["cross_checks"][0].disagrees  # 70 vs 71: 1.4% apart
    assert ("Standard_NC24ads_A100_v4", "westus") not in by  # a quote alone is no price
    assert ("Standard_ND128isr_NDR_GB200_v6", None) not in by
    assert any("GB200_v6: recognised, not planned" in d for d in joined.dropped)


def test_packaged_catalog_azure_rows(catalog: Catalog) -> None:
    rows = {o.key: o for o in catalog.offerings if str(o.provider) == "azure"}
    nd = rows["azure:Standard_ND96isr_H100_v5@eastus"]
    assert nd.accelerators_per_unit == 8  # not the fork's 12
    assert (nd.on_demand_usd_per_hour, nd.spot_usd_per_hour, str(nd.as_of)) == (
        98.32,
        None,
        "2024-12-31",
    )
    (agree,) = [c for c in nd.cross_checks if c.kind == "on-demand"]
    assert not agree.disagrees and agree.other_usd_per_hour == 98.32
    mi = rows["azure:Standard_ND96isr_MI300X_v5@northeurope"]
    assert (mi.accelerator_id, mi.on_demand_usd_per_hour, mi.spot_usd_per_hour) == (
        "mi300x",
        57.6,
        10.64448,
    )
    assert mi.multi_node and not rows["azure:Standard_NC96ads_A100_v4@eastus"].multi_node
    nc48 = rows["azure:Standard_NC48ads_A100_v4@eastus"]
    assert nc48.is_suspect("on-demand") and any("DISAGREES" in f for f in nc48.flags)
    h200 = rows["azure:Standard_ND96isr_H200_v5@northeurope"]
    assert h200.spot_usd_per_hour is None and any("no Spot discount" in f for f in h200.flags)
    assert not any("GB200" in k for k in rows)
    assert any("Standard_ND128isr_NDR_GB200_v6" in d for d in catalog.document.dropped)
    assert {o.accelerator_id for o in rows.values()} == {
        "h100-sxm", "h200", "mi300x", "a100-80gb", "a100-80gb-pcie", "h100-nvl", "t4", "a10",
    }  # fmt: skip
    for o in rows.values():
        assert o.source.startswith("on-demand: ") and o.as_of is not None


def test_infiniband_sizes_are_the_multi_node_ones_in_instance_facts() -> None:
    src = Path(__file__).resolve().parents[2] / "catalog-src"
    facts = parse_instance_facts((src / "instance_facts.csv").read_text())
    for size in read_sizes(SourceFiles(src)).values():
        assert facts[("azure", size.size)]["multi_node"] is bool(size.infiniband), size
