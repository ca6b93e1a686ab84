"""Auto Scaling groups: the desired capacity is the figure, the min-max range is kept."""

from __future__ import annotations

from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.rules import Status

from .helpers import BUDGET, facts, judge, raw

ASG = "aws:autoscaling/group:Group"


def _asg(**sizes):
    return raw(
        ASG,
        "gpu",
        mixedInstancesPolicy={"launchTemplate": {"overrides": [{"instanceType": "g5.4xlarge"}]}},
        region="us-east-1",
        **sizes,
    )


def test_group_desired_capacity_is_the_figure_within_its_range(ctx):
    g = _asg(desiredCapacity=2, minSize=1, maxSize=6)
    hw = facts(g, ctx)
    assert (hw.units, hw.scale.minimum, hw.scale.maximum, hw.scale.basis) == (2, 1, 6, "desired")
    f = judge("AIHW-COST-001", g, ctx, maxUsdPerMonth=1000)
    assert f.status is Status.VIOLATION and "at 2 instances desired (1 to 6)" in f.message


def test_group_without_desired_capacity_is_judged_at_its_minimum(ctx):
    g = _asg(minSize=3, maxSize=6)
    assert (facts(g, ctx).units, facts(g, ctx).scale.basis) == (3, "minimum")
    f = judge("AIHW-COST-001", g, ctx, maxUsdPerMonth=1000)
    assert f.status is Status.VIOLATION and "at 3 instances minimum (3 to 6)" in f.message


def test_group_size_unknown_during_preview_is_not_evaluated(ctx):
    g = _asg(desiredCapacity=UNKNOWN, minSize=1, maxSize=2)
    assert judge("AIHW-COST-001", g, ctx, **BUDGET).status is Status.NOT_EVALUATED
