"""GCP GPU machine-type prices per region from Google's Cloud Billing Catalog API, as
built weekly by Cyclenerd (``catalog-src/gcp/cyclenerd_gpu_vms_flat.csv``): on-demand,
spot and 1- and 3-year resource-based CUD (per month in the source, divided by 730).

Prices are totals: vCPU + memory + GPUs + the bundled local SSD. The source prices
regions where a type is not offered; the build keeps only offered regions.
"""

from __future__ import annotations

import datetime as dt

from pulumi_aihw.catalog.sources.base import (
    PriceKind,
    PricePoint,
    SourceFiles,
    SourceResult,
    number,
)

FILE = "gcp/cyclenerd_gpu_vms_flat.csv"
LABEL = "Google Cloud Billing Catalog via Cyclenerd 2026-07-30"
AS_OF = dt.date(2026, 7, 30)
HOURS_PER_MONTH = 730.0
"""Cyclenerd's ``month`` is ``hour x 730``; CUD months are divided back by the same."""

COLUMNS = (
    (PriceKind.ON_DEMAND, "hour_usd", 1.0),
    (PriceKind.SPOT, "hour_spot_usd", 1.0),
    (PriceKind.RESERVED_1Y, "month_1y_cud_usd", 1 / HOURS_PER_MONTH),
    (PriceKind.RESERVED_3Y, "month_3y_cud_usd", 1 / HOURS_PER_MONTH),
)


def read(files: SourceFiles) -> SourceResult:
    out = SourceResult("gcp-cyclenerd")
    out.labels[LABEL] = (
        "Cyclenerd/google-cloud-pricing-cost-calculator@fd66b26f:pricing.yml (generated "
        f"2026-07-30 from the Cloud Billing Catalog API) as {FILE}; CUD per month / 730"
    )
    for row in files.rows(FILE):
        ssd = number(row["local_ssd_gb"])
        note = f"total includes the bundled {ssd:g} GB local SSD" if ssd else ""
        for kind, col, factor in COLUMNS:
            value = number(row[col])
            if value is None:
                continue
            out.prices.append(
                PricePoint(
                    "gcp",
                    row["machine_type"],
                    row["region"],
                    kind,
                    round(value * factor, 6),
                    LABEL,
                    AS_OF,
                    note=note,
                )
            )
    return out
