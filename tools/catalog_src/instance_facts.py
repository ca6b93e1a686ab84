"""Generate ``catalog-src/instance_facts.csv`` (multi-node, EFA cards, Capacity Block
support per cloud instance type: the one owner of those facts) for every cloud instance
shape the registered price sources describe.

    python tools/catalog_src/instance_facts.py            # rewrite the file
    python tools/catalog_src/instance_facts.py --check

AWS: EFA cards and Capacity Block support from ``aws_instance_facts.csv`` (EC2
DescribeInstanceTypes as bundled by moto); multi-node: the EFA-capable training
families with 8 or more accelerators. GCP: multi-node for the GPUDirect-capable series
(a2-ultragpu, a2-megagpu, a3, a4) with 8 or more GPUs (docs/gcp.md). Azure: multi-node
for the sizes with InfiniBand (``azure/vm_sizes.csv``, from Microsoft's size pages: VMs of
one scale set share the InfiniBand fabric); no EFA, no Capacity Blocks.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pulumi_aihw.catalog.sources import aws_instances, gcp_machines  # noqa: E402
from pulumi_aihw.catalog.sources.azure_vm_sizes import read_sizes  # noqa: E402
from pulumi_aihw.catalog.sources.base import SourceFiles  # noqa: E402

OUT = ROOT / "catalog-src" / "instance_facts.csv"
GCP_SOURCE = (
    "GPUDirect-capable machine series (a2-ultragpu, a2-megagpu, a3, a4) with 8 or more "
    "GPUs: docs/gcp.md"
)


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _azure_source(infiniband: str) -> str:
    fabric = (
        f"InfiniBand {infiniband} between the VMs of one scale set"
        if infiniband
        else "no InfiniBand"
    )
    return f"{fabric} (azure/vm_sizes.csv: Microsoft's size page); no EFA; no Capacity Blocks"


def render() -> str:
    files = SourceFiles(ROOT / "catalog-src")
    facts = {r["instance_type"]: r for r in files.rows(aws_instances.FACTS)}
    rows = []
    for shape in aws_instances.read(files).shapes:
        f = facts[shape.offering]
        known = f["efa_cards"] != ""
        source = (
            f"EC2 DescribeInstanceTypes (NetworkInfo.NetworkCards, SupportedUsageClasses) as "
            f"bundled by {f['source'].split(' Describe')[0]}"
            if known
            else f"{f['source']}: no EFA layout recorded"
        )
        rows.append(
            ["aws", shape.offering, _bool(shape.multi_node), f["efa_first_card"] or "0",
             f["efa_cards"] or "0", _bool(f["capacity_blocks"] == "yes"), source]
        )  # fmt: skip
    for shape in gcp_machines.read(files).shapes:
        rows.append(["gcp", shape.offering, _bool(shape.multi_node), "0", "0", "false", GCP_SOURCE])
    for size in read_sizes(files).values():
        rows.append(["azure", size.size, _bool(bool(size.infiniband)), "0", "0", "false",
                     _azure_source(size.infiniband)])  # fmt: skip
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["provider", "offering", "multi_node", "efa_first_card", "efa_cards",
                "capacity_blocks", "source"])  # fmt: skip
    w.writerows(sorted(rows))
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    text = render()
    if args.check:
        if OUT.read_text() != text:
            print(f"{OUT} is out of date: run python tools/catalog_src/instance_facts.py")
            return 1
        return 0
    OUT.write_text(text)
    print(f"wrote {OUT.name} ({text.count(chr(10)) - 1} instance types)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
