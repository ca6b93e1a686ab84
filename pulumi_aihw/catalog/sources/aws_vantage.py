"""AWS on-demand and 1-year reserved prices per instance type and region, from the AWS
Price List via instances.vantage.sh (``catalog-src/aws/vantage_via_tsaol_*.csv``).

Local Zones, Wavelength Zones and GovCloud regions are left out (see
``catalog-src/SOURCES.md``); an empty price stays unknown.
"""

from __future__ import annotations

import datetime as dt
import re

from pulumi_aihw.catalog.sources.base import (
    PriceKind,
    PricePoint,
    SourceFiles,
    SourceResult,
    number,
)

FILE = "aws/vantage_via_tsaol_gpu_instances_2026-01-21.csv"
LABEL = "AWS Price List via vantage (tsaol/aws-gpu) 2026-01-21"
AS_OF = dt.date(2026, 1, 21)

# A region code is <area>-<direction>-<n>; anything longer is a Local or Wavelength Zone.
_REGION = re.compile(r"^[a-z]{2}-[a-z]+-\d$")


def region_excluded(region: str) -> str | None:
    """Why a price-file location is not a catalog region, or ``None`` if it is one."""
    if not region:
        return "no region in the source"
    if region.startswith("us-gov-"):
        return "GovCloud region (separate partition)"
    if not _REGION.match(region):
        return "Local Zone or Wavelength Zone"
    return None


def read(files: SourceFiles) -> SourceResult:
    out = SourceResult("aws-vantage")
    out.labels[LABEL] = (
        "tsaol/aws-gpu@77fcd9fe:data/all_gpu_instances.js (generated from instances.vantage.sh, "
        f"itself from the AWS Price List; 'Last updated: 2026-01-21') as {FILE}"
    )
    skipped: dict[str, int] = {}
    for row in files.rows(FILE):
        region = row["region"]
        why = region_excluded(region)
        if why is not None:
            skipped[why] = skipped.get(why, 0) + 1
            continue
        for kind, col in (
            (PriceKind.ON_DEMAND, "on_demand_linux_usd_per_hour"),
            (PriceKind.RESERVED_1Y, "ri_1y_standard_no_upfront_linux_usd_per_hour"),
        ):
            value = number(row[col])
            note = "" if value else f"no {kind} price in the AWS Price List (via vantage)"
            out.prices.append(
                PricePoint(
                    "aws", row["instance_type"], region, kind, value, LABEL, AS_OF, note=note
                )
            )
    for why, n in sorted(skipped.items()):
        out.dropped.append(f"aws price rows: {n} left out: {why}")
    return out
