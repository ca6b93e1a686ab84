"""Secure defaults on everything the AWS target provisions: IMDSv2 required, encrypted
gp3 root volumes, no ingress from the internet unless the spec opens a port, no public
IPs, and the aihw tags on every resource."""

from __future__ import annotations

import pytest

from pulumi_aihw.contracts import TAG_OFFERING, TAG_OWNER, TAG_WORKLOAD, StackPreview
from tests.specs import deploy_aws, gpu_inference, inf2_inference, pinned
from tests.targets.engine import (
    GROUP,
    INSTANCE,
    LAUNCH_TEMPLATE,
    SECURITY_GROUP,
    TAGGABLE,
    preview_workload,
)

INTERNET = {"0.0.0.0/0", "::/0"}

CASES = {
    "gpu-instances": gpu_inference(),
    "inf2-instances": inf2_inference(),
    "efa-training-fleet": pinned("trn1.32xlarge", 4, phase="training"),
    "spot-fleet-byo-network": pinned(
        "g6.xlarge",
        8,
        constraints={"purchase_option": "spot"},
        deploy=deploy_aws(vpc_id="vpc-0aaa", subnet_ids=["subnet-0aaa"]),
    ),
    "bought-capacity-block": pinned(
        "p4d.24xlarge",
        2,
        phase="training",
        constraints={"purchase_option": "capacity-block"},
        deploy=deploy_aws(capacity_block={"purchase": True, "start_date": "2026-11-02"}),
    ),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def preview(request) -> StackPreview:
    return preview_workload(CASES[request.param])


def test_imdsv2_required(preview):
    for lt in preview.of_type(LAUNCH_TEMPLATE):
        assert lt.inputs["metadataOptions"]["httpTokens"] == "required"
        assert lt.inputs["metadataOptions"]["httpEndpoint"] == "enabled"


def test_encrypted_gp3_root_volume(preview):
    for lt in preview.of_type(LAUNCH_TEMPLATE):
        (root,) = lt.inputs["blockDeviceMappings"]
        assert root["ebs"]["encrypted"] == "true"
        assert root["ebs"]["volumeType"] == "gp3"
        assert root["ebs"]["volumeSize"] >= 100


def test_no_ingress_from_the_internet(preview):
    groups = preview.of_type(SECURITY_GROUP)
    assert groups
    for sg in groups:
        for rule in sg.inputs.get("ingress", []):
            sources = set(rule.get("cidrBlocks", [])) | set(rule.get("ipv6CidrBlocks", []))
            assert not sources & INTERNET, rule


def test_no_public_ip(preview):
    for i in preview.of_type(INSTANCE):
        assert i.inputs.get("associatePublicIpAddress", False) is False
    for lt in preview.of_type(LAUNCH_TEMPLATE):
        for nic in lt.inputs.get("networkInterfaces", []):
            assert nic.get("associatePublicIpAddress", "false") == "false"


def test_tags_present(preview):
    expected = {TAG_WORKLOAD: "chat", TAG_OWNER: "team-chat", "cost-center": "ml-4711"}
    tagged = [r for r in preview.resources if r.type in TAGGABLE]
    assert len(tagged) >= 4  # role, profile, security group, launch template at least
    for r in tagged:
        tags = r.inputs["tags"]
        assert expected.items() <= tags.items(), r.type
        assert tags[TAG_OFFERING]
    for lt in preview.of_type(LAUNCH_TEMPLATE):
        kinds = {s["resourceType"] for s in lt.inputs["tagSpecifications"]}
        assert kinds == {"instance", "volume", "network-interface"}
        assert all(expected.items() <= s["tags"].items() for s in lt.inputs["tagSpecifications"])
    for group in preview.of_type(GROUP):
        tags = {t["key"]: t for t in group.inputs["tags"]}
        assert tags[TAG_WORKLOAD]["propagateAtLaunch"] is True


def test_ports_open_only_as_the_spec_says():
    data = gpu_inference(
        network={
            "ingress": [
                {"port": 443, "cidrs": ["0.0.0.0/0"], "description": "public API"},
                {"port": 8000, "to_port": 8001, "cidrs": ["10.0.0.0/8", "fd00::/8"]},
            ]
        },
        deploy=deploy_aws(vpc_id="vpc-0aaa", subnet_ids=["subnet-0aaa"]),
    )
    (sg,) = preview_workload(data).of_type(SECURITY_GROUP)
    assert sg.inputs["ingress"] == [
        {
            "protocol": "tcp",
            "fromPort": 443.0,
            "toPort": 443.0,
            "cidrBlocks": ["0.0.0.0/0"],
            "description": "public API",
        },
        {
            "protocol": "tcp",
            "fromPort": 8000.0,
            "toPort": 8001.0,
            "cidrBlocks": ["10.0.0.0/8"],
            "ipv6CidrBlocks": ["fd00::/8"],
            "description": "aihw workload chat: port 8000",
        },
    ]


def test_egress_is_web_ports_only_by_default(preview):
    for sg in preview.of_type(SECURITY_GROUP):
        outside = [r for r in sg.inputs["egress"] if not r.get("self")]
        assert sorted(r["fromPort"] for r in outside) == [80.0, 443.0]
        assert all(r["protocol"] == "tcp" and r["toPort"] == r["fromPort"] for r in outside)


def test_imds_hop_limit_2_and_no_detailed_monitoring_by_default(preview):
    for lt in preview.of_type(LAUNCH_TEMPLATE):
        assert lt.inputs["metadataOptions"]["httpPutResponseHopLimit"] == 2
        assert lt.inputs["monitoring"] == {"enabled": False}


@pytest.mark.parametrize(("egress", "ports"), [("https", [443.0]), ("none", []), ("all", [0.0])])
def test_egress_hop_limit_and_monitoring_are_settings(egress, ports):
    spec = pinned(
        "g6.xlarge",
        1,
        deploy=deploy_aws(egress=egress, metadata_hop_limit=1, detailed_monitoring=True),
    )
    p = preview_workload(spec)
    (sg,) = p.of_type(SECURITY_GROUP)
    assert sorted(r["fromPort"] for r in sg.inputs.get("egress", [])) == ports
    if egress == "all":
        assert sg.inputs["egress"][0]["protocol"] == "-1"
    (lt,) = p.of_type(LAUNCH_TEMPLATE)
    assert lt.inputs["metadataOptions"]["httpPutResponseHopLimit"] == 1
    assert lt.inputs["monitoring"] == {"enabled": True}
