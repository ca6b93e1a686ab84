"""Rebuild the packaged catalog from catalog-src/.

    python tools/build_catalog.py            # write pulumi_aihw/catalog/data/catalog.json
    python tools/build_catalog.py --check    # exit 1 if the packaged file is out of date

Reads only catalog-src/ (provenance of every file: catalog-src/SOURCES.md): one module
per price source in pulumi_aihw/catalog/sources/ (registry PRICE_SOURCES), joined per
offering and region by pulumi_aihw/catalog/assemble.py with cross-checks and flags;
accelerators and their power, rented servers and reviewed flags by
pulumi_aihw/catalog/build_sources.py. Prints what the sources' rules left out.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pulumi_aihw.catalog.build_sources import build_from_files  # noqa: E402
from pulumi_aihw.catalog.load import dump_catalog, packaged_catalog_path  # noqa: E402
from pulumi_aihw.catalog.models import CatalogDocument  # noqa: E402
from pulumi_aihw.catalog.performance import apply_performance  # noqa: E402
from pulumi_aihw.catalog.sources.base import SourceFiles  # noqa: E402

SRC = ROOT / "catalog-src"


def build_text(efficiency: bool = True) -> tuple[str, list[str]]:
    """The catalog JSON and the build's notes; ``efficiency=False`` leaves the fitted
    factors out (tools/fit_efficiency.py fits them on a catalog without them)."""
    doc, report = build_from_files(
        SourceFiles(SRC), built_from="catalog-src/ (tools/build_catalog.py)"
    )
    doc, skipped = with_performance(doc, efficiency)
    return dump_catalog(doc), report.dropped + report.rejected_values + skipped


def with_performance(
    doc: CatalogDocument, efficiency: bool = True
) -> tuple[CatalogDocument, list[str]]:
    """Low-precision peaks, link classes and the fitted efficiency factors (issue #13)."""
    factors = SRC / "efficiency_factors.json"
    return apply_performance(
        doc,
        (SRC / "accelerator_performance.csv").read_text(),
        factors.read_text() if efficiency and factors.exists() else None,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the packaged file differs")
    args = parser.parse_args()
    text, notes = build_text()
    target = packaged_catalog_path()
    if args.check:
        if target.read_text() != text:
            print(f"{target} is out of date: run python tools/build_catalog.py", file=sys.stderr)
            return 1
        print(f"{target} is up to date")
        return 0
    target.write_text(text)
    print(f"wrote {target}")
    for note in notes:
        print(f"  rejected: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
