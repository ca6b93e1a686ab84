"""Placeholder answers for provider functions: deterministic and provider-shaped."""

from __future__ import annotations

import re

from pulumi_aihw.preview.invokes import INVOKES, placeholder_id
from pulumi_aihw.targets.aws.ami import DLAMI_NVIDIA_X86, NEURON_DLAMI


def test_ids_are_aws_shaped_and_deterministic():
    a = placeholder_id("ami", "x", "us-east-1")
    assert re.fullmatch(r"ami-0[0-9a-f]{16}", a)
    assert a == placeholder_id("ami", "x", "us-east-1") != placeholder_id("ami", "x", "us-west-2")


def test_ssm_parameters_answer_an_ami_per_parameter_and_region():
    ssm = INVOKES["aws:ssm/getParameter:getParameter"]
    gpu = ssm({"name": DLAMI_NVIDIA_X86, "region": "us-east-1"})
    neuron = ssm({"name": NEURON_DLAMI, "region": "us-east-1"})
    assert gpu["value"].startswith("ami-") and gpu["value"] != neuron["value"]
    assert gpu["name"] == DLAMI_NVIDIA_X86 and gpu["type"] == "String"


def test_ami_lookup_echoes_the_image_and_reports_its_root():
    ami = INVOKES["aws:ec2/getAmi:getAmi"](
        {"filters": [{"name": "image-id", "values": ["ami-0abc"]}], "region": "eu-west-1"}
    )
    assert ami["id"] == ami["imageId"] == "ami-0abc"
    (root,) = ami["blockDeviceMappings"]
    assert root["deviceName"] == ami["rootDeviceName"] == "/dev/sda1"
    assert root["ebs"]["volume_size"] == "100"


def test_default_vpc_and_subnets():
    vpc = INVOKES["aws:ec2/getVpc:getVpc"]({"default": True, "region": "us-east-2"})
    assert vpc["default"] is True and vpc["id"].startswith("vpc-0")
    subnets = INVOKES["aws:ec2/getSubnets:getSubnets"](
        {"filters": [{"name": "vpc-id", "values": [vpc["id"]]}], "region": "us-east-2"}
    )["ids"]
    assert len(subnets) == 3 and len(set(subnets)) == 3
    in_zone = INVOKES["aws:ec2/getSubnets:getSubnets"](
        {
            "filters": [
                {"name": "vpc-id", "values": [vpc["id"]]},
                {"name": "availability-zone", "values": ["us-east-2b"]},
            ],
            "region": "us-east-2",
        }
    )["ids"]
    assert len(in_zone) == 1 and in_zone[0] in subnets


def test_capacity_block_offering_echoes_the_question():
    offer = INVOKES["aws:ec2/getCapacityBlockOffering:getCapacityBlockOffering"](
        {
            "instanceType": "p5.48xlarge",
            "instanceCount": 2,
            "capacityDurationHours": 24,
            "startDateRange": "2026-11-02T00:00:00Z",
            "endDateRange": "2026-11-10T00:00:00Z",
            "region": "us-east-1",
        }
    )
    assert offer["capacityBlockOfferingId"].startswith("cb-0")
    assert (offer["instanceType"], offer["instanceCount"]) == ("p5.48xlarge", 2)
    assert offer["availabilityZone"] == "us-east-1a"


def test_common_identity_functions():
    assert INVOKES["aws:index/getCallerIdentity:getCallerIdentity"]({})["accountId"] == (
        "123456789012"
    )
    assert INVOKES["aws:index/getRegion:getRegion"]({"region": "eu-west-1"})["name"] == "eu-west-1"
    zones = INVOKES["aws:index/getAvailabilityZones:getAvailabilityZones"]({"region": "us-west-2"})
    assert zones["names"] == ["us-west-2a", "us-west-2b", "us-west-2c"]
