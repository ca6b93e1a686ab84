"""EC2 Capacity Blocks for ML: price per instance-hour by type and region, scraped from
aws.amazon.com/ec2/capacityblocks/pricing/ (``catalog-src/aws/capacity_blocks_*.json``).

The newest file is the price; the older one is history, compared as a second figure
(Capacity Blocks are re-priced, so a large difference is expected and said so).
Local Zones and GovCloud are left out, as for on-demand prices.
"""

from __future__ import annotations

import datetime as dt
import json

from pulumi_aihw.catalog.sources.aws_vantage import region_excluded
from pulumi_aihw.catalog.sources.base import PriceKind, PricePoint, SourceFiles, SourceResult

CURRENT = "aws/capacity_blocks_pricing_2026-07-22.json"
HISTORY = "aws/capacity_blocks_pricing_2026-03-01.json"
LABEL = "EC2 Capacity Blocks price page 2026-07-22"
HISTORY_LABEL = "EC2 Capacity Blocks price page 2026-03-01 (earlier price)"


def _points(
    text: str, label: str, *, independent: bool = True
) -> tuple[list[PricePoint], dt.date, list[str]]:
    doc = json.loads(text)
    as_of = dt.date.fromisoformat(doc["metadata"]["last_updated"][:10])
    points, dropped = [], []
    for name, item in sorted(doc["instance_types"].items()):
        for p in item["pricing"]:
            region = p["region_code"]
            why = region_excluded(region)
            if why is not None:
                dropped.append(f"aws {name} capacity block in {region}: left out: {why}")
                continue
            points.append(
                PricePoint(
                    "aws",
                    name,
                    region,
                    PriceKind.CAPACITY_BLOCK,
                    float(p["hourly_rate_usd"]),
                    label,
                    as_of,
                    independent=independent,
                )
            )
    return points, as_of, dropped


def read(files: SourceFiles) -> SourceResult:
    out = SourceResult("aws-capacity-blocks")
    points, _, dropped = _points(files.text(CURRENT), LABEL)
    out.prices.extend(points)
    out.dropped.extend(dropped)
    old, _, _ = _points(files.text(HISTORY), HISTORY_LABEL, independent=False)
    out.checks.extend(old)
    repo = "koyakimu/ec2-capacity-blocks-for-ml-pricing-json"
    out.labels[LABEL] = f"{repo}@b3a54aee:data/pricing.json (last_updated 2026-07-22)"
    out.labels[HISTORY_LABEL] = f"{repo}@ff99bc1a:data/pricing.json (2026-03-01)"
    return out
