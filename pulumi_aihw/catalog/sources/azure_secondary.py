"""Secondary Azure US price figures (``catalog-src/azure/secondary_prices.csv``: those
quoted in the shared research ``SOURCES.md`` section 2b, and one public test file):
compared with the catalog's prices, never used as them. A figure more than 5% from the
catalog's price flags the row (the build's cross-check)."""

from __future__ import annotations

from pulumi_aihw.catalog.sources.base import SourceFiles, SourceResult, secondary_figures

FILE = "azure/secondary_prices.csv"


def read(files: SourceFiles) -> SourceResult:
    return secondary_figures(files, FILE, "azure", "azure-secondary", "offering")
