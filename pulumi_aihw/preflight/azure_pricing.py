"""Azure prices from the public Azure Retail Prices API (no credentials), for ``aihw catalog
refresh --azure``.

``GET https://prices.azure.com/api/retail/prices?$filter=...`` answers 100 items a page and a
``NextPageLink`` to the next. One query per region asks for every wanted size
(``serviceName eq 'Virtual Machines' and armRegionName eq 'R' and (armSkuName eq 'A' or
...)``), in USD. Items are read as follows (:func:`prices_from_items`):

- ``type`` Consumption, Linux (``productName`` without "Windows"): pay-as-you-go, or Spot when
  ``meterName``/``skuName`` ends in " Spot"; Low Priority meters (Azure Batch) are skipped;
- ``type`` Reservation, ``reservationTerm`` "1 Year" / "3 Years": the ``retailPrice`` is the
  price of the whole term (the API still says "1 Hour"), so the hourly figure is the term price
  divided by 8,760 or 26,280 hours;
- an item whose ``armSkuName`` is not a wanted size (the API sometimes puts a meter name there,
  e.g. ``NDasrA100v4_Type1``) is ignored; two different prices for one size, region and kind make
  that price unknown ("ambiguous").

``AIHW_AZURE_PRICES_ENDPOINT=http://127.0.0.1:PORT`` points the client at a local fake. Paging
links are followed only to the same scheme and host.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

from pulumi_aihw.catalog.refresh import PriceQuote
from pulumi_aihw.preflight.failures import MalformedAnswer, ServiceFailure
from pulumi_aihw.preflight.limits import Limits

PRICES_ENDPOINT_ENV = "AIHW_AZURE_PRICES_ENDPOINT"
DEFAULT_ENDPOINT = "https://prices.azure.com"
PATH = "/api/retail/prices"
HOURS = {"1 Year": 8760, "3 Years": 26280}
"""Hours in a reservation term (365 and 3 x 365 days)."""
TERMS = {"1 Year": "reserved-1y", "3 Years": "reserved-3y"}
"""The API's ``reservationTerm`` -> the catalog's price kind."""
MAX_PAGES = 50
"""Stop after this many pages for one query (a region's GPU sizes fit in a few)."""
API = "Azure Retail Prices API"


@dataclass
class AzurePrices:
    """Every price the API gave for one size in one region (USD per hour)."""

    size: str
    region: str
    on_demand: set[float] = field(default_factory=set)
    spot: set[float] = field(default_factory=set)
    reserved: dict[str, set[float]] = field(default_factory=dict)
    """Term (``1 Year``, ``3 Years``) -> hourly figures."""
    effective: set[str] = field(default_factory=set)
    """``effectiveStartDate`` values of the on-demand items."""

    def quotes(self) -> list[PriceQuote]:
        """One quote per kind of price: pay-as-you-go always (a problem when missing), Spot
        and each reservation term when the API has items for them."""
        since = f"; effective {min(self.effective)[:10]}" if self.effective else ""
        out = [self._quote("on-demand", "Linux pay-as-you-go", self.on_demand, since)]
        if self.spot:
            spot = self._quote("spot", "Linux Spot", self.spot)
            if spot.usd_per_hour is not None and spot.usd_per_hour == out[0].usd_per_hour:
                spot = PriceQuote(
                    "azure", self.size, self.region, None, spot.source, kind="spot",
                    problem="the Spot price equals pay-as-you-go: no Spot discount published",
                )  # fmt: skip
            out.append(spot)
        for term, kind in TERMS.items():
            if self.reserved.get(term):
                label = f"{term.lower()} reservation, term price / {HOURS[term]:,} h"
                out.append(self._quote(kind, label, self.reserved[term]))
        return out

    def _quote(self, kind: str, what: str, values: set[float], extra: str = "") -> PriceQuote:
        source = f"{API} ({what}, USD, {self.size} {self.region}{extra})"
        if not values:
            return PriceQuote(
                "azure", self.size, self.region, None, source, kind=kind,
                problem="no Linux pay-as-you-go price (not sold there, or only reserved)",
            )  # fmt: skip
        if len(values) > 1:
            listed = ", ".join(f"{p:g}" for p in sorted(values))
            return PriceQuote(
                "azure", self.size, self.region, None, source, kind=kind,
                problem=f"ambiguous: {len(values)} different prices ({listed})",
            )  # fmt: skip
        return PriceQuote("azure", self.size, self.region, next(iter(values)), source, kind=kind)


def prices_from_items(
    items: Iterable[Mapping[str, Any]], wanted: set[tuple[str, str]]
) -> dict[tuple[str, str], AzurePrices]:
    """Group API items into prices per wanted (size, region)."""
    out = {key: AzurePrices(*key) for key in sorted(wanted)}
    for item in items:
        key = (str(item.get("armSkuName")), str(item.get("armRegionName")))
        if key not in out or item.get("currencyCode", "USD") != "USD":
            continue
        if "windows" in str(item.get("productName", "")).lower():
            continue
        _add(out[key], item)
    return out


def _add(p: AzurePrices, item: Mapping[str, Any]) -> None:
    price = float(item.get("retailPrice") or 0)
    if price <= 0:
        return  # a zero price is no price (the catalog build's rule)
    meter = f"{item.get('meterName', '')} {item.get('skuName', '')}"
    if item.get("type") == "Reservation":
        term = str(item.get("reservationTerm"))
        if term in HOURS:
            p.reserved.setdefault(term, set()).add(round(price / HOURS[term], 6))
        return
    if item.get("type") != "Consumption" or "Low Priority" in meter:
        return
    if "Spot" in meter:
        p.spot.add(price)
        return
    p.on_demand.add(price)
    if item.get("effectiveStartDate"):
        p.effective.add(str(item["effectiveStartDate"]))


def region_filter(region: str, sizes: Iterable[str]) -> str:
    names = " or ".join(f"armSkuName eq '{s}'" for s in sorted(sizes))
    return f"serviceName eq 'Virtual Machines' and armRegionName eq '{region}' and ({names})"


class RetailPricesClient:
    """Pages through the API with azure-core's retries (429, 5xx, timeouts)."""

    def __init__(self, limits: Limits, environ: Mapping[str, str] | None = None) -> None:
        from azure.core import PipelineClient
        from azure.core.pipeline.policies import RetryPolicy

        env = os.environ if environ is None else environ
        self.endpoint = (env.get(PRICES_ENDPOINT_ENV) or DEFAULT_ENDPOINT).rstrip("/")
        self.limits = limits
        retry = RetryPolicy(
            retry_total=limits.max_attempts - 1,
            retry_backoff_factor=limits.backoff_seconds,
            retry_backoff_max=10,
        )
        self._client: Any = PipelineClient(base_url=self.endpoint, policies=[retry])

    def items(self, flt: str, where: str) -> list[dict[str, Any]]:
        url = f"{self.endpoint}{PATH}?currencyCode=USD&$filter={quote(flt)}"
        out: list[dict[str, Any]] = []
        for _ in range(MAX_PAGES):
            page = self._get(url, where)
            out.extend(page.get("Items") or [])
            nxt = page.get("NextPageLink")
            if not nxt:
                return out
            if urlsplit(nxt)[:2] != urlsplit(self.endpoint)[:2]:
                raise ServiceFailure(API, where, f"a page link leaves {self.endpoint}: {nxt}")
            url = nxt
        raise ServiceFailure(API, where, f"more than {MAX_PAGES} pages for one query")

    def _get(self, url: str, where: str) -> dict[str, Any]:
        from azure.core import exceptions as aex
        from azure.core.rest import HttpRequest

        request = HttpRequest("GET", url)
        tries = f"after {self.limits.max_attempts} attempts"
        try:
            response = self._client.send_request(
                request,
                connection_timeout=self.limits.timeout_seconds,
                read_timeout=self.limits.timeout_seconds,
            )
        except aex.ServiceResponseError:
            reason = f"timed out ({self.limits.timeout_seconds:g} s per attempt; {tries})"
            raise ServiceFailure(API, where, reason) from None
        except aex.ServiceRequestError as exc:
            raise ServiceFailure(API, where, f"no connection ({exc}; {tries})") from None
        if response.status_code == 429:
            raise ServiceFailure(API, where, f"throttled (HTTP 429; {tries})")
        if response.status_code >= 400:
            raise ServiceFailure(API, where, f"HTTP {response.status_code} ({tries})")
        try:
            body = response.json()
        except ValueError:
            raise MalformedAnswer(API, where, response.text()) from None
        if not isinstance(body, dict) or not isinstance(body.get("Items"), list):
            raise MalformedAnswer(API, where, body)
        return body


def fetch_azure_prices(
    client: RetailPricesClient, wanted: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], AzurePrices]:
    """Prices per wanted (size, region): one paged query per region. Raises
    :class:`ServiceFailure` (exit 3) when the API cannot be asked."""
    keys = set(wanted)
    regions: dict[str, set[str]] = {}
    for size, region in keys:
        regions.setdefault(region, set()).add(size)
    items: list[dict[str, Any]] = []
    for region, sizes in sorted(regions.items()):
        items.extend(client.items(region_filter(region, sizes), region))
    return prices_from_items(items, keys)
