"""Rebuild the packaged catalog from catalog-src/.

    python tools/build_catalog.py            # write pulumi_aihw/catalog/data/catalog.json
    python tools/build_catalog.py --check    # exit 1 if the packaged file is out of date

catalog-src/ holds verbatim copies of the research data (accelerators.csv,
offerings.csv and the raw rows they were read from), plus our own
extra_offerings.csv (further rows read from the same raw files) and
adjustments.csv (prices made unknown or flagged, each with its reason).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pulumi_aihw.catalog.build import build_accelerators, build_catalog  # noqa: E402
from pulumi_aihw.catalog.build_azure import AZURE_ACCELERATOR_META, build_azure  # noqa: E402
from pulumi_aihw.catalog.load import dump_catalog, packaged_catalog_path  # noqa: E402
from pulumi_aihw.catalog.models import Accelerator, Offering  # noqa: E402

SRC = ROOT / "catalog-src"
AZURE = SRC / "azure"


def azure_offerings(accelerators: list[Accelerator]) -> list[Offering]:
    return build_azure(
        (AZURE / "vm_sizes.csv").read_text(),
        (AZURE / "azure_retail_prices_gpu_vms_eu_2026-08-22.json").read_text(),
        (AZURE / "skypilot_fork_azure_vms_gpu_rows_excerpt.csv").read_text(),
        (AZURE / "secondary_prices.csv").read_text(),
        accelerators,
    )


def build_text() -> tuple[str, list[str]]:
    doc, report = build_catalog(
        (SRC / "accelerators.csv").read_text(),
        [(SRC / "offerings.csv").read_text(), (SRC / "extra_offerings.csv").read_text()],
        (SRC / "adjustments.csv").read_text(),
        built_from="catalog-src/ (tools/build_catalog.py)",
        instance_facts_csv=(SRC / "instance_facts.csv").read_text(),
        extra_accelerators=build_accelerators(
            (AZURE / "accelerators.csv").read_text(), AZURE_ACCELERATOR_META
        ),
        extra_offerings=azure_offerings,
    )
    return dump_catalog(doc), report.dropped + report.rejected_values


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
