"""AWS spot and Capacity Block prices for ``aihw catalog refresh --aws`` (Stubber), and
the refresh applying them with the build's cross-check and flags."""

from __future__ import annotations

import datetime as dt

import boto3
import pytest
from botocore.stub import Stubber

from pulumi_aihw.catalog import load_catalog
from pulumi_aihw.catalog.refresh import ChangeKind, apply_prices
from pulumi_aihw.preflight.aws_clients import AwsClients
from pulumi_aihw.preflight.aws_market_prices import (
    fetch_capacity_block_prices,
    fetch_spot_prices,
)
from pulumi_aihw.preflight.limits import Limits

pytestmark = pytest.mark.usefixtures("aws_credentials")
NOW = dt.datetime(2026, 11, 1, 12, tzinfo=dt.timezone.utc)


@pytest.fixture
def clients() -> AwsClients:
    return AwsClients(Limits(), session=boto3.session.Session(region_name="us-east-1"))


def test_spot_is_the_lowest_of_each_zones_newest_price(clients: AwsClients) -> None:
    ec2 = clients.client("ec2", "us-east-1")
    history = [
        {"InstanceType": "g6e.xlarge", "AvailabilityZone": "us-east-1a", "SpotPrice": "0.90",
         "Timestamp": NOW - dt.timedelta(hours=2), "ProductDescription": "Linux/UNIX"},
        {"InstanceType": "g6e.xlarge", "AvailabilityZone": "us-east-1a", "SpotPrice": "0.95",
         "Timestamp": NOW - dt.timedelta(hours=1), "ProductDescription": "Linux/UNIX"},
        {"InstanceType": "g6e.xlarge", "AvailabilityZone": "us-east-1b", "SpotPrice": "0.97",
         "Timestamp": NOW, "ProductDescription": "Linux/UNIX"},
    ]  # fmt: skip
    with Stubber(ec2) as stub:
        stub.add_response(
            "describe_spot_price_history",
            {"SpotPriceHistory": history},
            {"InstanceTypes": ["g6e.xlarge"], "ProductDescriptions": ["Linux/UNIX"],
             "StartTime": NOW},
        )  # fmt: skip
        stub.add_response("describe_spot_price_history", {"SpotPriceHistory": []})
        (g6e, none) = fetch_spot_prices(
            clients, [("g6e.xlarge", "us-east-1"), ("p5.4xlarge", "us-east-1")], NOW
        )
    assert g6e.kind == "spot" and g6e.usd_per_hour == 0.95  # 1a's newest, not its older 0.90
    assert "lowest of 2 zones, us-east-1a; range 0.95-0.97" in g6e.source
    assert none.usd_per_hour is None and none.problem == "no spot price"


def test_capacity_block_price_is_the_fee_per_hour(clients: AwsClients) -> None:
    ec2 = clients.client("ec2", "us-east-1")
    offers = [
        {"CapacityBlockOfferingId": "cbr-1", "InstanceType": "p5.48xlarge",
         "AvailabilityZone": "us-east-1a", "InstanceCount": 1, "CapacityBlockDurationHours": 24,
         "UpfrontFee": "960.00", "CurrencyCode": "USD"},
        {"CapacityBlockOfferingId": "cbr-2", "InstanceType": "p5.48xlarge",
         "AvailabilityZone": "us-east-1b", "InstanceCount": 1, "CapacityBlockDurationHours": 24,
         "UpfrontFee": "1008.00", "CurrencyCode": "USD"},
    ]  # fmt: skip
    with Stubber(ec2) as stub:
        stub.add_response(
            "describe_capacity_block_offerings",
            {"CapacityBlockOfferings": offers},
            {"InstanceType": "p5.48xlarge", "InstanceCount": 1, "CapacityDurationHours": 24},
        )
        (q,) = fetch_capacity_block_prices(clients, [("p5.48xlarge", "us-east-1")])
    assert q.kind == "capacity-block" and q.usd_per_hour == 40.0  # 960 / 24 h


def test_refreshed_spot_and_block_prices_keep_their_kind_date_and_history(
    clients: AwsClients,
) -> None:
    from pulumi_aihw.catalog.refresh import PriceQuote

    base = load_catalog().document
    quotes = [
        PriceQuote("aws", "g6e.xlarge", "us-east-1", 0.95, "spot fake", kind="spot"),
        PriceQuote("aws", "p5.48xlarge", "us-east-1", 40.0, "block fake", kind="capacity-block"),
    ]
    doc, report = apply_prices(base, quotes, refreshed_on=dt.date(2026, 11, 1), refreshed_by="test")
    rows = {o.key: o for o in doc.offerings}
    g6e, p5 = rows["aws:g6e.xlarge@us-east-1"], rows["aws:p5.48xlarge@us-east-1"]
    old = {o.key: o for o in base.offerings}
    assert g6e.spot_usd_per_hour == 0.95 and g6e.spot_as_of == dt.date(2026, 11, 1)
    assert g6e.as_of == old["aws:g6e.xlarge@us-east-1"].as_of  # on-demand date unchanged
    assert p5.capacity_block_usd_per_hour == 40.0
    assert p5.capacity_block_as_of == dt.date(2026, 11, 1)
    earlier = [c for c in p5.cross_checks if c.kind == "capacity-block" and not c.independent]
    assert {c.other_usd_per_hour for c in earlier} >= {41.528}  # the build's block price
    assert {c.kind for c in report.changes} == {ChangeKind.UPDATED}
    assert {c.price_kind for c in report.changes} == {"spot", "capacity-block"}
