"""The launch template every instance of the target starts from.

Secure defaults: IMDSv2 required, an encrypted gp3 root volume, no public IP
unless ``network.public_ip``, no key pair (SSM instead). It also carries the
purchase option (spot, a capacity reservation, a Capacity Block) and, for
multi-node training, the EFA interfaces.
"""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_aws as aws

from pulumi_aihw.targets.aws.args import AwsTargetArgs
from pulumi_aihw.targets.aws.image import Image
from pulumi_aihw.targets.aws.network import Network


def launch_template(
    name: str,
    args: AwsTargetArgs,
    *,
    image: Image,
    profile: aws.iam.InstanceProfile,
    net: Network,
    reservation_id: pulumi.Output[str] | None,
    opts: pulumi.ResourceOptions,
) -> aws.ec2.LaunchTemplate:
    extra: dict[str, Any] = {}
    if uses_template_interfaces(args):
        extra["network_interfaces"] = interfaces(args, net)
    else:
        extra["vpc_security_group_ids"] = net.security_group_ids
    return aws.ec2.LaunchTemplate(
        f"{name}-lt",
        description=f"aihw workload {args.workload}: {args.instance_type}",
        image_id=image.image_id,
        instance_type=args.instance_type,
        iam_instance_profile={"arn": profile.arn},
        metadata_options={
            "http_endpoint": "enabled",
            "http_tokens": "required",
            "http_put_response_hop_limit": args.metadata_hop_limit,
        },
        monitoring={"enabled": args.detailed_monitoring},
        block_device_mappings=[
            {
                "device_name": image.root_device_name,
                "ebs": {
                    "volume_size": image.root_volume_gib,
                    "volume_type": "gp3",
                    "encrypted": "true",
                    "delete_on_termination": "true",
                },
            }
        ],
        user_data=args.user_data_base64,
        tag_specifications=[
            {"resource_type": kind, "tags": args.tags}
            for kind in ("instance", "volume", "network-interface")
        ],
        tags=args.tags,
        update_default_version=True,
        region=args.region,
        opts=opts,
        **extra,
        **market(args, reservation_id),
    )


def uses_template_interfaces(args: AwsTargetArgs) -> bool:
    """EFA jobs and fleets put the network interfaces in the template (a fleet's subnets come
    from the group); single instances set subnet and security groups on the instance."""
    return args.efa or args.fleet


def interfaces(args: AwsTargetArgs, net: Network) -> list[dict[str, Any]]:
    """The primary ENA interface, then one EFA-only interface per EFA network card.
    Instances (not fleets) of an EFA job name their one subnet here."""
    subnet: dict[str, Any] = {}
    if args.efa and not args.fleet:
        subnet["subnet_id"] = net.subnet_ids.apply(lambda ids: ids[0])
    primary = {
        "device_index": 0,
        "network_card_index": 0,
        "associate_public_ip_address": "true" if args.public_ip else "false",
        "delete_on_termination": "true",
        "security_groups": net.security_group_ids,
        **subnet,
    }
    efa = [
        {
            "device_index": nic.device_index,
            "network_card_index": nic.network_card_index,
            "interface_type": nic.interface_type,
            "delete_on_termination": "true",
            "security_groups": net.security_group_ids,
            **subnet,
        }
        for nic in args.efa_interfaces
    ]
    return [primary, *efa]


def market(args: AwsTargetArgs, reservation_id: pulumi.Output[str] | None) -> dict[str, Any]:
    """Launch-template fields for the purchase option."""
    kind = args.market.kind
    if kind == "spot":
        return {
            "instance_market_options": {
                "market_type": "spot",
                "spot_options": {
                    "spot_instance_type": "one-time",
                    "instance_interruption_behavior": "terminate",
                },
            }
        }
    if kind == "capacity-block":
        assert reservation_id is not None
        return {
            "instance_market_options": {"market_type": "capacity-block"},
            "capacity_reservation_specification": {
                "capacity_reservation_target": {"capacity_reservation_id": reservation_id}
            },
        }
    if kind == "reserved":
        if reservation_id is None:
            return {
                "capacity_reservation_specification": {"capacity_reservation_preference": "open"}
            }
        return {
            "capacity_reservation_specification": {
                "capacity_reservation_target": {"capacity_reservation_id": reservation_id}
            }
        }
    return {}
