"""Spot instance and fleet requests, launch configurations, AWS Batch compute environments and
On-Demand Capacity Reservations."""

from __future__ import annotations

from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.rules import Status
from pulumi_aihw.rules.facts.registry import hardware_of

from .helpers import BUDGET, facts, judge, raw, stack_cap, status

SPOT = "aws:ec2/spotInstanceRequest:SpotInstanceRequest"
FLEET = "aws:ec2/spotFleetRequest:SpotFleetRequest"
LAUNCH = "aws:ec2/launchConfiguration:LaunchConfiguration"
BATCH = "aws:batch/computeEnvironment:ComputeEnvironment"
RESERVATION = "aws:ec2/capacityReservation:CapacityReservation"


def test_spot_instance_request_is_one_spot_instance(ctx):
    s = raw(SPOT, "s", instanceType="p5.48xlarge", region="us-east-1")
    hw = facts(s, ctx)
    assert (hw.units, hw.purchase) == (1, "spot")
    assert status("AIHW-COST-001", s, ctx, maxUsdPerMonth=20000) is Status.PASSED  # $12,869 spot
    assert status("AIHW-COST-001", s, ctx, maxUsdPerMonth=10000) is Status.VIOLATION
    assert (
        status("AIHW-COST-001", raw(SPOT, "l", instanceType=UNKNOWN), ctx, **BUDGET)
        is Status.NOT_EVALUATED
    )


def test_spot_fleet_request_sums_target_capacity(ctx):
    f = raw(
        FLEET,
        "f",
        targetCapacity=4,
        launchSpecifications=[{"instanceType": "g5.xlarge"}, {"instanceType": "g6.xlarge"}],
    )
    hw = facts(f, ctx)
    assert (hw.units, hw.purchase, [c.name for c in hw.alternatives]) == (4, "spot", ["g6.xlarge"])
    on_demand = raw(
        FLEET,
        "o",
        targetCapacity=2,
        onDemandTargetCapacity=2,
        launchSpecifications=[{"instanceType": "g5.xlarge"}],
    )
    assert facts(on_demand, ctx).purchase == "on-demand"
    assert (
        status(
            "AIHW-COST-001",
            raw(
                FLEET,
                "u",
                targetCapacity=UNKNOWN,
                launchSpecifications=[{"instanceType": "g5.xlarge"}],
            ),
            ctx,
            **BUDGET,
        )
        is Status.NOT_EVALUATED
    )


def test_launch_configuration_is_a_template(ctx):
    lc = raw(LAUNCH, "lc", instanceType="g6e.xlarge", spotPrice="0.9")
    hw = facts(lc, ctx)
    assert (hw.kind, hw.purchase) == ("template", "spot")
    assert status("AIHW-COST-001", lc, ctx, **BUDGET) is Status.NOT_APPLICABLE
    assert hardware_of(raw(LAUNCH, "cpu", instanceType="t3.micro"), ctx) is None


def test_batch_max_vcpus_bound_the_instances(ctx):
    ce = raw(
        BATCH,
        "ce",
        computeResources={
            "type": "SPOT",
            "instanceTypes": ["p4d.24xlarge"],
            "maxVcpus": 384,
            "minVcpus": 0,
        },
    )
    hw = facts(ce, ctx)
    assert (hw.units, hw.scale.minimum, hw.scale.maximum, hw.scale.basis) == (4, 0, 4, "limit")
    assert hw.purchase == "spot"
    f = judge("AIHW-COST-001", ce, ctx, maxUsdPerMonth=1000)
    assert f.status is Status.VIOLATION and "384 max vCPUs / 96 per p4d.24xlarge" in f.message
    desired = raw(
        BATCH,
        "d",
        computeResources={
            "type": "EC2",
            "instanceTypes": ["g5.xlarge"],
            "maxVcpus": 64,
            "desiredVcpus": 8,
        },
    )
    assert (facts(desired, ctx).units, facts(desired, ctx).scale.basis) == (2, "desired")
    assert (
        hardware_of(raw(BATCH, "fg", computeResources={"type": "FARGATE", "maxVcpus": 16}), ctx)
        is None
    )
    later = raw(
        BATCH,
        "l",
        computeResources={"type": "EC2", "instanceTypes": ["g5.xlarge"], "maxVcpus": UNKNOWN},
    )
    assert status("AIHW-COST-001", later, ctx, **BUDGET) is Status.NOT_EVALUATED


def test_capacity_reservation_costs_but_draws_no_power_of_its_own_and_can_be_cancelled(ctx):
    cr = raw(
        RESERVATION,
        "cr",
        instanceType="p5.48xlarge",
        instanceCount=2,
        availabilityZone="us-east-1a",
    )
    hw = facts(cr, ctx)
    assert (hw.kind, hw.units, hw.region) == ("reservation", 2, "us-east-1")
    assert status("AIHW-COST-001", cr, ctx, **BUDGET) is Status.VIOLATION
    assert status("AIHW-LOCK-005", cr, ctx) is Status.PASSED
    assert status("AIHW-POWER-004", cr, ctx) is Status.NOT_APPLICABLE
    assert stack_cap([cr], ctx, 1).status is Status.PASSED
