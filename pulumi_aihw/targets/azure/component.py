"""``AzureTarget``: the component that runs a plan's Azure choice, and its registry factory."""

from __future__ import annotations

from typing import Any

import pulumi

from pulumi_aihw.targets.azure.args import AzureTargetArgs
from pulumi_aihw.targets.azure.compute import nodes
from pulumi_aihw.targets.azure.network import placement
from pulumi_aihw.targets.azure.settings import azure_target_args
from pulumi_aihw.targets.base import TargetContext, TargetResult

AZURE_TARGET_TYPE = "aihw:index:AzureTarget"


class AzureTarget(pulumi.ComponentResource):
    """Azure GPU VMs for one workload (NVIDIA or AMD): separate VMs or one VM Scale Set
    (InfiniBand for multi-node training), a network security group with no inbound rule
    unless asked, a user-assigned identity with no roles, and a new VNet unless a subnet is
    given."""

    vm_ids: pulumi.Output[list[str]]
    """VM resource ids (empty for a scale set: its VMs come and go)."""
    private_ips: pulumi.Output[list[str]]
    """Private IPs of the VMs (empty for a scale set)."""
    scale_set_id: pulumi.Output[str | None]
    resource_group: pulumi.Output[str]
    identity_id: pulumi.Output[str]
    """The user-assigned managed identity the VMs run as (no roles granted)."""
    subnet_id: pulumi.Output[str]

    def __init__(
        self, name: str, args: AzureTargetArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__(AZURE_TARGET_TYPE, name, _summary(args), opts)
        child = pulumi.ResourceOptions(parent=self)
        for message in args.warnings:
            pulumi.log.warn(message, resource=self)
        where = placement(name, args, child)
        made = nodes(name, args, where, child)
        self.vm_ids = pulumi.Output.all(*[vm.id for vm in made.vms]).apply(list)
        self.private_ips = pulumi.Output.all(
            *[nic.ip_configurations[0].private_ip_address for nic in made.nics]
        ).apply(list)
        self.scale_set_id = pulumi.Output.from_input(
            made.scale_set.id if made.scale_set is not None else None
        )
        self.resource_group = where.resource_group
        self.identity_id = where.identity_id
        self.subnet_id = where.subnet_id
        self.register_outputs(self.target_outputs())

    def target_outputs(self) -> dict[str, Any]:
        return {
            "vm_ids": self.vm_ids,
            "private_ips": self.private_ips,
            "scale_set_id": self.scale_set_id,
            "resource_group": self.resource_group,
            "identity_id": self.identity_id,
            "subnet_id": self.subnet_id,
        }


def _summary(args: AzureTargetArgs) -> dict[str, Any]:
    """The target's own inputs: what it runs, for previews and policies."""
    return {
        "region": args.region,
        "vmSize": args.vm_size,
        "units": args.units,
        "scaleSet": args.scale_set,
        "infiniband": args.infiniband,
        "market": args.purchase,
        "image": args.image.urn,
    }


def create_azure_target(ctx: TargetContext) -> TargetResult:
    """Registry factory: decide the settings from the plan, then build the component."""
    args = azure_target_args(ctx.spec, ctx.chosen, ctx.tags)
    target = AzureTarget(ctx.name, args, pulumi.ResourceOptions(parent=ctx.parent))
    return TargetResult(target, target.target_outputs())
