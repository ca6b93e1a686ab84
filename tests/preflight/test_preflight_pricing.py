"""AWS Price List API (``pricing:GetProducts``) over botocore Stubber, and its faults."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest
from botocore.stub import Stubber

from pulumi_aihw.preflight.aws_clients import AwsClients
from pulumi_aihw.preflight.aws_pricing import PRICING_REGION, fetch_on_demand_prices
from pulumi_aihw.preflight.failures import ServiceFailure
from pulumi_aihw.preflight.limits import Limits
from tests.cloudfakes.aws import AwsFaultServer, price_item

pytestmark = pytest.mark.usefixtures("aws_credentials")

FILTERS = [
    {"Type": "TERM_MATCH", "Field": "instanceType", "Value": "p5.48xlarge"},
    {"Type": "TERM_MATCH", "Field": "regionCode", "Value": "us-east-1"},
    {"Type": "TERM_MATCH", "Field": "operatingSystem", "Value": "Linux"},
    {"Type": "TERM_MATCH", "Field": "tenancy", "Value": "Shared"},
    {"Type": "TERM_MATCH", "Field": "preInstalledSw", "Value": "NA"},
    {"Type": "TERM_MATCH", "Field": "capacitystatus", "Value": "Used"},
]


@pytest.fixture
def priced() -> Iterator[tuple[AwsClients, Stubber]]:
    clients = AwsClients(Limits(), session=boto3.session.Session())
    stubber = Stubber(clients.client("pricing", PRICING_REGION))
    with stubber:
        yield clients, stubber
    stubber.assert_no_pending_responses()


def expect(
    stubber: Stubber, items: list[str], next_token: str | None = None, token: str | None = None
) -> None:
    params = {"ServiceCode": "AmazonEC2", "FormatVersion": "aws_v1", "Filters": FILTERS}
    if token:
        params["NextToken"] = token
    response = {"FormatVersion": "aws_v1", "PriceList": items}
    if next_token:
        response["NextToken"] = next_token
    stubber.add_response("get_products", response, params)


def test_on_demand_price_with_sku_and_publication_date(priced: tuple[AwsClients, Stubber]) -> None:
    clients, stubber = priced
    expect(stubber, [price_item("p5.48xlarge", "us-east-1", "54.0000000000", sku="ABC")])
    (quote,) = fetch_on_demand_prices(clients, [("p5.48xlarge", "us-east-1")])
    assert quote.usd_per_hour == 54.0
    assert quote.problem is None
    assert "AWS Price List API (pricing:GetProducts AmazonEC2 p5.48xlarge us-east-1" in quote.source
    assert "sku ABC, published 2026-11-01" in quote.source


def test_pages_are_read_and_capacity_block_products_ignored(
    priced: tuple[AwsClients, Stubber],
) -> None:
    clients, stubber = priced
    expect(
        stubber,
        [price_item("p5.48xlarge", "us-east-1", "31.4640000000", marketoption="CapacityBlock")],
        next_token="page-2",
    )
    expect(stubber, [price_item("p5.48xlarge", "us-east-1", "55.0400000000")], token="page-2")
    (quote,) = fetch_on_demand_prices(clients, [("p5.48xlarge", "us-east-1")])
    assert quote.usd_per_hour == 55.04


def test_no_product_and_ambiguous_prices_give_no_price(priced: tuple[AwsClients, Stubber]) -> None:
    clients, stubber = priced
    expect(stubber, [])
    expect(
        stubber,
        [
            price_item("p5.48xlarge", "us-east-1", "55.04", sku="A"),
            price_item("p5.48xlarge", "us-east-1", "60.00", sku="B"),
        ],
    )
    none, ambiguous = fetch_on_demand_prices(
        clients, [("p5.48xlarge", "us-east-1"), ("p5.48xlarge", "us-east-1")]
    )
    assert none.usd_per_hour is None
    assert none.problem is not None and none.problem.startswith("no on-demand Linux price")
    assert ambiguous.usd_per_hour is None
    assert ambiguous.problem == "ambiguous: 2 different on-demand prices (55.04, 60)"


@pytest.mark.usefixtures("fast_retries")
def test_throttled_price_list_is_a_service_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    with AwsFaultServer("throttling") as server:
        monkeypatch.setenv("AWS_ENDPOINT_URL_PRICING", server.url)
        clients = AwsClients(Limits(max_attempts=2), session=boto3.session.Session())
        with pytest.raises(ServiceFailure) as info:
            fetch_on_demand_prices(clients, [("p5.48xlarge", "us-east-1")])
        assert len(server.requests) == 2
    assert str(info.value).startswith(
        "pricing:GetProducts in us-east-1 failed after retries: throttled after 2 attempts "
        "(ThrottlingException: injected fault)"
    )
    assert info.value.exit_code == 3
