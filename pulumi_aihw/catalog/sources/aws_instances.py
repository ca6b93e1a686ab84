"""AWS hardware facts: every accelerator instance type EC2's own data describes, and the
regions that offer it (``catalog-src/aws_instance_facts.csv`` and
``aws_instance_regions.csv``, generated from moto's copy of ``DescribeInstanceTypes`` /
``DescribeInstanceTypeOfferings``). No prices.

Types whose accelerator the catalog has no record for (Arm hosts with T4G, AMD Radeon
Pro V520, Qualcomm AI 100, FPGAs, video transcoders, GPUs older than Volta) are
recognised in ``aws_instance_facts.csv`` for the policy rules but not planned: the
build lists each in ``dropped`` with the reason.
"""

from __future__ import annotations

from pulumi_aihw.catalog.sources.base import Shape, SourceFiles, SourceResult, number

FACTS = "aws_instance_facts.csv"
REGIONS = "aws_instance_regions.csv"

# (EC2 accelerator name, accelerator memory MiB or None for any) -> accelerators.csv name
ACCELERATOR_NAMES: dict[tuple[str, int | None], str] = {
    ("H100", None): "NVIDIA H100 SXM",
    ("H200", None): "NVIDIA H200",
    ("B200", None): "NVIDIA B200",
    ("B300", None): "NVIDIA B300",
    ("A100", 40960): "NVIDIA A100 40GB",
    ("A100", 81920): "NVIDIA A100 80GB",
    ("L40S", None): "NVIDIA L40S",
    ("L4", None): "NVIDIA L4",
    ("A10G", None): "NVIDIA A10G",
    ("T4", None): "NVIDIA T4",
    ("V100", 16384): "NVIDIA V100 SXM2 16GB",
    ("V100", 32768): "NVIDIA V100 SXM2 32GB",
    ("NVIDIA V100", None): "NVIDIA V100 SXM2 16GB",
    ("RTX PRO Server 6000", None): "NVIDIA RTX PRO 6000 Blackwell Server",
    ("NVIDIA GB200 Grace Blackwell", None): "NVIDIA GB200",
    ("Inferentia", None): "AWS Inferentia",
    ("Inferentia2", None): "AWS Inferentia2",
    ("Trainium", None): "AWS Trainium",
    ("Trainium2", None): "AWS Trainium2",
    ("Gaudi HL-205", None): "Intel Gaudi (HL-205)",
}

NOT_PLANNED: dict[str, str] = {
    "T4g": "Arm (Graviton) host: the AWS target builds x86_64 images",
    "AMD Radeon Pro V520": "graphics GPU with no ML framework support in pulumi-aihw",
    "Qualcomm AI100": "no accelerator family for Qualcomm Cloud AI 100 in pulumi-aihw",
    "RTX PRO 4500": "no price in any source here",
}

# EFA-capable families whose full-size instances can span nodes for one job.
MULTI_NODE_PREFIXES = (
    "p4d.", "p4de.", "p5.", "p5e.", "p5en.", "p6-b200.", "p6-b300.",
    "trn1.", "trn1n.", "trn2.", "dl1.",
)  # fmt: skip
MULTI_NODE_MIN_ACCELERATORS = 8


def accelerator_name(row: dict[str, str]) -> str | None:
    name = row["accelerator_name"]
    mem = int(row["accelerator_memory_mib"]) if row["accelerator_memory_mib"] else None
    return ACCELERATOR_NAMES.get((name, mem)) or ACCELERATOR_NAMES.get((name, None))


def read(files: SourceFiles) -> SourceResult:
    out = SourceResult("aws-instances")
    for row in files.rows(FACTS):
        name = row["instance_type"]
        count = number(row["accelerator_count"])
        acc = accelerator_name(row)
        why = NOT_PLANNED.get(row["accelerator_name"])
        if acc is None or not count:
            if row["accelerator_kind"] in ("gpu", "neuron", "gaudi", "inference"):
                reason = why or (
                    f"accelerator '{row['accelerator_name']}' count '{row['accelerator_count']}' "
                    "not in the catalog (previous generation or unknown count)"
                )
                out.dropped.append(f"aws {name}: recognised, not planned: {reason}")
                out.recognised.add(("aws", name))
            continue
        mem_mib = number(row["memory_mib"])
        out.shapes.append(
            Shape(
                provider="aws",
                offering=name,
                accelerator=acc,
                accelerators_per_unit=count,
                vcpus=number(row["vcpus"]),
                memory_gib=round(mem_mib / 1024, 2) if mem_mib else None,
                source=row["source"],
                multi_node=name.startswith(MULTI_NODE_PREFIXES)
                and count >= MULTI_NODE_MIN_ACCELERATORS,
            )
        )
    for row in files.rows(REGIONS):
        out.offered.setdefault(("aws", row["instance_type"]), set()).add(row["region"])
    out.labels["moto"] = (
        "EC2 DescribeInstanceTypes / DescribeInstanceTypeOfferings as bundled by moto "
        "(catalog-src/aws_instance_facts.csv, aws_instance_regions.csv)"
    )
    return out
