"""The Azure Retail Prices client against a local fake: filters, paging, Linux/Spot/Low
Priority/Windows meters, reservation terms, ambiguity, and faults (429, 5xx, timeouts)."""

from __future__ import annotations

import pytest

from pulumi_aihw.preflight.azure_pricing import (
    RetailPricesClient,
    fetch_azure_prices,
    prices_from_items,
    region_filter,
)
from pulumi_aihw.preflight.failures import ServiceFailure
from pulumi_aihw.preflight.limits import Limits
from tests.cloudfakes.azure import FakeRetailPrices, retail_item

LIMITS = Limits(timeout_seconds=0.3, max_attempts=3, backoff_seconds=0.01)
ND = "Standard_ND96isr_H100_v5"
MI = "Standard_ND96isr_MI300X_v5"
ITEMS = [
    retail_item(ND, "eastus", 98.32, meter="ND96isrH100v5"),
    retail_item(ND, "eastus", 102.736, meter="ND96isrH100v5",
                product="Virtual Machines NDsr H100 v5 Series Windows"),
    retail_item(ND, "eastus", 18.169536, meter="ND96isrH100v5 Spot"),
    retail_item(ND, "eastus", 41.094, meter="ND96isrH100v5 Low Priority"),
    retail_item(ND, "eastus", 525600.0, kind="Reservation", term="1 Year"),
    retail_item(ND, "eastus", 1051200.0, kind="Reservation", term="3 Years"),
    retail_item(MI, "northeurope", 57.6, meter="ND96isrMI300Xv5"),
    retail_item("NDasrA100v4_Type1", "eastus", 27.0),  # not an ARM size name: ignored
    retail_item(ND, "westus", 0.0),  # a zero price is no price
]  # fmt: skip


def client(server: FakeRetailPrices, limits: Limits = LIMITS) -> RetailPricesClient:
    return RetailPricesClient(limits, {"AIHW_AZURE_PRICES_ENDPOINT": server.url})


def test_pages_filters_and_reads_every_kind_of_price() -> None:
    wanted = {(ND, "eastus"), (MI, "northeurope"), (ND, "westus")}
    with FakeRetailPrices(ITEMS, page_size=2) as server:
        prices = fetch_azure_prices(client(server), wanted)
        paths = [r.path for r in server.requests]
    nd = prices[(ND, "eastus")]
    assert nd.on_demand == {98.32} and nd.spot == {18.169536}
    assert nd.reserved == {"1 Year": {60.0}, "3 Years": {40.0}}  # term price / 8,760 or 26,280 h
    quotes = {q.kind: q for q in nd.quotes()}
    assert {k: q.usd_per_hour for k, q in quotes.items()} == {
        "on-demand": 98.32,
        "spot": 18.169536,
        "reserved-1y": 60.0,
        "reserved-3y": 40.0,
    }
    assert all(q.problem is None for q in quotes.values())
    assert "effective 2026-08-01" in quotes["on-demand"].source
    assert "1 year reservation, term price / 8,760 h" in quotes["reserved-1y"].source
    (mi,) = prices[(MI, "northeurope")].quotes()  # pay-as-you-go only: no other kind quoted
    assert (mi.kind, mi.usd_per_hour) == ("on-demand", 57.6)
    (west,) = prices[(ND, "westus")].quotes()
    assert west.usd_per_hour is None and "no Linux pay-as-you-go price" in str(west.problem)
    assert len(paths) >= 4  # three regions, eastus over several pages
    assert all(p.startswith("/api/retail/prices?currencyCode=USD&") for p in paths)


def test_two_prices_for_one_meter_are_ambiguous() -> None:
    items = [retail_item(MI, "northeurope", 57.6), retail_item(MI, "northeurope", 60.0)]
    (q,) = prices_from_items(items, {(MI, "northeurope")})[(MI, "northeurope")].quotes()
    assert q.usd_per_hour is None and q.problem == "ambiguous: 2 different prices (57.6, 60)"


def test_a_spot_price_equal_to_payg_is_no_spot_price() -> None:
    items = [
        retail_item(MI, "northeurope", 57.6, meter="ND96isrMI300Xv5"),
        retail_item(MI, "northeurope", 57.6, meter="ND96isrMI300Xv5 Spot"),
    ]
    od, spot = prices_from_items(items, {(MI, "northeurope")})[(MI, "northeurope")].quotes()
    assert od.usd_per_hour == 57.6 and spot.kind == "spot" and spot.usd_per_hour is None
    assert spot.problem == "the Spot price equals pay-as-you-go: no Spot discount published"


def test_region_filter_is_one_odata_expression() -> None:
    assert region_filter("eastus", ["B", "A"]) == (
        "serviceName eq 'Virtual Machines' and armRegionName eq 'eastus' and "
        "(armSkuName eq 'A' or armSkuName eq 'B')"
    )


@pytest.mark.parametrize(("status", "reason"), [(429, "throttled (HTTP 429"), (500, "HTTP 500")])
def test_throttling_and_5xx_are_retried_then_fail(status: int, reason: str) -> None:
    with (
        FakeRetailPrices(ITEMS, fail_status=status) as server,
        pytest.raises(ServiceFailure) as info,
    ):
        fetch_azure_prices(client(server), {(ND, "eastus")})
    assert len(server.requests) == 3
    assert f"Azure Retail Prices API in eastus failed after retries: {reason}" in str(info.value)


def test_timeouts_are_retried_then_fail() -> None:
    limits = Limits(timeout_seconds=0.2, max_attempts=2, backoff_seconds=0.01)
    with (
        FakeRetailPrices(ITEMS, delay_seconds=2.0) as server,
        pytest.raises(ServiceFailure, match=r"timed out \(0.2 s per attempt; after 2 attempts\)"),
    ):
        fetch_azure_prices(client(server, limits), {(ND, "eastus")})
