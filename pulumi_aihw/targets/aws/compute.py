"""The instances: a few ``aws.ec2.Instance`` below ``fleet_threshold``, one Auto
Scaling group at or above it (so the resource count does not grow with the node
count), and a cluster placement group for EFA jobs."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any

import pulumi
import pulumi_aws as aws

from pulumi_aihw.targets.aws.args import AwsTargetArgs
from pulumi_aihw.targets.aws.launch_template import uses_template_interfaces
from pulumi_aihw.targets.aws.network import Network


@dataclass(frozen=True)
class Compute:
    instances: list[aws.ec2.Instance] = field(default_factory=list)
    group: aws.autoscaling.Group | None = None
    placement_group: aws.ec2.PlacementGroup | None = None


def compute(
    name: str,
    args: AwsTargetArgs,
    lt: aws.ec2.LaunchTemplate,
    net: Network,
    opts: pulumi.ResourceOptions,
) -> Compute:
    pg = None
    if args.placement_group:
        pg = aws.ec2.PlacementGroup(
            f"{name}-pg", strategy="cluster", tags=args.tags, region=args.region, opts=opts
        )
    launch = _Launch({"id": lt.id, "version": lt.latest_version.apply(str)}, net, pg, opts)
    if args.fleet:
        return Compute(group=_group(name, args, launch), placement_group=pg)
    return Compute(instances=_instances(name, args, launch), placement_group=pg)


@dataclass(frozen=True)
class _Launch:
    """What every instance or the group launches from."""

    template: Any
    """``{"id": ..., "version": ...}`` of the launch template."""
    net: Network
    pg: aws.ec2.PlacementGroup | None
    opts: pulumi.ResourceOptions

    @property
    def placement_group(self) -> pulumi.Output[str] | None:
        return self.pg.name if self.pg is not None else None


def _instances(name: str, args: AwsTargetArgs, launch: _Launch) -> list[aws.ec2.Instance]:
    net = launch.net
    out = []
    for i in range(args.units):
        network: dict[str, Any] = {}
        if not uses_template_interfaces(args):  # otherwise the template carries them
            network = {
                "subnet_id": net.subnet_ids.apply(partial(_nth, i)),
                "vpc_security_group_ids": net.security_group_ids,
                "associate_public_ip_address": args.public_ip,
            }
        out.append(
            aws.ec2.Instance(
                f"{name}-{i}",
                launch_template=launch.template,
                placement_group=launch.placement_group,
                tags={**args.tags, "Name": f"{args.workload}-{i}"},
                region=args.region,
                opts=launch.opts,
                **network,
            )
        )
    return out


def _nth(i: int, ids: list[str]) -> str:
    """Round-robin: instance ``i`` goes to subnet ``i`` modulo the number of subnets."""
    return ids[i % len(ids)]


def _group(name: str, args: AwsTargetArgs, launch: _Launch) -> aws.autoscaling.Group:
    tags = {**args.tags, "Name": args.workload}
    group_tags: list[Any] = [
        {"key": k, "value": v, "propagate_at_launch": True} for k, v in tags.items()
    ]
    return aws.autoscaling.Group(
        f"{name}-asg",
        desired_capacity=args.units,
        min_size=args.units,
        max_size=args.units,
        launch_template=launch.template,
        vpc_zone_identifiers=launch.net.subnet_ids,
        placement_group=launch.placement_group,
        capacity_rebalance=args.market.kind == "spot",
        health_check_type="EC2",
        # Instances of a Capacity Block start only when the block does: don't wait for them.
        wait_for_capacity_timeout="0" if args.market.kind == "capacity-block" else None,
        tags=group_tags,
        region=args.region,
        opts=launch.opts,
    )
