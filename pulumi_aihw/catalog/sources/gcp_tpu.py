"""Cloud TPU slices: every slice size users order (``tpu.py``) of TPU v4, v5e, v5p and
v6e in every region SkyPilot's GCP catalog prices (``catalog-src/gcp/skypilot_tpu_*``),
priced linearly per chip (Google prices TPUs per chip-hour).

SkyPilot's ``700.0`` is a placeholder, not a price: the region keeps its rows with the
price unknown. No source here prices TPU7x (Ironwood) or TPU CUDs.
"""

from __future__ import annotations

import datetime as dt

from pulumi_aihw.catalog.sources.base import (
    PriceKind,
    PricePoint,
    Shape,
    SourceFiles,
    SourceResult,
    number,
)
from pulumi_aihw.catalog.tpu import parse_slice_name

FILE = "gcp/skypilot_tpu_and_attached_gpu_rows_excerpt.csv"
LABEL = "SkyPilot catalog v8 gcp/vms.csv @006059e0 (TPU)"
AS_OF = dt.date(2026, 8, 31)
SENTINEL = 700.0
ACCELERATOR_NAMES = {
    "tpu-v4": "Google TPU v4",
    "tpu-v5e": "Google TPU v5e",
    "tpu-v5p": "Google TPU v5p",
    "tpu-v6e": "Google TPU v6e (Trillium)",
}


def read(files: SourceFiles) -> SourceResult:
    out = SourceResult("gcp-tpu")
    out.labels[LABEL] = (
        f"skypilot-org/skypilot-catalog@006059e0:catalogs/v8/gcp/vms.csv TPU rows ({FILE}); "
        "per chip = slice price / chips in the slice (DERIVED)"
    )
    shaped: set[str] = set()
    for row in files.rows(FILE):
        parsed = parse_slice_name(row["accelerator_name"].removeprefix("tpu-"))
        if parsed is None:
            continue
        gen, chips_in_row = parsed
        acc = ACCELERATOR_NAMES[gen.accelerator_id]
        region = row["region"]
        per_chip: dict[PriceKind, float | None] = {}
        for kind, col in ((PriceKind.ON_DEMAND, "price_usd_per_hour"),
                          (PriceKind.SPOT, "spot_usd_per_hour")):  # fmt: skip
            value = number(row[col])
            if value == SENTINEL:
                out.dropped.append(
                    f"gcp {row['accelerator_name']} {region} {kind}: 700.0 is a placeholder"
                )
                value = None
            per_chip[kind] = value / chips_in_row if value else None
        for chips in gen.slice_chips:
            name = gen.slice_name(chips)
            if name not in shaped:
                shaped.add(name)
                out.shapes.append(
                    Shape(
                        provider="gcp", offering=name, accelerator=acc,
                        accelerators_per_unit=float(chips), vcpus=None, memory_gib=None,
                        source=LABEL, unit_kind="slice", hosts_per_unit=gen.hosts(chips),
                        multi_node=True,
                    )
                )  # fmt: skip
            out.offered.setdefault(("gcp", name), set()).add(region)
            for kind, price in per_chip.items():
                out.prices.append(
                    PricePoint(
                        "gcp", name, region, kind,
                        round(price * chips, 6) if price else None, LABEL, AS_OF,
                        note="" if price else "placeholder price in the source",
                    )
                )  # fmt: skip
    return out
