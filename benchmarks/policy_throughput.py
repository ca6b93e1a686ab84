"""Findings per second for 10,000 resources through the pack's in-process path.

Every resource goes through pulumi_policy's own analyzer servicer (the code `PolicyPack`
serves over gRPC), with engine-shaped protobuf requests: ``Analyze`` for each resource,
then one ``AnalyzeStack``. One run; prints the numbers (a script, not a timed test).

Usage: python benchmarks/policy_throughput.py [--resources N]

The servicer is :class:`pulumi_aihw.crossguard.SharedFactsServicer`: each request is
unmarshalled once, each resource's facts are extracted once and shared by every rule, and
our own policies are called directly (``tests/test_crossguard.py`` checks its responses
equal the stock servicer's). The machine's load average is printed with the figures:
wall-clock rates on a shared machine depend on it, CPU-time rates much less.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pulumi_aihw import crossguard as cg
from pulumi_aihw.contracts import UNKNOWN, ResourceRecord, plan_summary
from pulumi_aihw.planner import plan
from pulumi_aihw.rules import RULES, resolve
from pulumi_aihw.spec import load_spec

ROOT = Path(__file__).resolve().parents[1]


def resources(n: int) -> list[ResourceRecord]:
    """A mix: Workload components, GPU/Inferentia instances, groups, TPU VMs, an EKS
    managed node group, a Karpenter NodePool, a GKE node pool, a security group (no
    hardware) and a preview-unknown instance type."""
    from pulumi_aihw.catalog import load_catalog

    spec = load_spec(ROOT / "stacks/aws-inferentia-inference/workload.yaml")
    wl = {"spec": spec.model_dump(mode="json"), "plan": plan_summary(plan(spec, load_catalog()))}
    kinds = [
        ("aihw:index:Workload", wl),
        ("aws:ec2/instance:Instance", {"instanceType": "p5.48xlarge", "tags": {"team": "a"}}),
        ("aws:ec2/instance:Instance", {"instanceType": "inf2.xlarge"}),
        (
            "aws:autoscaling/group:Group",
            {
                "desiredCapacity": 2.0,
                "mixedInstancesPolicy": {
                    "launchTemplate": {"overrides": [{"instanceType": "g6e.xlarge"}]}
                },
            },
        ),
        ("gcp:tpu/v2Vm:V2Vm", {"acceleratorType": "v6e-8", "zone": "us-central1-b"}),
        (
            "eks:index:ManagedNodeGroup",
            {
                "instanceTypes": ["p4d.24xlarge", "p5.48xlarge"],
                "scalingConfig": {"desiredSize": 1.0, "minSize": 0.0, "maxSize": 4.0},
            },
        ),
        (
            "kubernetes:karpenter.sh/v1:NodePool",
            {
                "spec": {
                    "limits": {"cpu": "100"},
                    "template": {
                        "spec": {
                            "requirements": [
                                {
                                    "key": "node.kubernetes.io/instance-type",
                                    "operator": "In",
                                    "values": ["g5.xlarge", "g6.xlarge"],
                                }
                            ]
                        }
                    },
                }
            },
        ),
        (
            "gcp:container/nodePool:NodePool",
            {
                "location": "us-central1-a",
                "nodeConfig": {"machineType": "a3-highgpu-8g"},
                "autoscaling": {"minNodeCount": 0.0, "maxNodeCount": 2.0},
                "initialNodeCount": 1.0,
            },
        ),
        ("aws:ec2/securityGroup:SecurityGroup", {"description": "web"}),
        ("aws:ec2/instance:Instance", {"instanceType": UNKNOWN}),
    ]
    out = []
    for i in range(n):
        type_, props = kinds[i % len(kinds)]
        urn = f"urn:pulumi:bench::proj::{type_}::r{i}"
        out.append(ResourceRecord(urn, type_, f"r{i}", None, True, props))
    return out


def main() -> None:
    from pulumi_aihw.catalog import load_catalog

    parser = argparse.ArgumentParser()
    parser.add_argument("--resources", type=int, default=10_000)
    n = parser.parse_args().resources
    records = resources(n)
    requests = [cg.analyze_request(r) for r in records]
    stack_request = cg.stack_request(records)
    sink: list = []
    catalog = load_catalog()
    server = cg.analyzer(cg.policies(catalog=catalog, today=dt.date(2026, 11, 1), sink=sink))
    server.Configure(cg.configure_request(resolve(RULES, {})), None)
    load = os.getloadavg()[0]
    start, cpu_start = time.perf_counter(), time.process_time()
    diagnostics = 0
    for request in requests:
        diagnostics += len(server.Analyze(request, None).diagnostics)
    analyzed = time.perf_counter()
    stack = server.AnalyzeStack(stack_request, None)
    done, cpu = time.perf_counter(), time.process_time() - cpu_start
    findings = len(sink)
    total = done - start
    print(f"resources: {n:,}; policies: {len(RULES)}; {os.cpu_count()} cores, load {load:.1f}")
    print(f"Analyze: {analyzed - start:.2f} s ({n / (analyzed - start):,.0f} resources/s)")
    print(f"AnalyzeStack: {done - analyzed:.2f} s; stack diagnostics: {len(stack.diagnostics)}")
    print(f"findings (every rule x hardware resource, passed included): {findings:,}")
    print(f"diagnostics (violations and can't-run): {diagnostics + len(stack.diagnostics):,}")
    print(f"total: {total:.2f} s -> {findings / total:,.0f} findings/s")
    print(f"CPU time of this process: {cpu:.2f} s -> {findings / cpu:,.0f} findings per CPU second")


if __name__ == "__main__":
    main()
