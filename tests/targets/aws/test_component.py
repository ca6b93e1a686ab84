"""The AWS target under Pulumi's mock engine, asserting resource types and engine inputs."""

from __future__ import annotations

from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.preview.invokes import INVOKES, placeholder_id
from pulumi_aihw.targets.aws.ami import DLAMI_NVIDIA_X86, NEURON_DLAMI
from tests.specs import deploy_aws, gpu_inference, inf2_inference, pinned
from tests.targets.engine import (
    ATTACHMENT,
    BLOCK,
    GROUP,
    INSTANCE,
    PLACEMENT_GROUP,
    PROFILE,
    ROLE,
    SECURITY_GROUP,
    STACK,
    TARGET,
    WORKLOAD,
    lt_inputs,
    one,
    preview_workload,
    types,
)

BASE_TYPES = {
    STACK: 1,
    WORKLOAD: 1,
    TARGET: 1,
    ROLE: 1,
    ATTACHMENT: 1,
    PROFILE: 1,
    SECURITY_GROUP: 1,
}
BYO = deploy_aws(vpc_id="vpc-0aaa", subnet_ids=["subnet-0aaa", "subnet-0bbb"])


def ami_for(parameter: str, region: str = "us-east-1") -> str:
    return INVOKES["aws:ssm/getParameter:getParameter"]({"name": parameter, "region": region})[
        "value"
    ]


def test_gpu_inference():
    p = preview_workload(gpu_inference())
    assert types(p) == {**BASE_TYPES, "aws:ec2/launchTemplate:LaunchTemplate": 1, INSTANCE: 2}
    lt = lt_inputs(p)
    assert lt["instanceType"] == "g6e.xlarge"
    assert lt["imageId"] == ami_for(DLAMI_NVIDIA_X86)
    assert lt["region"] == "us-east-1"
    assert lt["iamInstanceProfile"] == {"arn": UNKNOWN}  # known after the profile exists
    assert lt["blockDeviceMappings"] == [
        {
            "deviceName": "/dev/sda1",
            "ebs": {
                "volumeSize": 140.0,  # ceil_10(100 GiB image + 2 x 14.9 GiB x 1.2)
                "volumeType": "gp3",
                "encrypted": "true",
                "deleteOnTermination": "true",
            },
        }
    ]
    assert "instanceMarketOptions" not in lt and "networkInterfaces" not in lt
    instances = p.of_type(INSTANCE)
    assert {i.name for i in instances} == {"chat-aws-0", "chat-aws-1"}
    for i in instances:
        assert i.inputs["region"] == "us-east-1"
        assert i.inputs["launchTemplate"] == {"id": UNKNOWN, "version": UNKNOWN}
        assert i.inputs["associatePublicIpAddress"] is False
        assert i.parent == one(p, TARGET).urn
    assert one(p, TARGET).parent == one(p, WORKLOAD).urn
    assert one(p, TARGET).inputs == {
        "region": "us-east-1",
        "instanceType": "g6e.xlarge",
        "units": 2.0,
        "fleet": False,
        "efa": False,
        "market": "on-demand",
    }


def test_inf2_inference():
    p = preview_workload(inf2_inference())
    assert types(p)[INSTANCE] == 2
    lt = lt_inputs(p)
    assert lt["instanceType"] == "inf2.xlarge"
    assert lt["imageId"] == ami_for(NEURON_DLAMI)
    assert lt["metadataOptions"]["httpTokens"] == "required"
    assert PLACEMENT_GROUP not in types(p)


def test_explicit_ami_is_used_as_is():
    p = preview_workload(gpu_inference(deploy=deploy_aws(ami_id="ami-0123456789abcdef0")))
    assert lt_inputs(p)["imageId"] == "ami-0123456789abcdef0"


