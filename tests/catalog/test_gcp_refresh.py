"""``aihw catalog refresh --gcp``: Compute Engine SKUs from the Cloud Billing Catalog API
(a local fake on 127.0.0.1) become GPU VM prices, kept part by part, cross-checked
against the build's second source and flagged when they disagree by more than 5 %."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pulumi_aihw.catalog import load_catalog, parse_catalog
from pulumi_aihw.catalog.gcp_billing import parse_skus, quotes_for
from pulumi_aihw.errors import CredentialsError, ExternalServiceError
from pulumi_aihw.preflight.gcp_billing import list_skus
from tests.cloudfakes.billing import FakeBilling, sku
from tests.cloudfakes.cli import run
from tests.cloudfakes.env import isolate

US = ["us-central1", "us-east1"]
SKUS = [
    sku("A3C", "A3 Instance Core running in Americas", "OnDemand", US, 0.03),
    sku("A3R", "A3 Instance Ram running in Americas", "OnDemand", US, 0.004, "GiBy.h"),
    sku("H100", "Nvidia H100 80GB GPU running in Americas", "OnDemand", US, 10.0),
    sku("A3CS", "Spot Preemptible A3 Instance Core running in Americas", "Preemptible", US, 0.01),
    sku("A3RS", "Spot Preemptible A3 Instance Ram running in Americas", "Preemptible", US, 0.001),
    sku(
        "H100S", "Spot Preemptible Nvidia H100 80GB GPU running in Americas", "Preemptible", US, 2.5
    ),
    sku("G2C", "G2 Instance Core running in Americas", "OnDemand", US, 0.024),
    sku("G2R", "G2 Instance Ram running in Americas", "OnDemand", US, 0.0028, "GiBy.h"),
    sku("L4", "Nvidia L4 GPU running in Americas", "OnDemand", US, 0.56),
]  # fmt: skip


def a3_8g_price() -> float:
    """208 vCPU x 0.03 + 1872 GiB x 0.004 + 8 x 10.0."""
    return 208 * 0.03 + 1872 * 0.004 + 8 * 10.0


def test_skus_become_vm_prices_kept_part_by_part() -> None:
    rows = load_catalog().find(offering="a3-highgpu-8g", region="us-central1")
    quotes = {q.kind: q for q in quotes_for(rows, parse_skus(SKUS))}
    od = quotes["on-demand"]
    assert od.usd_per_hour == pytest.approx(a3_8g_price())
    assert dict(od.components) == pytest.approx(
        {"208 vCPU x A3 core": 6.24, "1872 GiB x A3 RAM": 7.488, "8 x Nvidia H100 80GB GPU": 80.0}
    )
    assert sum(usd for _, usd in od.components) == pytest.approx(od.usd_per_hour)
    assert quotes["spot"].usd_per_hour == pytest.approx(208 * 0.01 + 1872 * 0.001 + 8 * 2.5)
    assert quotes["reserved-1y"].usd_per_hour is None  # no commitment SKU in the fake
    assert "no reserved-1y SKU" in (quotes["reserved-1y"].problem or "")


def test_list_skus_reads_every_page_and_maps_failures() -> None:
    with FakeBilling(SKUS, page_size=4) as fake:
        got = list_skus(api_key="k", endpoint=fake.url, timeout_seconds=5)
        assert [s["skuId"] for s in got] == [s["skuId"] for s in SKUS]
        assert len(fake.requests) == 3  # 9 SKUs in pages of 4
        with pytest.raises(CredentialsError, match="refused the request \\(403"):
            list_skus(api_key="wrong", endpoint=fake.url, timeout_seconds=5)
        fake.fail_status = 503
        with pytest.raises(ExternalServiceError, match="failed \\(503"):
            list_skus(api_key="k", endpoint=fake.url, timeout_seconds=5)
    with pytest.raises(CredentialsError, match="GOOGLE_API_KEY"):
        list_skus(api_key="", endpoint="http://127.0.0.1:9")


def test_refresh_gcp_end_to_end_with_the_builds_cross_check(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    isolate(monkeypatch, tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GOOGLE_API_KEY", "k")
    with FakeBilling(SKUS, page_size=3) as fake:
        monkeypatch.setenv("AIHW_GCP_BILLING_ENDPOINT", fake.url)
        code, out, err = run(
            "catalog", "refresh", "--gcp", "--regions", "us-central1", "-o", "snap.json",
            "-f", "json",
        )  # fmt: skip
    assert code == 0, err
    report = json.loads(out)
    by = {(c["offering"], c["price_kind"]): c for c in report["changes"]}
    a3 = by[("a3-highgpu-8g", "on-demand")]
    assert a3["kind"] == "updated" and a3["new_usd_per_hour"] == pytest.approx(a3_8g_price())
    # 93.73 vs CoCalc's host + 8 GPUs (87.83): 6.7 % apart -> flagged, as the build would
    assert any("DISAGREES" in f for f in a3["flags"])
    g2 = by[("g2-standard-4", "on-demand")]
    assert g2["new_usd_per_hour"] == pytest.approx(4 * 0.024 + 16 * 0.0028 + 0.56)
    assert g2["flags"] == []  # 0.7008 vs CoCalc's 0.70683: agrees within 5 %
    doc = parse_catalog((tmp_path / "snap.json").read_text())
    row = next(o for o in doc.offerings if o.key == "gcp:a3-highgpu-8g@us-central1")
    assert row.on_demand_usd_per_hour == pytest.approx(a3_8g_price())
    assert "on-demand" in row.suspect_prices
    assert any(f.startswith("price check: on-demand") for f in row.flags)
    parts = [c for c in row.components if c.kind == "on-demand"]
    assert sum(c.usd_per_hour for c in parts) == pytest.approx(row.on_demand_usd_per_hour)
    earlier = [c for c in row.cross_checks if c.kind == "on-demand" and not c.independent]
    assert earlier and earlier[0].other_usd_per_hour == 88.49  # the build's price, kept
    table = run("catalog", "refresh", "--gcp", "--regions", "us-central1", "-o", "s2.json")
    assert table[0] == 3  # the fake is gone: the API is unreachable, nothing written
    assert not (tmp_path / "s2.json").exists()
