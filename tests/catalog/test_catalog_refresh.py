"""Applying fresh prices to a snapshot: the new dated snapshot and the change report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pulumi_aihw.catalog import dump_catalog, load_catalog, parse_catalog
from pulumi_aihw.catalog.load import packaged_catalog_path
from pulumi_aihw.catalog.models import CatalogDocument, Offering
from pulumi_aihw.catalog.refresh import ChangeKind, PriceQuote, RefreshReport, apply_prices
from pulumi_aihw.planner import plan
from tests.cloudfakes.specs import spec

TODAY = dt.date(2026, 11, 21)
SOURCE = "AWS Price List API (test)"


def quote(offering: str, region: str, usd: float | None, problem: str | None = None) -> PriceQuote:
    return PriceQuote("aws", offering, region, usd, SOURCE, problem)


def refresh(*quotes: PriceQuote) -> tuple[CatalogDocument, CatalogDocument, RefreshReport]:
    base = load_catalog().document
    return base, *apply_prices(base, quotes, refreshed_on=TODAY, refreshed_by="test refresh")


def row(doc: CatalogDocument, offering: str, region: str) -> Offering:
    return next(o for o in doc.offerings if o.offering == offering and o.region == region)


def test_updated_row_gets_price_date_source_and_a_stale_spot_flag() -> None:
    base, doc, report = refresh(quote("p5.48xlarge", "us-east-1", 50.0))
    old, new = row(base, "p5.48xlarge", "us-east-1"), row(doc, "p5.48xlarge", "us-east-1")
    assert new.on_demand_usd_per_hour == 50.0
    assert new.as_of == TODAY
    assert new.source.startswith(f"on-demand: {SOURCE}; other fields: {old.source}")
    assert new.spot_usd_per_hour == old.spot_usd_per_hour
    assert any(f.startswith("spot price not refreshed") and str(old.as_of) in f for f in new.flags)
    (change,) = report.changes
    assert (change.kind, change.old_usd_per_hour, change.new_usd_per_hour) == (
        ChangeKind.UPDATED,
        55.04,
        50.0,
    )
    assert doc.as_of == TODAY
    assert "test refresh on 2026-11-21 over [catalog-src/" in doc.built_from
    # every other row is exactly as it was
    assert [o for o in doc.offerings if o.key != old.key] == [
        o for o in base.offerings if o.key != old.key
    ]


def test_same_price_is_unchanged_but_confirmed_today() -> None:
    _, doc, report = refresh(quote("g5.xlarge", "us-east-1", 1.006))
    assert report.changes[0].kind is ChangeKind.UNCHANGED
    assert row(doc, "g5.xlarge", "us-east-1").as_of == TODAY


def test_row_without_on_demand_price_gets_one_and_loses_the_flag() -> None:
    base, doc, _ = refresh(quote("p5e.48xlarge", "us-east-2", 60.0))
    assert any(
        f.startswith("no on-demand price") for f in row(base, "p5e.48xlarge", "us-east-2").flags
    )
    new = row(doc, "p5e.48xlarge", "us-east-2")
    assert new.on_demand_usd_per_hour == 60.0
    assert not any(f.startswith("no on-demand price") for f in new.flags)


def test_new_region_adds_a_row_copied_from_the_type_without_spot() -> None:
    base, doc, report = refresh(quote("inf2.xlarge", "ap-southeast-7", 0.79))
    added = row(doc, "inf2.xlarge", "ap-southeast-7")
    template = min(
        (o for o in base.offerings if o.offering == "inf2.xlarge"), key=lambda o: o.region or ""
    )
    assert (added.accelerator_id, added.accelerators_per_unit, added.vcpus) == (
        template.accelerator_id,
        template.accelerators_per_unit,
        template.vcpus,
    )
    assert added.spot_usd_per_hour is None
    assert added.flags == (
        f"row added by a price refresh: hardware facts copied from {template.key}",
    )
    assert report.changes[0].kind is ChangeKind.ADDED
    assert len(doc.offerings) == len(base.offerings) + 1


@pytest.mark.parametrize(
    ("price", "kind"),
    [(0.0, ChangeKind.REJECTED), (700.0, ChangeKind.REJECTED), (None, ChangeKind.NOT_FOUND)],
)
def test_zero_sentinel_or_missing_prices_keep_the_row(
    price: float | None, kind: ChangeKind
) -> None:
    base, doc, report = refresh(quote("g6.xlarge", "us-east-1", price, problem="no product"))
    assert row(doc, "g6.xlarge", "us-east-1") == row(base, "g6.xlarge", "us-east-1")
    (change,) = report.changes
    assert change.kind is kind
    assert change.note.endswith("row kept as it was")
    if kind is ChangeKind.REJECTED:
        assert "rejected (zero or sentinel price)" in change.note


def test_refreshed_snapshot_round_trips_and_the_planner_uses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, doc, report = refresh(
        quote("inf2.xlarge", "us-east-1", 0.5), quote("p5.48xlarge", "us-east-1", 50.0)
    )
    text = dump_catalog(doc)
    assert parse_catalog(text) == doc
    path = tmp_path / "refreshed.json"
    path.write_text(text)
    workload = spec(
        placement={"providers": ["aws"], "regions": ["us-east-1"]},
        constraints={"portability": "none"},
    )
    by_flag = plan(workload, load_catalog(path)).chosen
    monkeypatch.setenv("AIHW_CATALOG", str(path))
    by_env = plan(workload, load_catalog()).chosen
    assert by_flag is not None and by_env is not None
    assert by_flag.offering.offering == "inf2.xlarge"
    assert by_flag.usd_per_hour == by_env.usd_per_hour == pytest.approx((by_flag.units or 0) * 0.5)
    assert by_flag.offering.as_of == TODAY
    assert report.counts()["updated"] == 2
    assert packaged_catalog_path().read_text() != text  # the packaged snapshot is untouched
