"""The EFA / Capacity Block table against EC2's own DescribeInstanceTypes (moto's copy)."""

from __future__ import annotations

import boto3
import pytest
from moto import mock_aws

from pulumi_aihw.catalog import load_catalog
from pulumi_aihw.targets.aws.instance_types import INSTANCE_FACTS, instance_facts

NOT_IN_EC2_DATA = {"dl1.24xlarge"}  # moto's DescribeInstanceTypes does not know dl1


@pytest.fixture(scope="module")
def ec2_types() -> dict[str, dict]:
    with mock_aws():
        client = boto3.client("ec2", region_name="us-east-1")
        names = sorted(INSTANCE_FACTS)
        out = {}
        for i in range(0, len(names), 50):
            resp = client.describe_instance_types(InstanceTypes=names[i : i + 50])
            out.update({t["InstanceType"]: t for t in resp["InstanceTypes"]})
        return out


def test_every_aws_catalog_offering_has_facts():
    offered = {o.offering for o in load_catalog().offerings if str(o.provider) == "aws"}
    assert offered - set(INSTANCE_FACTS) == NOT_IN_EC2_DATA


def test_efa_cards_match_describe_instance_types(ec2_types):
    for name, facts in INSTANCE_FACTS.items():
        cards = ec2_types[name]["NetworkInfo"]["NetworkCards"]
        efa = tuple(c["NetworkCardIndex"] for c in cards if "efa" in c["InterfaceTypes"])
        assert facts.efa_card_indexes == efa, name
        if efa:  # the layout uses EFA-only interfaces: every EFA card must accept them
            assert all(
                "efa-only" in c["InterfaceTypes"] for c in cards if c["NetworkCardIndex"] in efa
            ), name


def test_capacity_block_support_matches(ec2_types):
    for name, facts in INSTANCE_FACTS.items():
        classes = ec2_types[name]["SupportedUsageClasses"]
        assert facts.capacity_blocks == ("capacity-block" in classes), name


def test_issue_types_are_efa_capable():
    for name in (
        "p6-b200.48xlarge",
        "p5en.48xlarge",
        "p5.48xlarge",
        "p4d.24xlarge",
        "trn1.32xlarge",
        "trn1n.32xlarge",
        "trn2.48xlarge",
    ):
        assert instance_facts(name).efa_cards >= 4, name
    assert instance_facts("p5.48xlarge").efa_card_indexes == tuple(range(32))
    assert instance_facts("p6-b300.48xlarge").efa_card_indexes == tuple(range(1, 17))


def test_unknown_type_has_no_efa():
    assert instance_facts("m7i.large").efa_cards == 0
    assert not instance_facts("m7i.large").capacity_blocks
