"""Security group and subnets: bring your own, or the region's default VPC.

The security group allows no inbound traffic except the ports the spec opens
(``network.ingress``) and, for EFA, all traffic between members of the group
(EFA requires it). Outbound is open (SSM endpoints, model and package downloads).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws

from pulumi_aihw.spec.models import IngressRule
from pulumi_aihw.targets.aws.args import AwsTargetArgs


@dataclass(frozen=True)
class Network:
    security_group: aws.ec2.SecurityGroup
    security_group_ids: pulumi.Output[list[str]]
    """The target's own group first, then the spec's extra groups."""
    subnet_ids: pulumi.Output[list[str]]


def network(
    name: str,
    args: AwsTargetArgs,
    opts: pulumi.ResourceOptions,
    availability_zone: pulumi.Input[str] | None = None,
) -> Network:
    """The target's security group in the chosen VPC, and the subnets to launch into.

    Without ``subnet_ids`` the region's default VPC and its default subnets are used
    (restricted to ``availability_zone`` when a bought Capacity Block fixes it); EFA
    jobs keep one subnet so every node shares an Availability Zone.
    """
    vpc_id, subnets = _placement(args, pulumi.InvokeOptions(parent=opts.parent), availability_zone)
    ingress, egress = rules(args)
    sg = aws.ec2.SecurityGroup(
        f"{name}-sg",
        description=f"aihw workload {args.workload}: no inbound traffic unless the spec opens it",
        vpc_id=vpc_id,
        ingress=ingress,
        egress=egress,
        tags=args.tags,
        region=args.region,
        opts=opts,
    )
    group_ids = pulumi.Output.all(sg.id, *args.security_group_ids).apply(list)
    return Network(sg, group_ids, subnets)


def _placement(
    args: AwsTargetArgs,
    invoke: pulumi.InvokeOptions,
    availability_zone: pulumi.Input[str] | None,
) -> tuple[pulumi.Input[str], pulumi.Output[list[str]]]:
    """(VPC id, subnet ids): the spec's own, or the default VPC's default subnets."""
    if args.subnet_ids:
        return args.vpc_id or "", pulumi.Output.from_input(list(args.subnet_ids))
    vpc = aws.ec2.get_vpc_output(default=True, region=args.region, opts=invoke)
    filters: list[Any] = [
        {"name": "vpc-id", "values": [vpc.id]},
        {"name": "default-for-az", "values": ["true"]},
    ]
    if availability_zone is not None:
        filters.append({"name": "availability-zone", "values": [availability_zone]})
    found = aws.ec2.get_subnets_output(filters=filters, region=args.region, opts=invoke)
    return vpc.id, found.ids.apply(lambda ids: sorted(ids)[:1] if args.efa else sorted(ids))


EGRESS_PORTS: dict[str, tuple[int, ...]] = {"web": (443, 80), "https": (443,), "none": ()}
"""Outbound TCP ports per ``deploy.aws.egress`` setting (``all``: every port)."""


def egress_rules(setting: str) -> list[dict[str, Any]]:
    """The outbound rules of ``deploy.aws.egress`` (IPv4 and IPv6 anywhere, limited ports)."""
    anywhere = {"cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": ["::/0"]}
    if setting == "all":
        return [
            {
                "protocol": "-1",
                "from_port": 0,
                "to_port": 0,
                **anywhere,
                "description": "outbound: everything (deploy.aws.egress: all)",
            }
        ]
    return [
        {
            "protocol": "tcp",
            "from_port": port,
            "to_port": port,
            **anywhere,
            "description": f"outbound TCP {port}: SSM, model and package downloads",
        }
        for port in EGRESS_PORTS[setting]
    ]


def rules(args: AwsTargetArgs) -> tuple[list[Any], list[Any]]:
    """(ingress, egress): the spec's ports in, EFA traffic within the group, the outbound
    ports of ``deploy.aws.egress`` (default: TCP 80 and 443)."""
    egress: list[Any] = egress_rules(args.egress)
    ingress: list[Any] = [ingress_rule(rule, args.workload) for rule in args.ingress]
    if args.efa:
        efa_rule = {
            "protocol": "-1",
            "from_port": 0,
            "to_port": 0,
            "self": True,
            "description": "EFA: all traffic between the nodes of this group",
        }
        ingress.append(efa_rule)
        egress.append(efa_rule)
    return ingress, egress


def ingress_rule(rule: IngressRule, workload: str) -> dict[str, Any]:
    """One inbound rule of the spec, in pulumi-aws's shape (IPv4 and IPv6 sources apart)."""
    v6 = [c for c in rule.cidrs if ":" in c]
    out: dict[str, Any] = {
        "protocol": rule.protocol,
        "from_port": rule.port,
        "to_port": rule.to_port or rule.port,
        "description": rule.description or f"aihw workload {workload}: port {rule.port}",
    }
    v4 = [c for c in rule.cidrs if ":" not in c]
    if v4:
        out["cidr_blocks"] = v4
    if v6:
        out["ipv6_cidr_blocks"] = v6
    return out
