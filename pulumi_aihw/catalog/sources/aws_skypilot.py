"""SkyPilot's AWS catalog rows (``catalog-src/aws/skypilot_aws_rows_excerpt.csv``): the
only spot prices here (minimum over a region's availability zones, dated separately)
and a second, independent on-demand figure for the rows it covers."""

from __future__ import annotations

import datetime as dt

from pulumi_aihw.catalog.sources.base import (
    PriceKind,
    PricePoint,
    SourceFiles,
    SourceResult,
    number,
)

FILE = "aws/skypilot_aws_rows_excerpt.csv"
LABEL = "SkyPilot catalog v8 aws/vms.csv @00148f2a"
AS_OF = dt.date(2026, 8, 31)
"""The catalog commit date is not visible; dstack PR #4110 (Aug 2026) shows the same
prices (catalog-src/hardware_notes.md section 1.1)."""


def read(files: SourceFiles) -> SourceResult:
    out = SourceResult("aws-skypilot")
    out.labels[LABEL] = (
        "skypilot-org/skypilot-catalog@00148f2a:catalogs/v8/aws/vms.csv, read by path "
        f"(catalog-src/hardware_notes.md section 1.1), excerpt {FILE}; spot = minimum over "
        "the region's availability zones, Local Zones excluded"
    )
    for row in files.rows(FILE):
        name, region = row["instance_type"], row["region"]
        spot = number(row["spot_usd_per_hour_min_over_azs"])
        if spot:
            out.prices.append(PricePoint("aws", name, region, PriceKind.SPOT, spot, LABEL, AS_OF))
        od = number(row["on_demand_usd_per_hour"])
        if od:
            out.checks.append(
                PricePoint("aws", name, region, PriceKind.ON_DEMAND, od, LABEL, AS_OF)
            )
    return out
