"""``AwsTarget``: the component that runs a plan's AWS choice."""

from __future__ import annotations

from typing import Any

import pulumi

from pulumi_aihw.targets.aws.args import AwsTargetArgs
from pulumi_aihw.targets.aws.capacity import capacity
from pulumi_aihw.targets.aws.compute import compute
from pulumi_aihw.targets.aws.iam import instance_profile
from pulumi_aihw.targets.aws.image import image
from pulumi_aihw.targets.aws.launch_template import launch_template
from pulumi_aihw.targets.aws.network import network
from pulumi_aihw.targets.aws.settings import aws_target_args
from pulumi_aihw.targets.base import TargetContext, TargetResult

AWS_TARGET_TYPE = "aihw:index:AwsTarget"


class AwsTarget(pulumi.ComponentResource):
    """EC2 GPU, Inferentia or Trainium instances for one workload: an instance role with
    SSM access, a security group, a launch template, and instances or one Auto Scaling
    group (plus a placement group and EFA for multi-node training, and a Capacity Block
    when one is bought)."""

    instance_ids: pulumi.Output[list[str]]
    """Instance ids (empty for a fleet)."""
    private_ips: pulumi.Output[list[str]]
    """Private IPs of the instances (empty for a fleet: the group's instances change)."""
    group_name: pulumi.Output[str | None]
    """The Auto Scaling group (fleets only)."""
    launch_template_id: pulumi.Output[str]
    security_group_id: pulumi.Output[str]
    capacity_reservation_id: pulumi.Output[str | None]

    def __init__(
        self, name: str, args: AwsTargetArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__(AWS_TARGET_TYPE, name, _summary(args), opts)
        child = pulumi.ResourceOptions(parent=self)
        for message in args.warnings:
            pulumi.log.warn(message, resource=self)
        profile = instance_profile(name, args, child)
        held = capacity(name, args, child)
        net = network(name, args, child, availability_zone=held.availability_zone)
        lt = launch_template(
            name,
            args,
            image=image(args, self),
            profile=profile,
            net=net,
            reservation_id=held.reservation_id,
            opts=child,
        )
        nodes = compute(name, args, lt, net, child)
        self.instance_ids = pulumi.Output.all(*[i.id for i in nodes.instances]).apply(list)
        self.private_ips = pulumi.Output.all(*[i.private_ip for i in nodes.instances]).apply(list)
        self.group_name = pulumi.Output.from_input(
            nodes.group.name if nodes.group is not None else None
        )
        self.launch_template_id = lt.id
        self.security_group_id = net.security_group.id
        self.capacity_reservation_id = pulumi.Output.from_input(held.reservation_id)
        self.register_outputs(self.target_outputs())

    def target_outputs(self) -> dict[str, Any]:
        return {
            "instance_ids": self.instance_ids,
            "private_ips": self.private_ips,
            "group_name": self.group_name,
            "launch_template_id": self.launch_template_id,
            "security_group_id": self.security_group_id,
            "capacity_reservation_id": self.capacity_reservation_id,
        }


def _summary(args: AwsTargetArgs) -> dict[str, Any]:
    """The target's own inputs: what it runs, for previews and policies."""
    return {
        "region": args.region,
        "instanceType": args.instance_type,
        "units": args.units,
        "fleet": args.fleet,
        "efa": args.efa,
        "market": args.market.kind,
    }


def create_aws_target(ctx: TargetContext) -> TargetResult:
    """Registry factory: decide the settings from the plan, then build the component."""
    args = aws_target_args(ctx.spec, ctx.chosen, ctx.tags)
    target = AwsTarget(ctx.name, args, pulumi.ResourceOptions(parent=ctx.parent))
    return TargetResult(target, target.target_outputs())
