"""Azure prices in eight US regions from a SkyPilot catalog fork
(``catalog-src/azure/skypilot_fork_azure_vms_gpu_rows_excerpt.csv``): pay-as-you-go and
Spot. Upstream SkyPilot has no Azure catalog in v7/v8; this fork's commit date is not
visible and its rows predate ND H200 v5 and ND MI300X v5, so every price it gives is
dated 2024-12-31 **as an estimate** and its rows say so. Its hardware columns are not
read (``azure/vm_sizes.csv`` owns them: its ND H100 v5 row says 12 GPUs, the VM has 8).
"""

from __future__ import annotations

import datetime as dt

from pulumi_aihw.catalog.sources.azure_retail import spot_or_reason
from pulumi_aihw.catalog.sources.azure_vm_sizes import read_sizes
from pulumi_aihw.catalog.sources.base import (
    PriceKind,
    PricePoint,
    SourceFiles,
    SourceResult,
    number,
)

FILE = "azure/skypilot_fork_azure_vms_gpu_rows_excerpt.csv"
LABEL = "SkyPilot catalog fork azure/vms.csv @20291d7e (US, undated)"
AS_OF = dt.date(2024, 12, 31)
UNDATED = (
    "source undated (SkyPilot fork without ND H200 v5 or MI300X v5 rows, so about "
    "2024-2025): as_of 2024-12-31 is an estimate"
)


def read(files: SourceFiles) -> SourceResult:
    out = SourceResult("azure-skypilot-fork")
    out.labels[LABEL] = (
        "coopslarhette/skypilot-catalog@20291d7eda23e6f420cd9586558cf0bc4051851c:"
        f"catalogs/v8/azure/vms.csv (US regions) as {FILE}; commit date not visible, so "
        "dated 2024-12-31 as an estimate; hardware columns not read"
    )
    sizes = read_sizes(files)
    out.shapes = [s.shape() for s in sizes.values()]
    for row in files.rows(FILE):
        size, region = row["InstanceType"], row["Region"]
        if size not in sizes:
            continue
        od = number(row["Price"])
        spot, why = spot_or_reason(od, number(row["SpotPrice"]))
        note = "; ".join(n for n in (UNDATED, why) if n)
        out.prices.append(
            PricePoint("azure", size, region, PriceKind.ON_DEMAND, od, LABEL, AS_OF, note=note)
        )
        if spot is not None:
            out.prices.append(
                PricePoint("azure", size, region, PriceKind.SPOT, spot, LABEL, AS_OF, note=UNDATED)
            )
    return out
