"""The packaged, dated and sourced hardware catalog."""

from pulumi_aihw.catalog.catalog import Catalog, normalize_name
from pulumi_aihw.catalog.load import CATALOG_ENV, dump_catalog, load_catalog, parse_catalog
from pulumi_aihw.catalog.models import Accelerator, CatalogDocument, Offering

__all__ = [
    "CATALOG_ENV",
    "Accelerator",
    "Catalog",
    "CatalogDocument",
    "Offering",
    "dump_catalog",
    "load_catalog",
    "normalize_name",
    "parse_catalog",
]
