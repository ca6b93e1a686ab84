"""Realistic placeholder answers for provider functions (invokes) during an offline
preview: an explicit registry from invoke token to handler.

Answers are deterministic (ids derive from a hash of the question) and shaped like
the provider's, with engine camelCase field names. The GCP and bare-metal targets
add their tokens to :data:`INVOKES`. A token without a handler answers ``{}`` (every
field ``None``) and the preview says so in its diagnostics.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

InvokeHandler = Callable[[dict[str, Any]], dict[str, Any]]

PLACEHOLDER_ACCOUNT = "123456789012"
PLACEHOLDER_ROOT_GIB = 100
"""Root snapshot size reported for placeholder AMIs (the DLAMIs' order of magnitude)."""


def placeholder_id(prefix: str, *parts: object, length: int = 17) -> str:
    """``ami-0f3c...``: an AWS-shaped id, the same for the same question."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()
    return f"{prefix}-0{digest[: length - 1]}"


def _region(args: dict[str, Any]) -> str:
    return str(args.get("region") or "us-east-1")


def _filter(args: dict[str, Any], name: str) -> list[str]:
    for f in args.get("filters") or []:
        if isinstance(f, dict) and f.get("name") == name:
            return [str(v) for v in f.get("values") or []]
    return []


def _ssm_parameter(args: dict[str, Any]) -> dict[str, Any]:
    name = str(args.get("name", ""))
    region = _region(args)
    value = placeholder_id("ami", name, region)
    return {
        "id": name,
        "name": name,
        "value": value,
        "insecureValue": value,
        "type": "String",
        "version": 1,
        "arn": f"arn:aws:ssm:{region}::parameter{name}",
        "region": region,
        "withDecryption": bool(args.get("withDecryption", True)),
    }


def _ami(args: dict[str, Any]) -> dict[str, Any]:
    region = _region(args)
    ids = _filter(args, "image-id")
    image_id = ids[0] if ids else placeholder_id("ami", "most-recent", region)
    root = "/dev/sda1"
    return {
        "id": image_id,
        "imageId": image_id,
        "name": f"placeholder image {image_id} (offline preview)",
        "architecture": "x86_64",
        "rootDeviceName": root,
        "rootDeviceType": "ebs",
        "virtualizationType": "hvm",
        "ownerId": PLACEHOLDER_ACCOUNT,
        "state": "available",
        "region": region,
        "blockDeviceMappings": [
            {
                "deviceName": root,
                "ebs": {
                    "volume_size": str(PLACEHOLDER_ROOT_GIB),
                    "volume_type": "gp3",
                    "encrypted": "false",
                    "delete_on_termination": "true",
                    "snapshot_id": placeholder_id("snap", image_id),
                },
                "noDevice": "",
                "virtualName": "",
            }
        ],
    }


def _vpc(args: dict[str, Any]) -> dict[str, Any]:
    region = _region(args)
    vpc_id = placeholder_id("vpc", "default", region)
    return {
        "id": vpc_id,
        "arn": f"arn:aws:ec2:{region}:{PLACEHOLDER_ACCOUNT}:vpc/{vpc_id}",
        "cidrBlock": "172.31.0.0/16",
        "default": True,
        "state": "available",
        "ownerId": PLACEHOLDER_ACCOUNT,
        "region": region,
    }


def _subnets(args: dict[str, Any]) -> dict[str, Any]:
    region = _region(args)
    zones = _filter(args, "availability-zone") or [f"{region}{z}" for z in "abc"]
    vpc = (_filter(args, "vpc-id") or ["default"])[0]
    return {
        "id": region,
        "ids": [placeholder_id("subnet", vpc, zone) for zone in zones],
        "region": region,
    }


def _zones(args: dict[str, Any]) -> dict[str, Any]:
    region = _region(args)
    names = [f"{region}{z}" for z in "abc"]
    return {
        "id": region,
        "names": names,
        "zoneIds": [f"{region}-az{i}" for i in range(1, 4)],
        "region": region,
    }


def _capacity_block_offering(args: dict[str, Any]) -> dict[str, Any]:
    region = _region(args)
    return {
        "capacityBlockOfferingId": placeholder_id(
            "cb", args.get("instanceType"), args.get("instanceCount"), args.get("startDateRange")
        ),
        "availabilityZone": f"{region}a",
        "instanceType": args.get("instanceType"),
        "instanceCount": args.get("instanceCount"),
        "capacityDurationHours": args.get("capacityDurationHours"),
        "startDateRange": args.get("startDateRange"),
        "endDateRange": args.get("endDateRange"),
        "currencyCode": "USD",
        "tenancy": "default",
        "upfrontFee": "0.00",
        "region": region,
    }


def _caller_identity(args: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": PLACEHOLDER_ACCOUNT,
        "accountId": PLACEHOLDER_ACCOUNT,
        "arn": f"arn:aws:iam::{PLACEHOLDER_ACCOUNT}:user/aihw-preview",
        "userId": "AIDAPLACEHOLDERPREVIEW",
    }


def _region_info(args: dict[str, Any]) -> dict[str, Any]:
    region = str(args.get("region") or args.get("name") or "us-east-1")
    return {
        "id": region,
        "name": region,
        "region": region,
        "endpoint": f"ec2.{region}.amazonaws.com",
    }


def _partition(args: dict[str, Any]) -> dict[str, Any]:
    return {"id": "aws", "partition": "aws", "dnsSuffix": "amazonaws.com"}


PLACEHOLDER_GCP_PROJECT = "aihw-preview-project"
"""The provider's project as a preview reports it (``gcp:project`` is not read offline)."""
PLACEHOLDER_GCP_IMAGE_GIB = 50
"""Disk size reported for placeholder Compute Engine images (Deep Learning VM images' order
of magnitude)."""


def _gcp_image(args: dict[str, Any]) -> dict[str, Any]:
    """``compute.getImage`` by family (its newest image) or by name."""
    project = str(args.get("project") or PLACEHOLDER_GCP_PROJECT)
    family = args.get("family")
    name = str(args.get("name") or f"{family}-v20260901")
    link = f"https://www.googleapis.com/compute/v1/projects/{project}/global/images/{name}"
    return {
        "id": f"projects/{project}/global/images/{name}",
        "name": name,
        "family": family,
        "project": project,
        "selfLink": link,
        "diskSizeGb": PLACEHOLDER_GCP_IMAGE_GIB,
        "status": "READY",
        "imageId": str(int(placeholder_id("x", project, name)[3:15], 16)),
        "description": f"placeholder image {name} (offline preview)",
    }


def _gcp_client_config(args: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": PLACEHOLDER_GCP_PROJECT,
        "project": PLACEHOLDER_GCP_PROJECT,
        "region": "us-central1",
        "zone": "us-central1-a",
    }


def _gcp_network(args: dict[str, Any]) -> dict[str, Any]:
    """``compute.getNetwork`` by name (the project's ``default`` network, typically)."""
    project = str(args.get("project") or PLACEHOLDER_GCP_PROJECT)
    name = str(args.get("name") or "default")
    path = f"projects/{project}/global/networks/{name}"
    return {
        "id": path,
        "name": name,
        "project": project,
        "selfLink": f"https://www.googleapis.com/compute/v1/{path}",
        "description": f"placeholder network {name} (offline preview)",
        "subnetworksSelfLinks": [],
    }


INVOKES: dict[str, InvokeHandler] = {
    "aws:ssm/getParameter:getParameter": _ssm_parameter,
    "aws:ec2/getAmi:getAmi": _ami,
    "aws:ec2/getVpc:getVpc": _vpc,
    "aws:ec2/getSubnets:getSubnets": _subnets,
    "aws:ec2/getCapacityBlockOffering:getCapacityBlockOffering": _capacity_block_offering,
    "aws:index/getAvailabilityZones:getAvailabilityZones": _zones,
    "aws:index/getCallerIdentity:getCallerIdentity": _caller_identity,
    "aws:index/getRegion:getRegion": _region_info,
    "aws:index/getPartition:getPartition": _partition,
    "gcp:compute/getImage:getImage": _gcp_image,
    "gcp:compute/getNetwork:getNetwork": _gcp_network,
    "gcp:organizations/getClientConfig:getClientConfig": _gcp_client_config,
}
"""Invoke token -> placeholder answer."""
