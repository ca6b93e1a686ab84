"""EKS node groups: aws.eks.NodeGroup and the pulumi-eks components, by their inputs."""

from __future__ import annotations

from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.rules import Status

from .helpers import BUDGET, facts, judge, raw, stack_cap, status

RAW_NG = "aws:eks/nodeGroup:NodeGroup"
MNG = "eks:index:ManagedNodeGroup"
SELF = "eks:index:NodeGroupV2"
CLUSTER = "eks:index:Cluster"


def test_node_group_desired_size_is_the_figure_and_the_range_is_kept(ctx):
    ng = raw(
        RAW_NG,
        "gpu",
        instanceTypes=["p4d.24xlarge"],
        scalingConfig={"desiredSize": 1, "minSize": 0, "maxSize": 2},
        capacityType="ON_DEMAND",
        region="us-east-1",
    )
    hw = facts(ng, ctx)
    assert (hw.offering_name, hw.units, hw.accelerator.id) == ("p4d.24xlarge", 1, "a100-40gb")
    assert (hw.scale.minimum, hw.scale.maximum, hw.scale.basis) == (0, 2, "desired")
    f = judge("AIHW-COST-001", ng, ctx, **BUDGET)
    assert f.status is Status.VIOLATION
    assert "$16,029/month (on-demand) at 1 node desired (0 to 2)" in f.message
    small = raw(RAW_NG, "t4", instanceTypes=["g4dn.xlarge"], scalingConfig={"desiredSize": 2})
    assert status("AIHW-COST-001", small, ctx, **BUDGET) is Status.PASSED


def test_node_group_without_desired_size_is_judged_at_its_minimum(ctx):
    ng = raw(RAW_NG, "gpu", instanceTypes=["g5.xlarge"], scalingConfig={"minSize": 3, "maxSize": 6})
    hw = facts(ng, ctx)
    assert (hw.units, hw.scale.basis) == (3, "minimum")
    assert "3 nodes minimum (3 to 6)" in judge("AIHW-COST-001", ng, ctx, maxUsdPerMonth=1).message


def test_spot_and_capacity_block_node_groups_are_priced_as_such(ctx):
    spot = raw(
        RAW_NG,
        "s",
        instanceTypes=["p5.48xlarge"],
        capacityType="SPOT",
        scalingConfig={"desiredSize": 1},
    )
    assert facts(spot, ctx).purchase == "spot"
    assert "(spot)" in judge("AIHW-COST-001", spot, ctx, maxUsdPerMonth=1).message
    block = raw(RAW_NG, "b", instanceTypes=["p5.48xlarge"], capacityType="CAPACITY_BLOCK")
    assert facts(block, ctx).purchase == "capacity-block"


def test_cpu_node_groups_are_not_hardware(ctx):
    from pulumi_aihw.rules.facts.registry import hardware_of

    assert hardware_of(raw(RAW_NG, "cpu", instanceTypes=["m6i.large"]), ctx) is None
    assert hardware_of(raw(MNG, "default"), ctx) is None  # pulumi-eks default: t3.medium


def test_unknown_instance_types_during_preview_are_not_evaluated(ctx):
    ng = raw(MNG, "later", instanceTypes=UNKNOWN, scalingConfig={"desiredSize": 1})
    f = judge("AIHW-COST-001", ng, ctx, **BUDGET)
    assert f.status is Status.NOT_EVALUATED and "instanceTypes of later" in f.message
    sized_later = raw(
        MNG, "size", instanceTypes=["p5.48xlarge"], scalingConfig={"desiredSize": UNKNOWN}
    )
    assert status("AIHW-COST-001", sized_later, ctx, **BUDGET) is Status.NOT_EVALUATED


def test_managed_node_group_lists_types_in_priority_order_and_defaults_its_size(ctx):
    mng = raw(MNG, "efa", instanceTypes=["g5g.xlarge", "g4dn.8xlarge", "gr6.8xlarge"])
    hw = facts(mng, ctx)
    assert hw.offering_name == "g5g.xlarge" and hw.offering is None  # not in the catalog
    assert [c.name for c in hw.alternatives] == ["g4dn.8xlarge", "gr6.8xlarge"]
    assert hw.family is not None and hw.family.family == "gpu"  # a g instance: GPUs
    assert (hw.units, hw.scale.minimum, hw.scale.maximum) == (2, 1, 2)  # pulumi-eks default
    f = judge("AIHW-COST-001", mng, ctx, **BUDGET)
    assert f.status is Status.NOT_EVALUATED and "unknown offering: g5g.xlarge" in f.message
    assert status("AIHW-POWER-004", mng, ctx) is Status.VIOLATION
    assert stack_cap([mng], ctx, 10).status is Status.NOT_EVALUATED


def test_a_known_first_type_is_priced_and_powered(ctx):
    mng = raw(MNG, "l4", instanceTypes=["g6.8xlarge", "g4dn.8xlarge"])
    hw = facts(mng, ctx)
    assert hw.offering is not None and hw.accelerator.id == "l4"
    assert status("AIHW-COST-001", mng, ctx, **BUDGET) is Status.PASSED
    assert stack_cap([mng], ctx, 10).status is Status.PASSED


def test_self_managed_node_group_and_cluster_default_node_group(ctx):
    ng = raw(
        SELF,
        "gpu",
        instanceType="g5.xlarge",
        desiredCapacity=3,
        minSize=1,
        maxSize=5,
        spotPrice="1.0",
    )
    hw = facts(ng, ctx)
    assert (hw.units, hw.purchase, hw.scale.maximum) == (3, "spot", 5)
    cluster = raw(CLUSTER, "c", nodeGroupOptions={"instanceType": "p5.48xlarge", "gpu": True})
    assert facts(cluster, ctx).units == 2  # pulumi-eks's default desiredCapacity
    from pulumi_aihw.rules.facts.registry import hardware_of

    assert (
        hardware_of(raw(CLUSTER, "s", skipDefaultNodeGroup=True, instanceType="p5.48xlarge"), ctx)
        is None
    )
    assert hardware_of(raw(CLUSTER, "a", autoMode={"enabled": True}), ctx) is None
    assert (
        hardware_of(raw(CLUSTER, "cpu", instanceType="m4.4xlarge", desiredCapacity=3), ctx) is None
    )


def test_a_price_from_another_region_says_so_even_when_the_rule_passes(ctx):
    region = "ap-southeast-7"  # a region the catalog has no price in (checked below)
    assert not ctx.catalog.find(provider="aws", offering="g4dn.xlarge", region=region)
    west = raw(
        RAW_NG,
        "west",
        instanceTypes=["g4dn.xlarge"],
        scalingConfig={"desiredSize": 1},
        provider={"region": region},
    )
    f = judge("AIHW-COST-001", west, ctx, **BUDGET)
    assert f.status is Status.PASSED
    assert f"priced in us-east-1: the catalog has no {region} price for g4dn.xlarge" in f.message
    east = raw(
        RAW_NG,
        "east",
        instanceTypes=["g4dn.xlarge"],
        region="us-east-1",
        scalingConfig={"desiredSize": 1},
    )
    assert judge("AIHW-COST-001", east, ctx, **BUDGET).message == "passed"


def test_a_group_that_states_no_size_is_not_evaluated_for_that_reason(ctx):
    sizeless = raw(RAW_NG, "sizeless", instanceTypes=["g4dn.xlarge"], region="us-east-1")
    f = judge("AIHW-COST-001", sizeless, ctx, **BUDGET)
    assert f.status is Status.NOT_EVALUATED and "states no number of units" in f.message
