"""Preview renderers over a hand-made StackPreview (pure: no engine)."""

from __future__ import annotations

import json

from pulumi_aihw.contracts import UNKNOWN, ResourceRecord, StackPreview
from pulumi_aihw.reports import PREVIEW_RENDERERS
from pulumi_aihw.reports.preview_text import UNKNOWN_MARKER, key_inputs, tree

STACK = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev"
WORKLOAD = "urn:pulumi:dev::p::pulumi:pulumi:Stack$aihw:index:Workload::chat"
TARGET = "urn:pulumi:dev::p::aihw:index:Workload$aihw:index:AwsTarget::chat-aws"


def rec(urn, type_, name, parent, inputs, custom=True, outputs=None):
    return ResourceRecord(urn, type_, name, parent, custom, inputs, outputs or {})


PLAN = {
    "chosen": {
        "provider": "aws",
        "offering": "g6e.xlarge",
        "region": "us-east-1",
        "units": 2.0,
        "usd_per_month": 2717.06,
        "power_kw": None,
        "lock_in_level": "low",
    },
    "catalog_as_of": "2026-10-07",
}

PREVIEW = StackPreview(
    stack_dir="stacks/demo",
    project="p",
    stack="dev",
    resources=(
        rec(STACK, "pulumi:pulumi:Stack", "p-dev", None, {}, custom=False),
        rec(WORKLOAD, "aihw:index:Workload", "chat", STACK, {"plan": PLAN}, custom=False),
        rec(TARGET, "aihw:index:AwsTarget", "chat-aws", WORKLOAD, {"units": 2.0}, custom=False),
        rec(
            TARGET + "$aws:ec2/launchTemplate:LaunchTemplate::chat-aws-lt",
            "aws:ec2/launchTemplate:LaunchTemplate",
            "chat-aws-lt",
            TARGET,
            {
                "instanceType": "g6e.xlarge",
                "imageId": "ami-0abc",
                "metadataOptions": {"httpTokens": "required"},
                "blockDeviceMappings": [{"ebs": {"volumeSize": 140.0, "encrypted": "true"}}],
                "iamInstanceProfile": {"arn": UNKNOWN},
            },
        ),
        rec(
            TARGET + "$aws:ec2/securityGroup:SecurityGroup::chat-aws-sg",
            "aws:ec2/securityGroup:SecurityGroup",
            "chat-aws-sg",
            TARGET,
            {
                "vpcId": "vpc-1",
                "ingress": [
                    {"protocol": "tcp", "fromPort": 8000.0, "cidrBlocks": ["10.0.0.0/8"]},
                    {"protocol": "-1", "fromPort": 0.0, "self": True},
                ],
            },
        ),
        rec(TARGET + "$x:y:Z::other", "x:y:Z", "other", TARGET, {"a": 1.0, "tags": {"k": "v"}}),
    ),
    outputs={"offering": "g6e.xlarge", "ids": UNKNOWN},
    diagnostics=("warning: stale lock",),
)


def test_json_lists_every_resource_with_engine_inputs():
    data = json.loads(PREVIEW_RENDERERS["json"](PREVIEW))
    assert (data["stack"], data["project"], data["stack_dir"]) == ("dev", "p", "stacks/demo")
    assert len(data["resources"]) == 6
    lt = next(r for r in data["resources"] if r["name"] == "chat-aws-lt")
    assert lt["type"] == "aws:ec2/launchTemplate:LaunchTemplate" and lt["parent"] == TARGET
    assert lt["inputs"]["iamInstanceProfile"] == {"arn": UNKNOWN_MARKER}
    assert lt["inputs"]["blockDeviceMappings"][0]["ebs"]["volumeSize"] == 140
    assert data["outputs"] == {"offering": "g6e.xlarge", "ids": UNKNOWN_MARKER}
    assert data["plan"]["chosen"]["offering"] == "g6e.xlarge"
    assert data["plan"]["chosen"]["power_kw"] is None  # unknown stays null, never 0
    assert data["plans"] == {"chat": data["plan"]}
    assert data["diagnostics"] == ["warning: stale lock"]


def test_table_shows_the_tree_key_inputs_and_the_plan():
    text = PREVIEW_RENDERERS["table"](PREVIEW)
    lines = text.splitlines()
    assert "Preview of stack dev (project p, stacks/demo): 6 resources" in lines[0]
    row = next(line for line in lines if "chat-aws-lt" in line)
    assert "├─ aws:ec2/launchTemplate:LaunchTemplate" in row
    assert "httpTokens=required" in row and "rootGiB=140" in row and "chat-aws " in row
    sg = next(line for line in lines if "chat-aws-sg" in line)
    assert "ingress=tcp:8000 10.0.0.0/8; all self" in sg
    assert "└─ x:y:Z" in text and "a=1" in text and "tags" not in text
    assert (
        "Plan: chat: aws g6e.xlarge x2 in us-east-1, $2,717/month, power unknown, lock-in low "
        "(catalog as of 2026-10-07)" in text
    )
    assert f"ids: {UNKNOWN_MARKER}" in text


def test_tree_order_is_depth_first():
    names = [r.name for _, r in tree(PREVIEW)]
    assert names == ["p-dev", "chat", "chat-aws", "chat-aws-lt", "chat-aws-sg", "other"]


def test_key_inputs_fall_back_to_scalars():
    record = PREVIEW.resources[-1]
    assert key_inputs(record) == {"a": 1.0}
