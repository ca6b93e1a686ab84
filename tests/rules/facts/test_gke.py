"""GKE node pools (gcp.container.NodePool) and the node pools of gcp.container.Cluster."""

from __future__ import annotations

from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.rules import Status
from pulumi_aihw.rules.facts.registry import hardware_of

from .helpers import BUDGET, facts, judge, raw, stack_cap, status

POOL = "gcp:container/nodePool:NodePool"
CLUSTER = "gcp:container/cluster:Cluster"


def test_gpu_pool_with_autoscaling_gives_the_range_per_zone(ctx):
    p = raw(
        POOL,
        "a3",
        location="us-central1",
        nodeLocations=["us-central1-a", "us-central1-b"],
        initialNodeCount=1,
        autoscaling={"minNodeCount": 0, "maxNodeCount": 2},
        nodeConfig={"machineType": "a3-highgpu-8g", "spot": True},
    )
    hw = facts(p, ctx)
    assert (hw.units, hw.scale.minimum, hw.scale.maximum) == (2, 0, 4)  # per zone x 2 zones
    assert (hw.accelerator.id, hw.purchase, hw.region) == ("h100-sxm", "spot", "us-central1")
    f = judge("AIHW-COST-001", p, ctx, **BUDGET)
    assert (
        f.status is Status.VIOLATION and "2 nodes initial (0 to 4; per zone x 2 zones)" in f.message
    )
    total = raw(
        POOL,
        "t",
        location="us-central1-a",
        autoscaling={"totalMinNodeCount": 1, "totalMaxNodeCount": 3},
        nodeConfig={"machineType": "g2-standard-8"},
    )
    hw = facts(total, ctx)
    assert (hw.units, hw.scale.maximum, hw.scale.basis) == (1, 3, "minimum")
    assert status("AIHW-COST-001", total, ctx, **BUDGET) is Status.PASSED


def test_a_regional_pool_without_node_locations_assumes_three_zones_and_says_so(ctx):
    p = raw(
        POOL, "r", location="us-central1", nodeCount=1, nodeConfig={"machineType": "g2-standard-4"}
    )
    hw = facts(p, ctx)
    assert hw.units == 3 and "GKE's default for a regional pool" in hw.scale.describe()


def test_guest_accelerators_on_n1_nodes_and_unknown_gpu_types(ctx):
    t4 = raw(
        POOL,
        "t4",
        location="us-central1-a",
        nodeCount=2,
        nodeConfig={
            "machineType": "n1-standard-8",
            "guestAccelerators": [{"type": "nvidia-tesla-t4", "count": 2}],
        },
    )
    hw = facts(t4, ctx)
    assert (hw.accelerator.id, hw.accelerator_count, hw.units) == ("t4", 2, 2)
    assert hw.power_kw() == (2 * 70 + 100) * 2 / 1000  # 8 vCPUs: the 100 W host floor
    assert status("AIHW-COST-001", t4, ctx, **BUDGET) is Status.NOT_EVALUATED  # N1 + GPU unpriced
    k80 = raw(
        POOL,
        "k80",
        location="us-central1-a",
        nodeCount=1,
        nodeConfig={"guestAccelerators": [{"type": "nvidia-tesla-k80", "count": 1}]},
    )
    hw = facts(k80, ctx)
    assert hw.family.family == "gpu" and hw.accelerator is None
    assert status("AIHW-POWER-004", k80, ctx) is Status.VIOLATION


def test_tpu_pool_is_one_multi_host_slice(ctx):
    p = raw(
        POOL,
        "v5e",
        location="us-east5",
        nodeLocations=["us-east5-b"],
        initialNodeCount=64,
        nodeConfig={"machineType": "ct5lp-hightpu-4t"},
        placementPolicy={"type": "COMPACT"},
    )
    hw = facts(p, ctx)
    assert (hw.offering_name, hw.units, hw.accelerator_count) == ("v5litepod-256", 1, 256)
    assert hw.offering is not None and hw.offering.region == "us-east5"
    assert status("AIHW-COST-001", p, ctx, **BUDGET) is Status.VIOLATION
    assert status("AIHW-LOCK-002", p, ctx) is Status.VIOLATION
    cap = stack_cap([p], ctx, 100)  # v5e power is an estimate: the cap compares its high end
    assert cap.status is Status.VIOLATION and "counted at their high end" in cap.message
    topo = raw(
        POOL,
        "t",
        location="us-central1-a",
        initialNodeCount=4,
        nodeConfig={"machineType": "ct6e-standard-4t"},
        placementPolicy={"tpuTopology": "4x4"},
    )
    assert facts(topo, ctx).offering_name == "v6e-16"
    single = raw(
        POOL,
        "s",
        location="us-central1-a",
        nodeCount=3,
        nodeConfig={"machineType": "ct6e-standard-1t"},
    )
    hw = facts(single, ctx)
    assert (hw.offering_name, hw.units) == ("v6e-1", 3)  # one single-host slice per node
    unknown_gen = raw(
        POOL,
        "x",
        location="us-central1-a",
        nodeCount=1,
        nodeConfig={"machineType": "tpu7x-standard-4t"},
    )
    assert facts(unknown_gen, ctx).family.family == "tpu"


def test_cluster_default_pool_zones_and_removed_default_pool(ctx):
    c = raw(
        CLUSTER,
        "c",
        location="us-central1-a",
        initialNodeCount=3,
        nodeLocations=["us-central1-c"],
        nodeConfig={"machineType": "g2-standard-8"},
    )
    assert facts(c, ctx).units == 6  # the cluster's zone and one more
    removed = raw(
        CLUSTER,
        "r",
        location="us-central1",
        removeDefaultNodePool=True,
        initialNodeCount=1,
        nodeConfig={"machineType": "g2-standard-8"},
    )
    assert hardware_of(removed, ctx) is None
    inline = raw(
        CLUSTER,
        "i",
        location="us-central1-a",
        nodePools=[
            {"name": "cpu", "nodeCount": 3, "nodeConfig": {"machineType": "e2-standard-4"}},
            {"name": "gpu", "nodeCount": 1, "nodeConfig": {"machineType": "a2-highgpu-1g"}},
        ],
    )
    assert facts(inline, ctx).offering_name == "a2-highgpu-1g"


def test_cpu_pools_are_not_hardware_and_unknowns_are_not_evaluated(ctx):
    assert (
        hardware_of(raw(POOL, "cpu", nodeCount=3, nodeConfig={"machineType": "n1-standard-4"}), ctx)
        is None
    )
    later = raw(
        POOL,
        "l",
        location="us-central1-a",
        nodeCount=UNKNOWN,
        nodeConfig={"machineType": "g2-standard-4"},
    )
    assert status("AIHW-COST-001", later, ctx, **BUDGET) is Status.NOT_EVALUATED
    typed_later = raw(POOL, "m", nodeCount=1, nodeConfig={"machineType": UNKNOWN})
    assert status("AIHW-LOCK-001", typed_later, ctx) is Status.NOT_EVALUATED
