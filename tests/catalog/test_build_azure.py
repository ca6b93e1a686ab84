"""Azure rows: hardware from the size pages, EU and US prices, spot = pay-as-you-go, the
5% cross-check, unpriced sizes, and the packaged catalog built from catalog-src/azure/."""

from __future__ import annotations

import json

import pytest

from pulumi_aihw.catalog import load_catalog
from pulumi_aihw.catalog.build_azure import (
    FORK_AS_OF,
    RETAIL_AS_OF,
    azure_offerings,
    cross_check,
    parse_sizes,
    retail_prices,
    secondary_prices,
)
from pulumi_aihw.catalog.models import Accelerator
from pulumi_aihw.errors import CatalogError

SIZES = (
    "size,series,accelerator,accelerators_per_unit,vcpus,memory_gib,infiniband,retail_names,source\n"
    """Standard_ND96isr_MI300X_v5,ND-MI300X-v5,AMD Instinct MI300X,8,96,1850,8x400,ND96isrMI300Xv5,d
Standard_NV6ads_A10_v5,NVadsA10-v5,NVIDIA A10,1/6,6,55,,Standard_NV6ads_A10_v5,docs
Standard_X_v9,X,AMD Instinct MI300X,1,8,64,,,docs
"""
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


def _snapshot(*records: dict) -> str:
    return json.dumps({"_provenance": {}, "vm-ne": {str(i): r for i, r in enumerate(records)}})


def _accelerators() -> dict[str, Accelerator]:
    doc = load_catalog().document
    return {a.name: a for a in doc.accelerators}


def test_sizes_parse_fractions_and_reject_nonsense() -> None:
    sizes = parse_sizes(SIZES)
    assert sizes["Standard_NV6ads_A10_v5"].accelerators_per_unit == pytest.approx(1 / 6, abs=1e-6)
    assert sizes["Standard_ND96isr_MI300X_v5"].infiniband == "8x400"
    with pytest.raises(CatalogError, match="'one' is not a number or fraction"):
        parse_sizes(SIZES.replace(",1/6,", ",one,"))


def test_retail_reads_linux_payg_and_spot_only() -> None:
    cells = retail_prices(
        _snapshot(
            _rec("ND96isrMI300Xv5", 57.6),
            _rec("ND96isrMI300Xv5 Spot", 10.64448),
            _rec("ND96isrMI300Xv5 Low Priority", 11.52),
            _rec("ND96isrMI300Xv5", 80.0, "Virtual Machines NDisr MI300X v5 Series Windows"),
            _rec("ND96isMI300Xv5", 57.6),  # the size without InfiniBand: not mapped
        ),
        parse_sizes(SIZES),
    )
    cell = cells[("Standard_ND96isr_MI300X_v5", "northeurope")]
    assert (cell.on_demand_usd_per_hour, cell.spot_usd_per_hour) == (57.6, 10.64448)
    assert list(cells) == [("Standard_ND96isr_MI300X_v5", "northeurope")]


def test_two_different_prices_for_one_meter_are_made_unknown() -> None:
    cells = retail_prices(
        _snapshot(_rec("ND96isrMI300Xv5", 57.6), _rec("ND96isrMI300Xv5", 60.0)), parse_sizes(SIZES)
    )
    cell = cells[("Standard_ND96isr_MI300X_v5", "northeurope")]
    assert cell.on_demand_usd_per_hour is None
    assert cell.flags == ["on-demand price ambiguous in the source (57.6, 60): made unknown"]


def test_spot_equal_to_payg_is_unknown_and_flagged() -> None:
    sizes = parse_sizes(SIZES)
    cells = retail_prices(
        _snapshot(_rec("ND96isrMI300Xv5", 57.6), _rec("ND96isrMI300Xv5 Spot", 57.6)), sizes
    )
    (row, unpriced_a10, unpriced_x) = azure_offerings(sizes, cells, _accelerators(), {})
    assert row.spot_usd_per_hour is None and row.on_demand_usd_per_hour == 57.6
    assert any("no spot discount was published" in f for f in row.flags)
    assert row.as_of == RETAIL_AS_OF
    assert unpriced_a10.region is None and unpriced_a10.on_demand_usd_per_hour is None
    assert any(f.startswith("price unknown: no public price") for f in unpriced_x.flags)


def test_cross_check_flags_gaps_over_five_percent_and_records_matches() -> None:
    secondary = secondary_prices(
        "offering,region,price_kind,usd_per_hour,as_of,source\n"
        "S,eastus,on-demand,9.554,2026-11-09,datareceipts: x\n"
        "S,eastus,spot,1.02,2026-11-09,other: y\n"
    )
    from pulumi_aihw.catalog.build_azure import PriceCell

    cell = PriceCell(on_demand_usd_per_hour=7.346, spot_usd_per_hour=1.0, source="fork")
    cross_check(cell, ("S", "eastus"), secondary)
    assert cell.flags == [
        "on-demand price disagrees with a second source by +30%: 7.346 here, 9.554 in "
        "datareceipts, 2026-11-09"
    ]
    assert cell.source == "fork; spot 1 agrees with 1.02 (other, 2026-11-09)"


def test_unknown_accelerator_is_a_located_error() -> None:
    sizes = parse_sizes(SIZES.replace("NVIDIA A10", "NVIDIA A11"))
    with pytest.raises(CatalogError, match="Standard_NV6ads_A10_v5: unknown accelerator"):
        azure_offerings(sizes, {}, _accelerators(), {})


def test_packaged_catalog_azure_rows() -> None:
    rows = {o.key: o for o in load_catalog().document.offerings if str(o.provider) == "azure"}
    nd = rows["azure:Standard_ND96isr_H100_v5@eastus"]
    assert nd.accelerators_per_unit == 8  # not the fork's 12
    assert (nd.on_demand_usd_per_hour, nd.spot_usd_per_hour, nd.as_of) == (98.32, None, FORK_AS_OF)
    assert "agrees with 98.32" in nd.source
    mi = rows["azure:Standard_ND96isr_MI300X_v5@northeurope"]
    assert (mi.accelerator_id, mi.on_demand_usd_per_hour, mi.spot_usd_per_hour) == (
        "mi300x",
        57.6,
        10.64448,
    )
    assert rows["azure:Standard_NC24ads_A100_v4@eastus"].accelerator_id == "a100-80gb-pcie"
    assert rows["azure:Standard_NC40ads_H100_v5@westeurope"].accelerator_id == "h100-nvl"
    assert any("+30%" in f for f in rows["azure:Standard_NC48ads_A100_v4@eastus"].flags)
    assert rows["azure:Standard_ND128isr_NDR_GB200_v6@-"].on_demand_usd_per_hour is None
    for o in rows.values():  # every row dated and sourced
        assert o.source.startswith("prices: ") and "| hardware: " in o.source
        assert o.as_of in (RETAIL_AS_OF, FORK_AS_OF)


def test_infiniband_sizes_are_the_multi_node_ones_in_instance_facts() -> None:
    """vm_sizes.csv describes the InfiniBand; instance_facts.csv owns multi_node: they agree."""
    from pathlib import Path

    from pulumi_aihw.catalog.build import parse_instance_facts

    src = Path(__file__).resolve().parents[2] / "catalog-src"
    facts = parse_instance_facts((src / "instance_facts.csv").read_text())
    for size in parse_sizes((src / "azure" / "vm_sizes.csv").read_text()).values():
        assert facts[("azure", size.size)]["multi_node"] is (size.infiniband is not None), size
    rows = {o.key: o for o in load_catalog().document.offerings}
    assert rows["azure:Standard_ND96isr_MI300X_v5@northeurope"].multi_node
    assert not rows["azure:Standard_NC96ads_A100_v4@eastus"].multi_node
