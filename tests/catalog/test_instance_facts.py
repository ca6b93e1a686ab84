"""``catalog-src/instance_facts.csv`` (the one owner of multi-node, EFA and Capacity
Block facts) against EC2's own DescribeInstanceTypes (moto's bundled copy), and every
cloud instance in the catalog carrying its row."""

from __future__ import annotations

import csv

import boto3
import pytest
from moto import mock_aws

from pulumi_aihw.catalog import load_catalog
from tests.conftest import REPO

FACTS_CSV = REPO / "catalog-src" / "instance_facts.csv"


def _not_in_ec2_data() -> set[str]:
    """Types moto's DescribeInstanceTypes does not know (their facts come from elsewhere)."""
    with (REPO / "catalog-src" / "aws_instance_facts.csv").open() as fh:
        return {
            r["instance_type"] for r in csv.DictReader(fh) if not r["source"].startswith("moto ")
        }


NOT_IN_EC2_DATA = _not_in_ec2_data()


def _facts() -> dict[tuple[str, str], dict[str, str]]:
    with FACTS_CSV.open() as fh:
        return {(r["provider"], r["offering"]): r for r in csv.DictReader(fh)}


AWS_FACTS = {name: row for (prov, name), row in _facts().items() if prov == "aws"}


@pytest.fixture(scope="module")
def ec2_types() -> dict[str, dict]:
    with mock_aws():
        client = boto3.client("ec2", region_name="us-east-1")
        names = sorted(set(AWS_FACTS) - NOT_IN_EC2_DATA)
        out = {}
        for i in range(0, len(names), 50):
            resp = client.describe_instance_types(InstanceTypes=names[i : i + 50])
            out.update({t["InstanceType"]: t for t in resp["InstanceTypes"]})
        return out


def test_every_cloud_instance_in_the_catalog_takes_its_facts_from_the_table():
    facts = _facts()
    for o in load_catalog().offerings:
        if str(o.deployment) != "cloud" or o.unit_kind == "slice":
            assert o.efa_cards == 0 and not o.capacity_blocks, o.key
            continue
        row = facts[(str(o.provider), o.offering)]
        assert o.multi_node == (row["multi_node"] == "true"), o.key
        assert o.efa_cards == int(row["efa_cards"]), o.key
        assert o.efa_first_card == int(row["efa_first_card"]), o.key
        assert o.capacity_blocks == (row["capacity_blocks"] == "true"), o.key
        assert row["source"], o.key


def test_efa_cards_match_describe_instance_types(ec2_types):
    for name, row in AWS_FACTS.items():
        if name in NOT_IN_EC2_DATA:
            assert row["efa_cards"] == "0", name
            continue
        cards = ec2_types[name]["NetworkInfo"]["NetworkCards"]
        efa = tuple(c["NetworkCardIndex"] for c in cards if "efa" in c["InterfaceTypes"])
        first, n = int(row["efa_first_card"]), int(row["efa_cards"])
        assert tuple(range(first, first + n)) == efa, name
        if efa:  # the layout uses EFA-only interfaces: every EFA card must accept them
            assert all(
                "efa-only" in c["InterfaceTypes"] for c in cards if c["NetworkCardIndex"] in efa
            ), name


def test_capacity_block_support_matches(ec2_types):
    for name, row in AWS_FACTS.items():
        if name in NOT_IN_EC2_DATA:
            continue
        classes = ec2_types[name]["SupportedUsageClasses"]
        assert (row["capacity_blocks"] == "true") == ("capacity-block" in classes), name


def test_multi_node_aws_types_have_efa_except_where_ec2_data_is_missing():
    for name, row in AWS_FACTS.items():
        if row["multi_node"] == "true" and name not in NOT_IN_EC2_DATA:
            assert int(row["efa_cards"]) >= 4, name


def test_issue_types_are_efa_capable():
    cat = load_catalog()

    def offering(name: str):
        return cat.find(provider="aws", offering=name)[0]

    for name in (
        "p6-b200.48xlarge",
        "p5en.48xlarge",
        "p5.48xlarge",
        "p4d.24xlarge",
        "trn1.32xlarge",
        "trn1n.32xlarge",
        "trn2.48xlarge",
    ):
        assert offering(name).efa_cards >= 4 and offering(name).multi_node, name
    assert offering("p5.48xlarge").efa_card_indexes == tuple(range(32))
    assert offering("p6-b300.48xlarge").efa_card_indexes == tuple(range(1, 17))
    assert offering("g6e.xlarge").efa_cards == 0 and not offering("g6e.xlarge").capacity_blocks


def test_a_cloud_instance_without_facts_fails_the_build():
    from pulumi_aihw.catalog.build import build_catalog
    from pulumi_aihw.errors import CatalogError

    rows = (
        "provider,offering,accelerator,accelerator_count,vcpus,memory_gib,region,"
        "on_demand_usd_per_hour,spot_usd_per_hour,billing_unit,source\n"
        "aws,g9.xlarge,NVIDIA L4,1,4,16,us-east-1,1.0,,hour,skypilot-org/skypilot-catalog x\n"
    )
    accs = (REPO / "catalog-src" / "accelerators.csv").read_text()
    with pytest.raises(CatalogError, match=r"aws g9\.xlarge has no row in .*instance_facts"):
        build_catalog(accs, [rows], instance_facts_csv=FACTS_CSV.read_text())
