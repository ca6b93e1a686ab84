"""On-demand Linux prices from the AWS Price List API (``pricing:GetProducts``).

One query per instance type and region, filtered to shared tenancy, Linux, no
pre-installed software and used capacity (the plain on-demand price); products
sold as Capacity Blocks and non-``RunInstances`` operations are ignored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from pulumi_aihw.catalog.refresh import PriceQuote
from pulumi_aihw.preflight.aws_clients import AwsClients
from pulumi_aihw.preflight.failures import MalformedAnswer

PRICING_REGION = "us-east-1"
"""The Price List API endpoint region (it also serves eu-central-1 and ap-south-1)."""

FIXED_FILTERS: dict[str, str] = {
    "operatingSystem": "Linux",
    "tenancy": "Shared",
    "preInstalledSw": "NA",
    "capacitystatus": "Used",
}
HOURLY_UNITS = frozenset({"Hrs", "Hours", "hours"})


def price_filters(instance_type: str, region: str) -> list[dict[str, str]]:
    wanted = {"instanceType": instance_type, "regionCode": region, **FIXED_FILTERS}
    return [{"Type": "TERM_MATCH", "Field": k, "Value": v} for k, v in wanted.items()]


def fetch_on_demand_prices(
    clients: AwsClients, wanted: Iterable[tuple[str, str]]
) -> list[PriceQuote]:
    """A quote per (instance type, region); raises ``ServiceFailure`` (exit 3: the API
    failed, or answered with something that is not a price list) or ``CredentialsError``
    (exit 2) when the API cannot be asked."""
    quotes = []
    for instance_type, region in wanted:
        result = clients.call(
            "pricing",
            PRICING_REGION,
            "GetProducts",
            ServiceCode="AmazonEC2",
            FormatVersion="aws_v1",
            Filters=price_filters(instance_type, region),
        )
        try:
            quotes.append(quote_from_price_list(result["PriceList"], instance_type, region))
        except (KeyError, IndexError, TypeError, ValueError, AttributeError):
            raise MalformedAnswer("pricing:GetProducts", PRICING_REGION, result) from None
    return quotes


def quote_from_price_list(items: list[Any], instance_type: str, region: str) -> PriceQuote:
    """The on-demand hourly price in a ``GetProducts`` price list (items are JSON text)."""
    found: dict[float, tuple[str, str]] = {}
    for item in items:
        doc = json.loads(item) if isinstance(item, str) else item
        product = doc.get("product", {})
        if not _plain_on_demand(product.get("attributes", {}), instance_type, region):
            continue
        for price in _hourly_usd(doc.get("terms", {}).get("OnDemand", {})):
            found.setdefault(
                price, (str(product.get("sku", "?")), str(doc.get("publicationDate", ""))[:10])
            )
    what = f"AWS Price List API (pricing:GetProducts AmazonEC2 {instance_type} {region}, Linux"
    problem = None
    if not found:
        problem = "no on-demand Linux price in the Price List (not sold on demand there)"
    elif len(found) > 1:
        prices = ", ".join(f"{p:g}" for p in sorted(found))
        problem = f"ambiguous: {len(found)} different on-demand prices ({prices})"
    if problem is not None:
        return PriceQuote("aws", instance_type, region, None, f"{what})", problem=problem)
    price, (sku, published) = next(iter(found.items()))
    return PriceQuote(
        "aws",
        instance_type,
        region,
        price,
        f"{what}, shared tenancy; sku {sku}, published {published or 'unknown'})",
    )


def _plain_on_demand(attrs: Mapping[str, Any], instance_type: str, region: str) -> bool:
    if attrs.get("instanceType") != instance_type:
        return False
    if attrs.get("regionCode", region) != region:
        return False
    if attrs.get("marketoption", "OnDemand") != "OnDemand":
        return False
    return bool(attrs.get("operation", "RunInstances") == "RunInstances")


def _hourly_usd(on_demand_terms: Mapping[str, Any]) -> list[float]:
    out = []
    for term in on_demand_terms.values():
        for dim in term.get("priceDimensions", {}).values():
            usd = dim.get("pricePerUnit", {}).get("USD")
            if usd is not None and dim.get("unit") in HOURLY_UNITS:
                out.append(float(usd))
    return out
