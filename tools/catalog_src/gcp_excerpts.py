"""Derive the GCP excerpts in catalog-src/gcp/ from Cyclenerd's files (run by hand when
the shared research snapshot changes; the build never reads the shared folder).

    python tools/catalog_src/gcp_excerpts.py SHARED_GCP_DIR

Writes (each DERIVED, values copied unchanged):
- ``cyclenerd_n1_hosts.csv``: N1 host prices (the VM without GPUs) per region, from
  ``cyclenerd_pricing.yml`` (hour, hour_spot, month_1y, month_3y);
- ``cyclenerd_machinetyperegion_accelerator_excerpt.csv``: the rows of
  ``tools/machinetyperegion.csv`` for accelerator machine types and N1 standard types.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import yaml

OUT = Path(__file__).resolve().parents[2] / "catalog-src" / "gcp"
ACCELERATOR_PREFIXES = ("a2-", "a3-", "a4-", "a4x-", "g2-", "g4-", "ct", "tpu7x", "n1-standard-")
N1_TYPES = tuple(f"n1-standard-{n}" for n in (1, 2, 4, 8, 16, 32, 64, 96))


def n1_hosts(pricing_yml: Path) -> list[list[str]]:
    doc = yaml.load(pricing_yml.read_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    generated = str(doc["about"]["generated"])
    rows = []
    for name in N1_TYPES:
        entry = doc["compute"]["instance"][name]
        for region, cost in sorted(entry["cost"].items()):
            rows.append(
                [
                    name,
                    str(entry.get("cpu", "")),
                    str(entry.get("ram", "")),
                    region,
                    *(str(cost.get(k, "")) for k in ("hour", "hour_spot", "month_1y", "month_3y")),
                    generated,
                ]
            )
    return rows


def main() -> int:
    src = Path(sys.argv[1])
    rows = n1_hosts(src / "cyclenerd_pricing.yml")
    with (OUT / "cyclenerd_n1_hosts.csv").open("w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(
            ["machine_type", "vcpus", "ram_gb", "region", "hour_usd", "hour_spot_usd",
             "month_1y_cud_usd", "month_3y_cud_usd", "generated"]
        )  # fmt: skip
        w.writerows(rows)
    lines = (src / "cyclenerd_tools_machinetyperegion.csv").read_text().splitlines()
    keep = [lines[0]] + [ln for ln in lines[1:] if ln.startswith(ACCELERATOR_PREFIXES)]
    (OUT / "cyclenerd_machinetyperegion_accelerator_excerpt.csv").write_text("\n".join(keep) + "\n")
    print(f"n1 host rows: {len(rows)}; machinetyperegion rows kept: {len(keep) - 1}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
