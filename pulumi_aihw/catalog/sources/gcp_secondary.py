"""Secondary GCP price figures quoted in the research notes (``catalog-src/gcp/
secondary_quotes.csv``): compared with the catalog's prices, never used as them."""

from __future__ import annotations

import datetime as dt

from pulumi_aihw.catalog.sources.base import PriceKind, PricePoint, SourceFiles, SourceResult

FILE = "gcp/secondary_quotes.csv"


def read(files: SourceFiles) -> SourceResult:
    out = SourceResult("gcp-secondary")
    for row in files.rows(FILE):
        if not row["region"]:
            continue  # no region: cannot be compared with a regional price
        label = row["source"]
        out.labels[label] = f"{label} ({row['note']})"
        out.checks.append(
            PricePoint(
                "gcp",
                row["machine_type"],
                row["region"],
                PriceKind(row["price_kind"]),
                float(row["usd_per_hour"]),
                label,
                dt.date.fromisoformat(row["as_of"]),
                corroboration_only=True,
            )
        )
    return out