def test_multi_node_efa_training_instances():
    p = preview_workload(pinned("trn1.32xlarge", 2, phase="training", deploy=BYO))
    assert types(p)[PLACEMENT_GROUP] == 1 and types(p)[INSTANCE] == 2
    assert one(p, PLACEMENT_GROUP).inputs["strategy"] == "cluster"
    nics = lt_inputs(p)["networkInterfaces"]
    assert len(nics) == 1 + 8
    primary, *efa = nics
    assert (primary["networkCardIndex"], primary["deviceIndex"]) == (0, 0)
    assert "interfaceType" not in primary  # the primary interface stays ENA
    assert primary["associatePublicIpAddress"] == "false"
    assert [(n["networkCardIndex"], n["deviceIndex"], n["interfaceType"]) for n in efa] == [
        (0, 1, "efa-only"),
        *[(c, 0, "efa-only") for c in range(1, 8)],
    ]
    assert {n["subnetId"] for n in nics} == {"subnet-0aaa"}  # one subnet: one zone
    assert "vpcSecurityGroupIds" not in lt_inputs(p)
    for i in p.of_type(INSTANCE):
        assert i.inputs["placementGroup"] is UNKNOWN  # the group's name, known after create
        assert "subnetId" not in i.inputs and "vpcSecurityGroupIds" not in i.inputs
    sg = one(p, SECURITY_GROUP).inputs
    self_rule = {"protocol": "-1", "fromPort": 0.0, "toPort": 0.0, "self": True}
    assert any(self_rule.items() <= r.items() for r in sg["ingress"])
    assert any(self_rule.items() <= r.items() for r in sg["egress"])


def test_multi_node_efa_training_fleet_p5():
    p = preview_workload(pinned("p5.48xlarge", 8, phase="training"))
    assert types(p)[GROUP] == 1 and INSTANCE not in types(p)
    group = one(p, GROUP).inputs
    assert group["desiredCapacity"] == group["minSize"] == group["maxSize"] == 8.0
    assert group["placementGroup"] is UNKNOWN
    default_subnets = INVOKES["aws:ec2/getSubnets:getSubnets"](
        {
            "region": "us-east-1",
            "filters": [
                {"name": "vpc-id", "values": [placeholder_id("vpc", "default", "us-east-1")]}
            ],
        }
    )["ids"]
    assert group["vpcZoneIdentifiers"] == sorted(default_subnets)[:1]
    nics = lt_inputs(p)["networkInterfaces"]
    assert len(nics) == 33 and all("subnetId" not in n for n in nics)  # the group sets it


def test_spot():
    p = preview_workload(gpu_inference(constraints={"purchase_option": "spot"}))
    assert lt_inputs(p)["instanceMarketOptions"] == {
        "marketType": "spot",
        "spotOptions": {
            "spotInstanceType": "one-time",
            "instanceInterruptionBehavior": "terminate",
        },
    }
    assert one(p, WORKLOAD).inputs["plan"]["chosen"]["price_basis"] == "spot"


def test_spot_fleet_rebalances():
    p = preview_workload(pinned("g6.xlarge", 6, constraints={"purchase_option": "spot"}))
    assert one(p, GROUP).inputs["capacityRebalance"] is True
    assert lt_inputs(p)["instanceMarketOptions"]["marketType"] == "spot"


def test_capacity_reservation():
    data = pinned(
        "g6e.xlarge",
        2,
        constraints={"purchase_option": "reserved"},
        deploy={"aws": {**BYO["aws"], "capacity_reservation_id": "cr-0123456789abcdef0"}},
    )
    lt = lt_inputs(preview_workload(data))
    assert lt["capacityReservationSpecification"] == {
        "capacityReservationTarget": {"capacityReservationId": "cr-0123456789abcdef0"}
    }
    assert "instanceMarketOptions" not in lt


def test_reserved_without_an_id_prefers_open_reservations():
    lt = lt_inputs(
        preview_workload(pinned("g6e.xlarge", 1, constraints={"purchase_option": "reserved"}))
    )
    assert lt["capacityReservationSpecification"] == {"capacityReservationPreference": "open"}


def capacity_block(**cb):
    return pinned(
        "p4d.24xlarge",
        2,
        phase="training",
        constraints={"purchase_option": "capacity-block"},
        deploy={"aws": {**BYO["aws"], "capacity_block": cb}}
        if "reservation_id" in cb
        else deploy_aws(capacity_block=cb),
    )


def test_held_capacity_block():
    p = preview_workload(capacity_block(reservation_id="cr-0fedcba9876543210"))
    lt = lt_inputs(p)
    assert lt["instanceMarketOptions"] == {"marketType": "capacity-block"}
    assert lt["capacityReservationSpecification"] == {
        "capacityReservationTarget": {"capacityReservationId": "cr-0fedcba9876543210"}
    }
    assert BLOCK not in types(p)  # nothing bought
    assert PLACEMENT_GROUP not in types(p)  # blocks sit in UltraClusters already
    assert len(lt["networkInterfaces"]) == 1 + 4  # EFA on p4d's four cards


