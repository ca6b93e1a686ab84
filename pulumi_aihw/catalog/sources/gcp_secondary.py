"""Secondary GCP price figures quoted in the research notes (``catalog-src/gcp/
secondary_quotes.csv``): compared with the catalog's prices, never used as them."""

from __future__ import annotations

from pulumi_aihw.catalog.sources.base import SourceFiles, SourceResult, secondary_figures

FILE = "gcp/secondary_quotes.csv"


def read(files: SourceFiles) -> SourceResult:
    return secondary_figures(files, FILE, "gcp", "gcp-secondary", "machine_type")
