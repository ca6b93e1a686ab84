"""Generate ``catalog-src/aws_instance_facts.csv`` and ``catalog-src/aws_instance_regions.csv``
from the EC2 ``DescribeInstanceTypes`` / ``DescribeInstanceTypeOfferings`` data that moto
bundles (``moto/ec2/resources/``), plus the accelerator types moto does not know but the
price source lists (older generations), so every accelerator type is at least recognised.

    python tools/catalog_src/aws_instance_facts.py        # rewrite both files
    python tools/catalog_src/aws_instance_facts.py --check

An accelerator type is one with ``GpuInfo``, ``NeuronInfo``, ``InferenceAcceleratorInfo``,
``FpgaInfo`` or ``MediaAcceleratorInfo``. EFA cards are the network cards whose
``InterfaceTypes`` include ``efa``; Capacity Block support is ``capacity-block`` in
``SupportedUsageClasses``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import moto

ROOT = Path(__file__).resolve().parents[2]
FACTS = ROOT / "catalog-src" / "aws_instance_facts.csv"
REGIONS = ROOT / "catalog-src" / "aws_instance_regions.csv"
PRICES = ROOT / "catalog-src" / "aws" / "vantage_via_tsaol_gpu_instances_2026-01-21.csv"
RESOURCES = Path(moto.__file__).parent / "ec2" / "resources"

COLUMNS = [
    "instance_type", "accelerator_kind", "accelerator_manufacturer", "accelerator_name",
    "accelerator_count", "accelerator_memory_mib", "gpu_partition_size", "vcpus", "memory_mib",
    "efa_cards", "efa_first_card", "capacity_blocks", "current_generation", "bare_metal",
    "source",
]  # fmt: skip


def _load(path: Path) -> Any:
    with gzip.open(path) as f:
        return json.load(f)


def _accelerator(t: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    for kind, key, items in (
        ("gpu", "GpuInfo", "Gpus"),
        ("neuron", "NeuronInfo", "NeuronDevices"),
        ("inference", "InferenceAcceleratorInfo", "Accelerators"),
        ("fpga", "FpgaInfo", "Fpgas"),
        ("media", "MediaAcceleratorInfo", "Accelerators"),
    ):
        if key in t:
            return kind, t[key][items][0]
    return None


def _yes(value: object) -> str:
    return "yes" if value else "no"


def _efa(t: dict[str, Any]) -> tuple[int, int]:
    cards = t["NetworkInfo"].get("NetworkCards", [])
    efa = [c["NetworkCardIndex"] for c in cards if "efa" in c.get("InterfaceTypes", [])]
    if not efa:
        return 0, 0
    if efa != list(range(efa[0], efa[0] + len(efa))):
        raise SystemExit(f"{t['InstanceType']}: EFA cards are not consecutive: {efa}")
    return len(efa), efa[0]


def moto_rows(version: str) -> list[dict[str, object]]:
    rows = []
    for name, t in sorted(_load(RESOURCES / "instance_types.json.gz").items()):
        acc = _accelerator(t)
        if acc is None:
            continue
        kind, a = acc
        cards, first = _efa(t)
        count = a.get("Count", 0)
        partition = a.get("GpuPartitionSize")
        rows.append(
            {
                "instance_type": name,
                "accelerator_kind": kind,
                "accelerator_manufacturer": a.get("Manufacturer", "AWS" * (kind == "neuron")),
                "accelerator_name": a.get("Name", ""),
                "accelerator_count": partition if count == 0 and partition else count,
                "accelerator_memory_mib": a.get("MemoryInfo", {}).get("SizeInMiB", ""),
                "gpu_partition_size": partition if partition not in (None, 1.0) else "",
                "vcpus": t["VCpuInfo"]["DefaultVCpus"],
                "memory_mib": t["MemoryInfo"]["SizeInMiB"],
                "efa_cards": cards,
                "efa_first_card": first,
                "capacity_blocks": _yes("capacity-block" in t["SupportedUsageClasses"]),
                "current_generation": "yes" if t.get("CurrentGeneration") else "no",
                "bare_metal": "yes" if t.get("BareMetal") else "no",
                "source": f"moto {version} DescribeInstanceTypes",
            }
        )
    return rows


# Accelerator types neither moto's accelerator data nor the price source describes.
OTHER_TYPES: dict[str, dict[str, object]] = {
    "dl1.24xlarge": {
        "accelerator_kind": "gaudi",
        "accelerator_manufacturer": "Habana",
        "accelerator_name": "Gaudi HL-205",
        "accelerator_count": 8,
        "accelerator_memory_mib": 32768,
        "vcpus": 96,
        "memory_mib": 786432,
        "current_generation": "yes",
        "source": "skypilot-org/skypilot-catalog@00148f2a catalogs/v8/aws/vms.csv "
        "(catalog-src/aws_rows_raw.txt); not in moto's DescribeInstanceTypes; EFA unknown",
    },
    "trn2u.48xlarge": {
        "accelerator_kind": "neuron",
        "accelerator_manufacturer": "AWS",
        "accelerator_name": "Trainium2",
        "accelerator_count": "",
        "vcpus": 192,
        "memory_mib": 2097152,
        "capacity_blocks": "yes",
        "current_generation": "yes",
        "source": "moto DescribeInstanceTypes lists trn2u.48xlarge without NeuronInfo: "
        "accelerator count unknown (Trn2 UltraServer node)",
    },
}


def other_rows(known: set[str]) -> list[dict[str, object]]:
    out = []
    for name, facts in OTHER_TYPES.items():
        if name not in known:
            out.append({c: "" for c in COLUMNS} | {"instance_type": name} | facts)
    return out


def price_source_rows(known: set[str]) -> list[dict[str, object]]:
    """Accelerator types the price source lists and moto does not: recognised, EFA unknown."""
    seen: dict[str, dict[str, str]] = {}
    with PRICES.open() as f:
        for row in csv.DictReader(f):
            if row["instance_type"] not in known:
                seen.setdefault(row["instance_type"], row)
    out = []
    for name, row in sorted(seen.items()):
        mem_gb = row["memory"].split()[0] if row["memory"] else ""
        out.append(
            {
                "instance_type": name,
                "accelerator_kind": "gpu" if "GPU" in row["family"] else "neuron",
                "accelerator_manufacturer": "",
                "accelerator_name": row["accelerator"],
                "accelerator_count": row["accelerator_count"],
                "accelerator_memory_mib": "",
                "gpu_partition_size": "",
                "vcpus": row["vcpu"],
                "memory_mib": round(float(mem_gb) * 1024) if mem_gb else "",
                "efa_cards": "",
                "efa_first_card": "",
                "capacity_blocks": "",
                "current_generation": "yes" if row["generation"] == "current" else "no",
                "bare_metal": "",
                "source": f"{PRICES.name} (not in moto's DescribeInstanceTypes; EFA unknown)",
            }
        )
    return out


def region_rows(types: set[str]) -> list[tuple[str, str]]:
    out = set()
    for path in sorted((RESOURCES / "instance_type_offerings" / "region").glob("*.json.gz")):
        for item in _load(path):
            if item["InstanceType"] in types:
                out.add((item["InstanceType"], item["Location"]))
    return sorted(out)


def render() -> tuple[str, str]:
    version = metadata.version("moto")
    rows = moto_rows(version)
    rows += price_source_rows({str(r["instance_type"]) for r in rows})
    rows += other_rows({str(r["instance_type"]) for r in rows})
    facts = io.StringIO()
    w = csv.DictWriter(facts, COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(sorted(rows, key=lambda r: str(r["instance_type"])))
    regions = io.StringIO()
    rw = csv.writer(regions, lineterminator="\n")
    rw.writerow(["instance_type", "region", "source"])
    for name, region in region_rows({str(r["instance_type"]) for r in rows}):
        rw.writerow([name, region, f"moto {version} DescribeInstanceTypeOfferings (region)"])
    return facts.getvalue(), regions.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    facts, regions = render()
    if args.check:
        stale = [p for p, t in ((FACTS, facts), (REGIONS, regions)) if p.read_text() != t]
        for p in stale:
            print(f"{p} is out of date: run python {Path(__file__).relative_to(ROOT)}")
        return 1 if stale else 0
    FACTS.write_text(facts)
    REGIONS.write_text(regions)
    print(f"wrote {FACTS.name} ({facts.count(chr(10)) - 1} types), {REGIONS.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
