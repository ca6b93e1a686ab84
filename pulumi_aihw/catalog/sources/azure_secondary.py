"""Secondary Azure US price figures (``catalog-src/azure/secondary_prices.csv``: those
quoted in the shared research ``SOURCES.md`` section 2b, and one public test file):
compared with the catalog's prices, never used as them. A figure more than 5% from the
catalog's price flags the row (the build's cross-check)."""

from __future__ import annotations

import datetime as dt

from pulumi_aihw.catalog.sources.base import PriceKind, PricePoint, SourceFiles, SourceResult

FILE = "azure/secondary_prices.csv"


def read(files: SourceFiles) -> SourceResult:
    out = SourceResult("azure-secondary")
    for row in files.rows(FILE):
        label = row["source"]
        out.labels[label] = f"{label} ({row['note']})"
        out.checks.append(
            PricePoint(
                "azure",
                row["offering"],
                row["region"],
                PriceKind(row["price_kind"]),
                float(row["usd_per_hour"]),
                label,
                dt.date.fromisoformat(row["as_of"]),
                corroboration_only=True,
            )
        )
    return out
