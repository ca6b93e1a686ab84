"""The AMI: an explicit id, or the current Deep Learning / Neuron DLAMI from its
public SSM parameter (``ami.py``), and the AMI's root device and snapshot size."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws

from pulumi_aihw.targets.aws.args import AwsTargetArgs
from pulumi_aihw.targets.aws.settings import root_volume_gib

DEFAULT_IMAGE_GIB = 200.0
"""Root snapshot size assumed when an AMI does not report one (generous: a root volume
smaller than the snapshot fails to launch)."""


@dataclass(frozen=True)
class Image:
    image_id: pulumi.Output[str]
    root_device_name: pulumi.Output[str]
    root_volume_gib: pulumi.Output[int]
    """The root volume to give instances (explicit, or sized for the model)."""


def image(args: AwsTargetArgs, parent: pulumi.Resource) -> Image:
    invoke = pulumi.InvokeOptions(parent=parent)
    if args.ami_id is not None:
        image_id: pulumi.Output[str] = pulumi.Output.from_input(args.ami_id)
    else:
        assert args.ami_parameter is not None
        param = aws.ssm.get_parameter_output(
            name=args.ami_parameter, region=args.region, opts=invoke
        )
        image_id = param.value
    filters: list[Any] = [{"name": "image-id", "values": [image_id]}]
    ami = aws.ec2.get_ami_output(
        filters=filters,
        region=args.region,
        opts=invoke,
    )
    root = ami.root_device_name
    if args.root_volume_gib is not None:
        size = pulumi.Output.from_input(args.root_volume_gib)
    else:
        size = pulumi.Output.all(ami.block_device_mappings, root).apply(
            lambda v: root_volume_gib(
                _snapshot_gib(v[0], v[1]), args.model_weights_gib, args.model_copies
            )
        )
    return Image(image_id, root, size)


def _snapshot_gib(mappings: list[Any] | None, root_device: str | None) -> float:
    for m in mappings or []:
        name = m.get("device_name") if isinstance(m, dict) else getattr(m, "device_name", None)
        ebs = m.get("ebs") if isinstance(m, dict) else getattr(m, "ebs", None)
        if name == root_device and ebs and ebs.get("volume_size"):
            return float(ebs["volume_size"])
    return DEFAULT_IMAGE_GIB
