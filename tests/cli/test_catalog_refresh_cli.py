"""``aihw catalog refresh --aws`` end to end: boto3 talks to a local fake Price List API
(``AWS_ENDPOINT_URL_PRICING``); ``aihw plan`` then uses the snapshot."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pulumi_aihw.catalog import parse_catalog
from pulumi_aihw.catalog.load import packaged_catalog_path
from tests.cloudfakes.aws import AwsFaultServer, FakeAwsJson, price_item
from tests.cloudfakes.azure import FakeRetailPrices, retail_item
from tests.cloudfakes.cli import FAST_LIMITS, INF_SPEC, run
from tests.cloudfakes.env import fake_aws_credentials, fast_aws_backoff, isolate


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    isolate(monkeypatch, tmp_path)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_aws_credentials(monkeypatch)
    fast_aws_backoff(monkeypatch)


PRICES = {
    ("inf2.xlarge", "us-east-1"): [price_item("inf2.xlarge", "us-east-1", "0.5000000000")],
    ("p5.48xlarge", "us-east-1"): [price_item("p5.48xlarge", "us-east-1", "0.0000000000")],
}


@pytest.mark.usefixtures("aws")
def test_refresh_writes_a_dated_snapshot_that_plan_can_use(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with FakeAwsJson(prices=PRICES) as fake:
        monkeypatch.setenv("AWS_ENDPOINT_URL_PRICING", fake.url)
        code, out, err = run(
            "catalog", "refresh", "--aws", "--kinds", "on-demand", "--regions", "us-east-1",
            "-o", "snap.json", "-f", "json", progress=True,
        )  # fmt: skip
    assert code == 0, err
    report = json.loads(out)
    kinds = {(c["offering"], c["kind"]) for c in report["changes"]}
    assert ("inf2.xlarge", "updated") in kinds
    assert ("p5.48xlarge", "rejected") in kinds  # a zero price never replaces a price
    assert report["counts"]["updated"] == 1
    *progress, summary = err.splitlines()
    assert summary.startswith("wrote snap.json: 1 prices updated")
    n_types = len({o.offering for o in parse_catalog(packaged_catalog_path().read_text()).offerings
                   if str(o.provider) == "aws"})  # fmt: skip
    assert progress[0].startswith(f"[1/{n_types}] priced ")  # a line per type and region asked
    doc = parse_catalog((tmp_path / "snap.json").read_text())
    inf2 = next(o for o in doc.offerings if o.key == "aws:inf2.xlarge@us-east-1")
    assert inf2.on_demand_usd_per_hour == 0.5
    assert inf2.source.startswith("on-demand: AWS Price List API")

    code, out, _ = run("plan", INF_SPEC, "--catalog", "snap.json", "-f", "json")
    chosen = json.loads(out)["chosen"]
    assert (code, chosen["offering"]) == (0, "inf2.xlarge")
    assert chosen["usd_per_hour"] == pytest.approx(chosen["units"] * 0.5)
    assert chosen["as_of"] == report["refreshed_on"]
    monkeypatch.setenv("AIHW_CATALOG", "snap.json")
    _, out, _ = run("plan", INF_SPEC, "-f", "json")
    assert json.loads(out)["chosen"]["usd_per_hour"] == chosen["usd_per_hour"]


@pytest.mark.usefixtures("aws")
def test_refresh_fault_exits_3_and_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with AwsFaultServer("throttling") as server:
        monkeypatch.setenv("AWS_ENDPOINT_URL_PRICING", server.url)
        code, _out, err = run(
            "catalog", "refresh", "--aws", "--kinds", "on-demand", *FAST_LIMITS, "-o", "snap.json"
        )
    assert code == 3
    assert err.startswith("error: pricing:GetProducts in us-east-1 failed after retries: throttled")
    assert list(tmp_path.iterdir()) == []


def test_refresh_refuses_the_packaged_catalog_and_needs_credentials(tmp_path: Path) -> None:
    code, _, err = run("catalog", "refresh", "--aws", "-o", str(packaged_catalog_path()))
    assert code == 2
    assert "is the packaged catalog, which a refresh never overwrites" in err
    code, _, err = run("catalog", "refresh", "--aws", "--regions", "no/where")
    assert (code, err.startswith("error: --regions: no/where is not a region name")) == (2, True)
    code, _, err = run("catalog", "refresh", "--aws", "--regions", "eastus")  # an Azure name
    assert (code, err.startswith("error: --regions: no AWS region name among them")) == (2, True)
    code, _, err = run("catalog", "refresh", "--aws", "--kinds", "reserved")
    assert (code, err.startswith("error: --kinds: 'reserved' must name some of")) == (2, True)
    code, _, err = run("catalog", "refresh", "--aws")
    assert code == 2
    assert err.startswith("error: AWS credentials not found")
    assert list(tmp_path.iterdir()) == []


AZ_ND = "Standard_ND96isr_H100_v5"
AZ_ITEMS = [
    retail_item(AZ_ND, "eastus", 90.0, meter="ND96isrH100v5"),
    retail_item(AZ_ND, "eastus", 17.5, meter="ND96isrH100v5 Spot"),
    retail_item(AZ_ND, "eastus", 525600.0, kind="Reservation", term="1 Year"),
    retail_item("Standard_NC24ads_A100_v4", "eastus", 3.673),
]


def test_refresh_azure_needs_no_credentials_and_plan_uses_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with FakeRetailPrices(AZ_ITEMS, page_size=3) as fake:
        monkeypatch.setenv("AIHW_AZURE_PRICES_ENDPOINT", fake.url)
        code, out, err = run(
            "catalog", "refresh", "--azure", "--regions", "eastus", "-o", "snap.json", "-f", "json"
        )
    assert code == 0, err
    changes = {(c["offering"], c["price_kind"]): c for c in json.loads(out)["changes"]}
    got = {k: (c["kind"], c["new_usd_per_hour"]) for k, c in changes.items() if k[0] == AZ_ND}
    assert got == {
        (AZ_ND, "on-demand"): ("updated", 90.0),
        (AZ_ND, "spot"): ("updated", 17.5),
        (AZ_ND, "reserved-1y"): ("updated", 60.0),  # term price / 8,760 h
    }
    assert changes[("Standard_NC24ads_A100_v4", "on-demand")]["kind"] == "unchanged"
    assert changes[("Standard_NC4as_T4_v3", "on-demand")]["kind"] == "not-found"
    doc = parse_catalog((tmp_path / "snap.json").read_text())
    nd = next(o for o in doc.offerings if o.key == f"azure:{AZ_ND}@eastus")
    assert (nd.on_demand_usd_per_hour, nd.spot_usd_per_hour) == (90.0, 17.5)
    assert nd.reserved_1y_usd_per_hour == 60.0
    assert "Azure Retail Prices API (Linux Spot" in nd.source


def test_refresh_azure_fault_exits_3_and_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with FakeRetailPrices(AZ_ITEMS, fail_status=503) as fake:
        monkeypatch.setenv("AIHW_AZURE_PRICES_ENDPOINT", fake.url)
        code, _out, err = run("catalog", "refresh", "--azure", *FAST_LIMITS, "-o", "snap.json")
    assert code == 3
    assert "Azure Retail Prices API in " in err and "failed after retries: HTTP 503" in err
    assert not (tmp_path / "snap.json").exists()
    code, _, err = run("catalog", "refresh", "--azure", "--regions", "East US")
    assert (code, "East US is not a region name" in err) == (2, True)
