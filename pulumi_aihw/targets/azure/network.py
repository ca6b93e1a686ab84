"""Where the VMs live and who they are: the resource group (given, or one per workload),
the subnet (given, or a new VNet and subnet), the network security group and the
user-assigned managed identity.

The NSG has no inbound rule unless ``network.ingress`` opens a port, and then admits only
the sources written there (Azure's default rules still allow traffic inside the VNet and
deny the rest of the internet). The identity is granted no role: grant what the workload
needs (e.g. reading its model's storage account).
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_azure_native as azure

from pulumi_aihw.targets.azure.args import AzureTargetArgs


@dataclass(frozen=True)
class Placement:
    """What the VMs attach to."""

    resource_group: pulumi.Output[str]
    subnet_id: pulumi.Output[str]
    nsg_id: pulumi.Output[str]
    identity_id: pulumi.Output[str]
    identity_principal_id: pulumi.Output[str]


def placement(name: str, args: AzureTargetArgs, opts: pulumi.ResourceOptions) -> Placement:
    group = _resource_group(name, args, opts)
    nsg = azure.network.NetworkSecurityGroup(
        f"{name}-nsg",
        resource_group_name=group,
        location=args.region,
        security_rules=[
            {
                "name": rule.name,
                "priority": rule.priority,
                "direction": "Inbound",
                "access": "Allow",
                "protocol": rule.protocol,
                "source_port_range": "*",
                "destination_port_range": rule.port_range,
                "source_address_prefixes": list(rule.source_prefixes),
                "destination_address_prefix": "*",
                "description": f"aihw workload {args.workload}: {rule.description}"[:140],
            }
            for rule in args.network.ingress
        ],
        tags=args.tags,
        opts=opts,
    )
    identity = azure.managedidentity.UserAssignedIdentity(
        f"{name}-identity",
        resource_group_name=group,
        location=args.region,
        tags=args.tags,
        opts=opts,
    )
    return Placement(
        resource_group=group,
        subnet_id=_subnet(name, args, group, opts),
        nsg_id=nsg.id,
        identity_id=identity.id,
        identity_principal_id=identity.principal_id,
    )


def _resource_group(
    name: str, args: AzureTargetArgs, opts: pulumi.ResourceOptions
) -> pulumi.Output[str]:
    if args.resource_group is not None:
        return pulumi.Output.from_input(args.resource_group)
    group = azure.resources.ResourceGroup(
        f"{name}-rg", location=args.region, tags=args.tags, opts=opts
    )
    return group.name


def _subnet(
    name: str, args: AzureTargetArgs, group: pulumi.Output[str], opts: pulumi.ResourceOptions
) -> pulumi.Output[str]:
    net = args.network
    if net.subnet_id is not None:
        return pulumi.Output.from_input(net.subnet_id)
    vnet = azure.network.VirtualNetwork(
        f"{name}-vnet",
        resource_group_name=group,
        location=args.region,
        address_space={"address_prefixes": [net.vnet_address_space]},
        tags=args.tags,
        opts=opts,
    )
    subnet = azure.network.Subnet(
        f"{name}-subnet",
        resource_group_name=group,
        virtual_network_name=vnet.name,
        address_prefix=net.subnet_prefix,
        opts=opts,
    )
    return subnet.id
