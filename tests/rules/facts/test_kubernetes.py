"""Karpenter NodePools (and EKS Auto Mode's) as pulumi-kubernetes custom resources."""

from __future__ import annotations

from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.rules import Status
from pulumi_aihw.rules.facts.registry import hardware_of

from .helpers import BUDGET, facts, judge, raw, stack_cap, status

V1 = "kubernetes:karpenter.sh/v1:NodePool"
V1BETA1 = "kubernetes:karpenter.sh/v1beta1:NodePool"


def pool(name: str, requirements: list, limits: dict | None = None, type_: str = V1):
    spec = {"template": {"spec": {"requirements": requirements}}}
    if limits is not None:
        spec["limits"] = limits
    return raw(type_, name, apiVersion="karpenter.sh/v1", kind="NodePool", spec=spec)


def req(key: str, *values: str, op: str = "In") -> dict:
    return {"key": key, "operator": op, "values": list(values)}


TYPES = "node.kubernetes.io/instance-type"
CAPACITY = "karpenter.sh/capacity-type"


def test_a_pool_is_judged_at_the_most_its_limits_allow(ctx):
    p = pool(
        "a10",
        [req(TYPES, "g5.xlarge"), req(CAPACITY, "on-demand", "spot")],
        {"cpu": 99, "memory": "399Gi"},
    )
    hw = facts(p, ctx)
    assert (hw.offering_name, hw.units, hw.scale.minimum, hw.scale.basis) == (
        "g5.xlarge",
        24,
        0,
        "limit",
    )
    assert hw.purchase == "on-demand"  # on-demand allowed: judged at its price
    f = judge("AIHW-COST-001", p, ctx, **BUDGET)
    assert f.status is Status.VIOLATION
    assert "at up to 24 nodes, as many as its limits allow (cpu 99, memory 399Gi)" in f.message
    small = pool(
        "one", [req(TYPES, "p4d.24xlarge"), req(CAPACITY, "spot")], {"cpu": "191"}, type_=V1BETA1
    )
    hw = facts(small, ctx)
    assert (hw.units, hw.purchase) == (1, "spot")
    assert status("AIHW-COST-001", small, ctx, **BUDGET) is Status.PASSED


def test_several_types_are_judged_at_the_priciest_and_unpriced_ones_are_named(ctx):
    p = pool("mix", [req(TYPES, "g4dn.xlarge", "g5g.xlarge", "g5.xlarge")], {"cpu": 100})
    hw = facts(p, ctx)
    assert [(c.name, c.units) for c in hw.alternatives] == [
        ("g5g.xlarge", None),  # not in the catalog
        ("g5.xlarge", 25),
    ]
    assert round(hw.usd_per_month()) == round(1.006 * 25 * 730)  # the g5.xlarge, not the first
    assert "g5g.xlarge" in judge("AIHW-COST-004", p, ctx).message
    within = judge("AIHW-COST-001", p, ctx, maxUsdPerMonth=20000)
    assert within.status is Status.NOT_EVALUATED and "g5g.xlarge may run too" in within.message


def test_categories_and_gpu_requirements_give_family_level_facts(ctx):
    gpu = pool("cat", [req("karpenter.k8s.aws/instance-category", "g", "p")], {"cpu": 1000})
    hw = facts(gpu, ctx)
    assert hw.family.family == "gpu" and hw.accelerator is None and hw.units is None
    assert status("AIHW-COST-001", gpu, ctx, **BUDGET) is Status.NOT_EVALUATED
    assert status("AIHW-LOCK-001", gpu, ctx) is Status.PASSED  # GPUs: no vendor SDK lock
    assert stack_cap([gpu], ctx, 10).status is Status.NOT_EVALUATED
    auto = pool("auto", [req("eks.amazonaws.com/instance-gpu-manufacturer", "nvidia")])
    assert facts(auto, ctx).family.family == "gpu"
    neuron = pool("inf", [req("karpenter.k8s.aws/instance-category", "inf")])
    assert facts(neuron, ctx).family.family == "inferentia"
    assert status("AIHW-LOCK-002", neuron, ctx) is Status.VIOLATION  # Neuron SDK


def test_cpu_pools_and_negative_requirements_are_not_hardware(ctx):
    assert hardware_of(pool("cpu", [req(TYPES, "m5.large", "m5.xlarge")]), ctx) is None
    assert (
        hardware_of(pool("c", [req("karpenter.k8s.aws/instance-category", "c", "m")]), ctx) is None
    )
    assert hardware_of(pool("not", [req(TYPES, "p5.48xlarge", op="NotIn")]), ctx) is None


def test_a_spec_unknown_during_preview_is_not_evaluated(ctx):
    later = raw(V1, "later", spec=UNKNOWN)
    assert status("AIHW-COST-001", later, ctx, **BUDGET) is Status.NOT_EVALUATED
