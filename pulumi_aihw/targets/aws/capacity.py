"""Capacity: a held reservation or block, or an EC2 Capacity Block for ML to buy.

Buying is an explicit opt-in (``deploy.aws.capacity_block.purchase: true``): a
bought block cannot be cancelled, refunded or deleted, so the resource is
protected and the README warns about it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from pulumi_aihw.targets.aws.args import AwsTargetArgs


@dataclass(frozen=True)
class Capacity:
    reservation_id: pulumi.Output[str] | None
    """The reservation or block instances launch into (``None``: no target)."""
    availability_zone: pulumi.Output[str] | None = None
    """A bought block's zone: subnets must be in it."""


def capacity(name: str, args: AwsTargetArgs, opts: pulumi.ResourceOptions) -> Capacity:
    market = args.market
    if market.capacity_reservation_id is not None:
        return Capacity(pulumi.Output.from_input(market.capacity_reservation_id))
    buy = market.purchase
    if buy is None:
        return Capacity(None)
    offering = aws.ec2.get_capacity_block_offering_output(
        instance_type=args.instance_type,
        instance_count=buy.instance_count,
        capacity_duration_hours=buy.duration_hours,
        start_date_range=buy.start_date_range,
        end_date_range=buy.end_date_range,
        region=args.region,
        opts=pulumi.InvokeOptions(parent=opts.parent),
    )
    block = aws.ec2.CapacityBlockReservation(
        f"{name}-block",
        capacity_block_offering_id=offering.capacity_block_offering_id,
        instance_platform="Linux/UNIX",
        tags=args.tags,
        region=args.region,
        # A bought block cannot be deleted or refunded: never let `pulumi destroy` pretend.
        opts=pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(protect=True)),
    )
    return Capacity(block.id, offering.availability_zone)
