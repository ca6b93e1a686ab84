"""N1 VMs with attached GPUs, priced as a sum the build keeps part by part: the N1 host
from the Billing Catalog (Cyclenerd) plus the GPUs — T4 from Google's pricing pages
(CoCalc), V100 from SkyPilot's V100 x4 rows divided by 4. No source here prices P4 or
P100; L4 attaches only to G2 machine types. No CUD prices for attached GPUs are sourced.
"""

from __future__ import annotations

import datetime as dt

from pulumi_aihw.catalog.sources import gcp_cocalc
from pulumi_aihw.catalog.sources.base import (
    PriceKind,
    PricePoint,
    SourceFiles,
    SourceResult,
    number,
)
from pulumi_aihw.catalog.sources.gcp_machines import N1_PAIRINGS, n1_offering

HOSTS = "gcp/cyclenerd_n1_hosts.csv"
SKYPILOT = "gcp/skypilot_tpu_and_attached_gpu_rows_excerpt.csv"
HOST_LABEL = "Google Cloud Billing Catalog via Cyclenerd 2026-07-30 (N1 host)"
HOST_AS_OF = dt.date(2026, 7, 30)
V100_LABEL = "SkyPilot catalog v8 gcp/vms.csv @006059e0 (V100 x4 / 4)"
V100_AS_OF = dt.date(2026, 8, 31)

GpuPrices = dict[str, tuple[float | None, float | None]]


def _t4(files: SourceFiles) -> GpuPrices:
    return {
        r["region"]: (number(r["usd_per_hour"]), number(r["spot_usd_per_hour"]))
        for r in files.rows(gcp_cocalc.FILE)
        if r["kind"] == "gpu" and r["name"] == "nvidia-tesla-t4"
    }


def _v100(files: SourceFiles) -> GpuPrices:
    out: GpuPrices = {}
    for r in files.rows(SKYPILOT):
        if r["accelerator_name"] == "V100":
            n = float(r["accelerator_count"])
            od, spot = number(r["price_usd_per_hour"]), number(r["spot_usd_per_hour"])
            out[r["region"]] = (od / n if od else None, spot / n if spot else None)
    return out


def read(files: SourceFiles) -> SourceResult:
    out = SourceResult("gcp-n1-attached")
    out.labels[HOST_LABEL] = f"N1 host prices from Cyclenerd pricing.yml @fd66b26f ({HOSTS})"
    out.labels[V100_LABEL] = f"skypilot-org/skypilot-catalog@006059e0 V100 rows ({SKYPILOT})"
    hosts = {(r["machine_type"], r["region"]): r for r in files.rows(HOSTS)}
    gpus = {
        "nvidia-tesla-t4": (_t4(files), gcp_cocalc.LABEL, gcp_cocalc.AS_OF),
        "nvidia-tesla-v100": (_v100(files), V100_LABEL, V100_AS_OF),
    }
    for gpu_type, (_, pairings) in N1_PAIRINGS.items():
        prices, gpu_label, gpu_as_of = gpus[gpu_type]
        for machine, count in pairings:
            name = n1_offering(machine, gpu_type, count)
            for (host_type, region), host in sorted(hosts.items()):
                if host_type != machine or region not in prices:
                    continue
                for i, (kind, col) in enumerate(
                    ((PriceKind.ON_DEMAND, "hour_usd"), (PriceKind.SPOT, "hour_spot_usd"))
                ):
                    h, g = number(host[col]), prices[region][i]
                    if h is None or g is None:
                        continue
                    parts = (
                        (f"{machine} host", h, HOST_LABEL),
                        (f"{count} x {gpu_type}", round(g * count, 6), gpu_label),
                    )
                    total = round(h + g * count, 6)
                    out.prices.append(
                        PricePoint(
                            "gcp", name, region, kind, total, f"{HOST_LABEL} + {gpu_label}",
                            min(HOST_AS_OF, gpu_as_of), parts,
                        )
                    )  # fmt: skip
    return out