def test_buying_a_capacity_block_is_protected_and_targeted():
    p = preview_workload(
        capacity_block(purchase=True, start_date="2026-11-02", duration_hours=24), dry_run=False
    )
    block = one(p, BLOCK)
    assert block.protect
    assert block.inputs["instancePlatform"] == "Linux/UNIX"
    assert block.inputs["capacityBlockOfferingId"].startswith("cb-0")
    assert block.inputs["tags"]["aihw-offering"] == "p4d.24xlarge"
    lt = lt_inputs(p)
    assert lt["instanceMarketOptions"] == {"marketType": "capacity-block"}
    target = lt["capacityReservationSpecification"]["capacityReservationTarget"]
    assert target["capacityReservationId"] == placeholder_id(
        "capacityblockreservation", BLOCK, "chat-aws-block"
    )  # the bought block's id (placeholder ids after an "up")
    # default subnets restricted to the block's zone (us-east-1a in the placeholder offering)
    vpc = placeholder_id("vpc", "default", "us-east-1")
    zone_subnet = placeholder_id("subnet", vpc, "us-east-1a")
    assert {n["subnetId"] for n in lt["networkInterfaces"]} == {zone_subnet}


def test_500_node_fleet_has_as_many_resources_as_5_nodes():
    small = preview_workload(pinned("g6.xlarge", 5))
    large = preview_workload(pinned("g6.xlarge", 500))
    assert len(large.resources) == len(small.resources) == 9  # stack .. group: no per-node
    assert types(large) == types(small)
    assert one(large, GROUP).inputs["desiredCapacity"] == 500.0
    assert one(small, GROUP).inputs["desiredCapacity"] == 5.0


def test_bring_your_own_subnets():
    p = preview_workload(gpu_inference(deploy=BYO))
    assert one(p, SECURITY_GROUP).inputs["vpcId"] == "vpc-0aaa"
    subnets = sorted(i.inputs["subnetId"] for i in p.of_type(INSTANCE))
    assert subnets == ["subnet-0aaa", "subnet-0bbb"]  # round-robin
    assert not p.diagnostics


def test_bring_your_own_subnets_for_a_fleet():
    p = preview_workload(pinned("g6.xlarge", 4, deploy=BYO))
    assert one(p, GROUP).inputs["vpcZoneIdentifiers"] == ["subnet-0aaa", "subnet-0bbb"]
    primary = lt_inputs(p)["networkInterfaces"][0]
    assert primary["associatePublicIpAddress"] == "false" and "subnetId" not in primary


def test_default_network_when_no_subnets_are_given():
    p = preview_workload(gpu_inference())
    vpc = placeholder_id("vpc", "default", "us-east-1")
    assert one(p, SECURITY_GROUP).inputs["vpcId"] == vpc
    expected = sorted(placeholder_id("subnet", vpc, f"us-east-1{z}") for z in "abc")[:2]
    assert sorted(i.inputs["subnetId"] for i in p.of_type(INSTANCE)) == expected


def test_extra_security_groups_are_attached():
    data = gpu_inference(deploy={"aws": {**BYO["aws"], "security_group_ids": ["sg-0extra"]}})
    p = preview_workload(data, dry_run=False)
    own = one(p, SECURITY_GROUP)
    for i in p.of_type(INSTANCE):
        ids = i.inputs["vpcSecurityGroupIds"]
        assert ids[1:] == ["sg-0extra"] and ids[0].startswith("securitygroup-0")
    assert own.inputs["vpcId"] == "vpc-0aaa"


def test_user_data_and_public_ip_when_asked():
    data = gpu_inference(deploy=deploy_aws(user_data="#!/bin/bash\n"), network={"public_ip": True})
    p = preview_workload(data)
    assert lt_inputs(p)["userData"] == "IyEvYmluL2Jhc2gK"
    assert all(i.inputs["associatePublicIpAddress"] is True for i in p.of_type(INSTANCE))


def test_instance_role_has_ssm_access_and_no_key_pair():
    p = preview_workload(gpu_inference())
    assert one(p, ATTACHMENT).inputs["policyArn"] == (
        "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
    )
    assert '"Service": "ec2.amazonaws.com"' in one(p, ROLE).inputs["assumeRolePolicy"]
    assert "keyName" not in lt_inputs(p)
    assert all("keyName" not in i.inputs for i in p.of_type(INSTANCE))


def test_explicit_root_volume():
    p = preview_workload(gpu_inference(deploy=deploy_aws(root_volume_gib=400)))
    assert lt_inputs(p)["blockDeviceMappings"][0]["ebs"]["volumeSize"] == 400.0
