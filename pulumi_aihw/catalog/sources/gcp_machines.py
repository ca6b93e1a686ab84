"""GCP hardware facts: GPU machine types (their GPUs, vCPUs, memory) and the regions
that offer them (Cyclenerd's ``machinetypes.csv`` / ``machinetyperegion.csv`` and the
GPU columns of its price file). No prices.

N1 VMs take attached GPUs; the catalog lists the usual pairings (one, two, four or eight
GPUs on an N1 standard type) as ``n1-standard-8+1xnvidia-tesla-t4``, offered where both
the machine type and the GPU type are.
"""

from __future__ import annotations

from pulumi_aihw.catalog.sources.base import Shape, SourceFiles, SourceResult, number

FLAT = "gcp/cyclenerd_gpu_vms_flat.csv"
MACHINE_TYPES = "gcp/cyclenerd_tools_machinetypes.csv"
MACHINE_REGIONS = "gcp/cyclenerd_machinetyperegion_accelerator_excerpt.csv"
GPU_REGIONS = "gcp/cyclenerd_tools_acceleratortyperegion.csv"

# Cyclenerd's GPU column -> accelerators.csv name
GPU_NAMES = {
    "a100": "NVIDIA A100 40GB",
    "a100-80gb": "NVIDIA A100 80GB",
    "h100-80gb": "NVIDIA H100 SXM",
    "h100-80gb-mega": "NVIDIA H100 SXM",
    "l4": "NVIDIA L4",
    "rtx6000": "NVIDIA RTX PRO 6000 Blackwell Server",
}

# Machine types with GPUs that are not in the price file: GPUs as their names say
# (Google names GPU machine types by GPU count: ``-8g``); vCPU and memory from
# machinetypes.csv.
UNPRICED_TYPES = {
    "a3-ultragpu-8g": ("NVIDIA H200", 8.0),
    "a4-highgpu-8g": ("NVIDIA B200", 8.0),
    "a4x-highgpu-4g": ("NVIDIA GB200", 4.0),
}

# Attached GPUs: GPU type -> (catalog name, [(n1 type, GPUs)])
N1_PAIRINGS = {
    "nvidia-tesla-t4": (
        "NVIDIA T4",
        [("n1-standard-4", 1), ("n1-standard-8", 1), ("n1-standard-16", 2), ("n1-standard-32", 4)],
    ),
    "nvidia-tesla-v100": (
        "NVIDIA V100 SXM2 16GB",
        [("n1-standard-8", 1), ("n1-standard-16", 2), ("n1-standard-32", 4), ("n1-standard-64", 8)],
    ),
}

MULTI_NODE_PREFIXES = ("a3-", "a4-", "a4x-", "a2-ultragpu-", "a2-megagpu-")
LABEL = "Cyclenerd machine types 2026-08-17"


def n1_offering(machine: str, gpu_type: str, count: int) -> str:
    return f"{machine}+{count}x{gpu_type}"


def _shape(name: str, acc: str, count: float, vcpus: float | None, mem: float | None) -> Shape:
    return Shape(
        provider="gcp",
        offering=name,
        accelerator=acc,
        accelerators_per_unit=count,
        vcpus=vcpus,
        memory_gib=mem,
        source=LABEL,
        multi_node=name.startswith(MULTI_NODE_PREFIXES) and count >= 8,
    )


def read(files: SourceFiles) -> SourceResult:
    out = SourceResult("gcp-machines")
    out.labels[LABEL] = (
        "Cyclenerd/google-cloud-pricing-cost-calculator@dac31281:tools/machinetypes.csv, "
        "machinetyperegion.csv (2026-08-17), acceleratortyperegion.csv (2026-08-10)"
    )
    seen: set[str] = set()
    for row in files.rows(FLAT):
        name = row["machine_type"]
        if name in seen:
            continue
        seen.add(name)
        acc = GPU_NAMES.get(row["accelerator"])
        if acc is None:
            out.dropped.append(f"gcp {name}: unknown GPU '{row['accelerator']}'")
            continue
        count = float(row["accelerator_count"])
        out.shapes.append(_shape(name, acc, count, number(row["vcpus"]), number(row["ram_gb"])))
    types = {r["NAME"]: r for r in files.rows(MACHINE_TYPES, delimiter=";")}
    for name, (acc, count) in UNPRICED_TYPES.items():
        t = types[name]
        out.shapes.append(_shape(name, acc, count, number(t["CPUS"]), number(t["MEMORY_GB"])))
    for row in files.rows(MACHINE_REGIONS, delimiter=";"):
        out.offered.setdefault(("gcp", row["NAME"]), set()).add(row["ZONE"])
    gpu_regions: dict[str, set[str]] = {}
    for row in files.rows(GPU_REGIONS, delimiter=";"):
        gpu_regions.setdefault(row["NAME"], set()).add(row["ZONE"])
    for gpu_type, (acc, pairings) in N1_PAIRINGS.items():
        for machine, count in pairings:
            t = types[machine]
            name = n1_offering(machine, gpu_type, count)
            out.shapes.append(
                _shape(name, acc, float(count), number(t["CPUS"]), number(t["MEMORY_GB"]))
            )
            host = out.offered.get(("gcp", machine), set())
            out.offered[("gcp", name)] = host & gpu_regions.get(gpu_type, set())
    return out
