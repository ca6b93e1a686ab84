"""AWS spot and Capacity Block prices for ``aihw catalog refresh --aws``.

- Spot: EC2 ``DescribeSpotPriceHistory`` (Linux/UNIX) per region and instance type; the
  newest price of each availability zone, and the catalog keeps the lowest (as the
  build does with SkyPilot's per-zone rows).
- Capacity Blocks: EC2 ``DescribeCapacityBlockOfferings`` for one instance for 24 hours;
  the hourly price is the upfront fee / the block's hours, the lowest offering kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from pulumi_aihw.catalog.refresh import PriceQuote
from pulumi_aihw.preflight.aws_clients import AwsClients

SPOT_PRODUCT = "Linux/UNIX"
BLOCK_HOURS = 24


def fetch_spot_prices(
    clients: AwsClients, wanted: Iterable[tuple[str, str]], now: dt.datetime
) -> list[PriceQuote]:
    """A spot quote per (instance type, region): the lowest current price over its AZs."""
    quotes = []
    for instance_type, region in wanted:
        result = clients.call(
            "ec2",
            region,
            "DescribeSpotPriceHistory",
            InstanceTypes=[instance_type],
            ProductDescriptions=[SPOT_PRODUCT],
            StartTime=now,
        )
        quotes.append(spot_quote(result.get("SpotPriceHistory", []), instance_type, region))
    return quotes


def spot_quote(history: list[Mapping[str, Any]], instance_type: str, region: str) -> PriceQuote:
    """The lowest of each availability zone's newest spot price."""
    newest: dict[str, tuple[Any, float]] = {}
    for item in history:
        if item.get("InstanceType") != instance_type:
            continue
        zone = str(item.get("AvailabilityZone", "?"))
        stamp, price = item.get("Timestamp"), float(item["SpotPrice"])
        if zone not in newest or stamp > newest[zone][0]:
            newest[zone] = (stamp, price)
    what = f"EC2 DescribeSpotPriceHistory ({SPOT_PRODUCT}, {instance_type} {region}"
    if not newest:
        return PriceQuote(
            "aws", instance_type, region, None, f"{what})", problem="no spot price", kind="spot"
        )
    zone, (_, price) = min(newest.items(), key=lambda kv: (kv[1][1], kv[0]))
    spread = sorted(p for _, p in newest.values())
    return PriceQuote(
        "aws",
        instance_type,
        region,
        price,
        f"{what}; lowest of {len(newest)} zones, {zone}; range {spread[0]:g}-{spread[-1]:g})",
        kind="spot",
    )


def fetch_capacity_block_prices(
    clients: AwsClients, wanted: Iterable[tuple[str, str]]
) -> list[PriceQuote]:
    """A Capacity Block quote per (instance type, region) that sells blocks."""
    quotes = []
    for instance_type, region in wanted:
        result = clients.call(
            "ec2",
            region,
            "DescribeCapacityBlockOfferings",
            InstanceType=instance_type,
            InstanceCount=1,
            CapacityDurationHours=BLOCK_HOURS,
        )
        offers = result.get("CapacityBlockOfferings", [])
        quotes.append(capacity_block_quote(offers, instance_type, region))
    return quotes


def capacity_block_quote(
    offers: list[Mapping[str, Any]], instance_type: str, region: str
) -> PriceQuote:
    """The lowest hourly price among the offerings (upfront fee / duration)."""
    hourly = []
    for o in offers:
        if o.get("InstanceType") != instance_type or o.get("CurrencyCode", "USD") != "USD":
            continue
        hours = float(o.get("CapacityBlockDurationHours") or BLOCK_HOURS)
        count = float(o.get("InstanceCount") or 1)
        hourly.append(float(o["UpfrontFee"]) / hours / count)
    what = f"EC2 DescribeCapacityBlockOfferings ({instance_type} {region}, 1 instance"
    if not hourly:
        return PriceQuote(
            "aws",
            instance_type,
            region,
            None,
            f"{what})",
            problem="no Capacity Block offering",
            kind="capacity-block",
        )
    return PriceQuote(
        "aws",
        instance_type,
        region,
        round(min(hourly), 6),
        f"{what}, {BLOCK_HOURS} h; lowest of {len(hourly)} offerings, upfront fee / hours)",
        kind="capacity-block",
    )
