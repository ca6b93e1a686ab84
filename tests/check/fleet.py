"""A repository's worth of stack previews built by hand: ``fleet(n)`` gives ``n`` workloads
over stacks of three, a mix of what teams deploy (a training run with its budget, a
service with its budget, hand-written GPU, Inferentia, TPU and unknown instances), with
the same resource names in every stack (labels must stay unique: ``stack/name``), a TPU v4
whose power is a measured figure, and an instance whose type is unknown until deployed."""

from __future__ import annotations

import functools
from typing import Any

from pulumi_aihw.contracts import UNKNOWN, WORKLOAD_TYPE, ResourceRecord, StackPreview

from ..conftest import TRAINING, workload_props

CONFIG = {"aihw-cost-over-budget": {"maxUsdPerMonth": 20000}}
"""Makes the p5 instances (``batch``) blocking: over a $20,000/month budget."""
STACK = "pulumi:pulumi:Stack"
INSTANCE = "aws:ec2/instance:Instance"
KINDS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("trainer", WORKLOAD_TYPE, {}),
    ("chat", WORKLOAD_TYPE, {}),
    ("batch", INSTANCE, {"instanceType": "p5.48xlarge"}),
    ("serve", INSTANCE, {"instanceType": "inf2.xlarge"}),
    ("tpu", "gcp:tpu/v2Vm:V2Vm", {"acceleratorType": "v6e-8", "zone": "us-central1-b"}),
    ("notebook", "gcp:compute/instance:Instance", {"machineType": "g2-standard-8"}),
    ("legacy", INSTANCE, {"instanceType": "p3.2xlarge"}),
    ("small", INSTANCE, {"instanceType": "g6e.xlarge"}),
    ("research", "gcp:tpu/v2Vm:V2Vm", {"acceleratorType": "v4-16", "zone": "us-central2-b"}),
    ("later", INSTANCE, {"instanceType": UNKNOWN}),
)


@functools.lru_cache(maxsize=2)
def _props(kind: str) -> dict[str, Any]:
    if kind == "trainer":
        training = {
            **TRAINING,
            "placement": {"providers": ["aws"], "regions": ["us-east-1"]},
            "constraints": {"portability": "none", "max_usd_total": 150000},
        }
        return workload_props({**training, "demand": None})
    return workload_props({"constraints": {"portability": "none", "max_usd_per_month": 1500}})


def _record(
    project: str, root: str, name: str, type_: str, props: dict[str, Any]
) -> ResourceRecord:
    urn = f"urn:pulumi:dev::{project}::{type_}::{name}"
    if type_ == WORKLOAD_TYPE:
        data = _props(name)
        return ResourceRecord(urn, type_, name, root, False, data, data)
    return ResourceRecord(urn, type_, name, root, True, props)


def stack(index: int, kinds: list[int]) -> StackPreview:
    project = f"team-{index:03d}"
    root = f"urn:pulumi:dev::{project}::{STACK}::{project}-dev"
    records = [ResourceRecord(root, STACK, f"{project}-dev", None, False, {})]
    for k in kinds:
        name, type_, props = KINDS[k % len(KINDS)]
        records.append(_record(project, root, name, type_, props))
    return StackPreview(f"stacks/team-{index:03d}", project, "dev", tuple(records))


def fleet(workloads: int, per_stack: int = 3) -> list[StackPreview]:
    """``workloads`` workloads in stacks of ``per_stack``, kinds in turn."""
    out = []
    for start in range(0, workloads, per_stack):
        kinds = list(range(start, min(start + per_stack, workloads)))
        out.append(stack(start // per_stack, kinds))
    return out
