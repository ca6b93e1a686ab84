"""The build rules, on small hand-written CSVs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from pulumi_aihw.catalog import Catalog, dump_catalog, load_catalog, parse_catalog
from pulumi_aihw.catalog.build import build_catalog
from pulumi_aihw.errors import CatalogError
from tests.conftest import REPO

ACCS = (REPO / "catalog-src" / "accelerators.csv").read_text()
FACTS = (REPO / "catalog-src" / "instance_facts.csv").read_text()
HEADER = (
    "provider,offering,accelerator,accelerator_count,vcpus,memory_gib,region,"
    "on_demand_usd_per_hour,spot_usd_per_hour,billing_unit,source\n"
)
SRC = "skypilot-org/skypilot-catalog test row"


def build(rows: str, adjustments: str | None = None) -> tuple[Catalog, list[str]]:
    args = [ACCS, [HEADER + rows]]
    if adjustments is not None:
        args.append("provider,offering,region,action,field,reason\n" + adjustments)
    doc, report = build_catalog(*args, instance_facts_csv=FACTS)  # type: ignore[arg-type]
    return Catalog(doc), report.dropped + report.rejected_values


def test_hourly_row() -> None:
    cat, notes = build(f"aws,g6.xlarge,NVIDIA L4,1,4,16,us-east-1,0.8048,0.349,hour,{SRC}\n")
    (o,) = cat.offerings
    assert (o.on_demand_usd_per_hour, o.spot_usd_per_hour, o.unit_kind) == (
        0.8048,
        0.349,
        "instance",
    )
    assert o.as_of == dt.date(2026, 8, 31) and not notes


def test_zero_and_sentinel_prices_are_rejected() -> None:
    cat, notes = build(
        f"gcp,tpu-v6e-1,Google TPU v6e (Trillium),1,,,asia-east1,700.0,700.0,chip-hour,{SRC}\n"
        f"aws,g6.xlarge,NVIDIA L4,1,4,16,us-east-1,0.0,0.35,hour,{SRC}\n"
    )
    assert [o.offering for o in cat.offerings] == ["g6.xlarge"]
    assert cat.offerings[0].on_demand_usd_per_hour is None  # zero -> unknown, not 0
    assert cat.offerings[0].spot_usd_per_hour == 0.35
    assert any("every price in the row is a zero or sentinel value" in n for n in notes)
    assert any("0.0 rejected (zero or sentinel price)" in n for n in notes)


def test_row_without_a_known_accelerator_is_dropped() -> None:
    cat, notes = build(
        f"aws,dl2q.24xlarge,,,96,768,us-west-2,8.9,2.05,hour,{SRC}\n"
        f"aws,x1,NVIDIA V100,8,96,768,us-west-2,8.9,2.05,hour,{SRC}\n"
    )
    assert not cat.offerings
    assert any("no accelerator named in the source" in n for n in notes)
    assert any("unknown accelerator 'NVIDIA V100'" in n for n in notes)


def test_plan_only_providers_are_dropped_with_a_reason() -> None:
    cat, notes = build(
        f"lambda,gpu_8x_h100_sxm5,NVIDIA H100 SXM,8,208,1800,us-east-1,31.92,,hour,{SRC}\n"
    )
    assert not cat.offerings and "no Pulumi target" in notes[0]


def test_chip_hour_rows_expand_to_slices() -> None:
    cat, _ = build(
        f"gcp,tpu-v5p per chip,Google TPU v5p,1,,,us-central1,4.2,0.8357,chip-hour,{SRC}\n"
    )
    names = [o.offering for o in cat.offerings]
    assert "v5p-8" in names and "v5p-12288" in names
    (v5p8,) = cat.find(offering="v5p-8")
    assert v5p8.accelerators_per_unit == 4 and v5p8.on_demand_usd_per_hour == pytest.approx(16.8)
    assert "DERIVED slice price" in v5p8.source


def test_explicit_slice_row_wins_over_derived() -> None:
    cat, _ = build(
        f"gcp,tpu-v6e-1,Google TPU v6e (Trillium),1,,,us-central1,2.7,0.54421,chip-hour,{SRC}\n"
        f"gcp,tpu-v6e-8,Google TPU v6e (Trillium),8,,,us-central1,21.6,4.35366,slice-hour,"
        f"{SRC} explicit\n"
    )
    (v6e8,) = cat.find(offering="v6e-8")
    assert v6e8.source.endswith("explicit") and v6e8.spot_usd_per_hour == 4.35366


def test_monthly_eur_and_yearly_usd_rows() -> None:
    cat, _ = build(
        "hetzner,GEX63 (dedicated root server),NVIDIA RTX PRO 6000 Blackwell Max-Q,1,,128,EU,999,,"
        '"month (EUR, excl. VAT; +EUR 999 setup)",Exomem page\n'
        "qubrid,H200 server,NVIDIA H200,8,,,,210240,,year (USD),qubrid-ai plans\n"
    )
    (gex,) = cat.find(provider="hetzner")
    assert (gex.offering, gex.monthly_price, gex.price_currency, gex.setup_fee) == (
        "GEX63",
        999.0,
        "EUR",
        999.0,
    )
    assert gex.on_demand_usd_per_hour is None and gex.requires_order
    assert any("priced in EUR" in f for f in gex.flags)
    (q,) = cat.find(provider="qubrid")
    assert q.monthly_price == 17520.0 and q.region is None and q.as_of == dt.date(2026, 9, 20)


def test_capacity_block_row_merges_into_its_instance() -> None:
    cat, _ = build(
        f"aws,p4d.24xlarge,NVIDIA A100 40GB,8,96,1152,us-east-1,21.957642,2.4655,hour,{SRC}\n"
        "aws,p4d.24xlarge (EC2 Capacity Block),NVIDIA A100 40GB,8,96,1152,,14.75,,"
        '"hour (Capacity Block; min 24 h)",github.com/dstackai/dstack/issues/1155 comment\n'
    )
    (p4d,) = cat.offerings
    assert p4d.capacity_block_usd_per_hour == 14.75 and p4d.multi_node
    assert p4d.capacity_block_as_of == dt.date(2024, 6, 30)


def test_adjustments_make_prices_unknown_and_flag() -> None:
    cat, notes = build(
        f"gcp,a4-highgpu-8g,NVIDIA B200,8,224,3968,us-central1,90.216,32.6,hour,{SRC}\n",
        "gcp,a4-highgpu-8g,us-central1,unknown,on_demand_usd_per_hour,host part missing\n"
        "gcp,a4-highgpu-8g,us-central1,flag,,suspect\n",
    )
    (a4,) = cat.offerings
    assert a4.on_demand_usd_per_hour is None and a4.spot_usd_per_hour == 32.6
    assert "suspect" in a4.flags and any("host part missing" in f for f in a4.flags)
    assert any("90.216 made unknown" in n for n in notes)


def test_adjustment_for_a_missing_row_is_an_error() -> None:
    with pytest.raises(CatalogError, match="no offering"):
        build(
            f"aws,g6.xlarge,NVIDIA L4,1,4,16,us-east-1,0.8,0.3,hour,{SRC}\n",
            "aws,nope,us-east-1,flag,,x\n",
        )


def test_spot_not_below_on_demand_is_flagged() -> None:
    cat, _ = build(f"gcp,a2-ultragpu-8g,NVIDIA A100 80GB,8,96,1360,us-central1,10,12,hour,{SRC}\n")
    assert any("is not below on-demand" in f for f in cat.offerings[0].flags)


def test_unknown_billing_unit_and_undated_source_are_errors() -> None:
    with pytest.raises(CatalogError, match="unknown billing unit"):
        build(f"aws,g6.xlarge,NVIDIA L4,1,4,16,us-east-1,0.8,0.3,fortnight,{SRC}\n")
    with pytest.raises(CatalogError, match="no as_of date known"):
        build("aws,g6.xlarge,NVIDIA L4,1,4,16,us-east-1,0.8,0.3,hour,a blog\n")


def test_snapshot_round_trip_and_bad_files(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "snap.json"
    path.write_text(dump_catalog(catalog.document))
    again = load_catalog(path)
    assert again.document == catalog.document
    with pytest.raises(CatalogError, match="not valid JSON"):
        parse_catalog("{", "x.json")
    data = json.loads(dump_catalog(catalog.document))
    data["offerings"][0]["accelerator_id"] = "h900"
    with pytest.raises(CatalogError, match="unknown accelerators: h900"):
        parse_catalog(json.dumps(data))
    data = json.loads(dump_catalog(catalog.document))
    data["offerings"][0]["on_demand_usd_per_hour"] = 0
    with pytest.raises(CatalogError, match="greater than 0"):
        parse_catalog(json.dumps(data))
    with pytest.raises(CatalogError, match="catalog not found"):
        load_catalog(tmp_path / "missing.json")


def test_environment_variable_selects_a_snapshot(
    tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = catalog.document.model_copy(update={"built_from": "refresh test"})
    path = tmp_path / "refreshed.json"
    path.write_text(dump_catalog(doc))
    monkeypatch.setenv("AIHW_CATALOG", str(path))
    assert load_catalog().document.built_from == "refresh test"
