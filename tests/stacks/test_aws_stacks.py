"""The example AWS stacks: their layout, and `aihw preview` on each one
through the real command (a subprocess), with its exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.stacks.layout import aihw, assert_stack_layout, preview_json

AWS_STACKS = {
    "aws-gpu-inference": ("g6e.xlarge", 1, "aws:ec2/instance:Instance"),
    "aws-inferentia-inference": ("inf2.xlarge", 2, "aws:ec2/instance:Instance"),
    "aws-trainium-training": ("trn1.32xlarge", 8, "aws:autoscaling/group:Group"),
}


@pytest.mark.parametrize("name", sorted(AWS_STACKS))
def test_stack_layout(name):
    assert_stack_layout(name, "aws")


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(AWS_STACKS))
def test_aihw_preview_json(name):
    offering, units, compute_type = AWS_STACKS[name]
    data = preview_json(name, offering, units)
    types = [r["type"] for r in data["resources"]]
    assert compute_type in types and "aihw:index:Workload" in types
    for r in data["resources"]:
        assert set(r) >= {"type", "name", "parent", "inputs"}
    lt = next(r for r in data["resources"] if r["type"].endswith("LaunchTemplate"))
    assert lt["inputs"]["metadataOptions"]["httpTokens"] == "required"
    if name == "aws-trainium-training":
        assert "aws:ec2/placementGroup:PlacementGroup" in types
        assert len(lt["inputs"]["networkInterfaces"]) == 1 + 8
        assert lt["inputs"]["blockDeviceMappings"][0]["ebs"]["volumeSize"] == 500  # stack config
    if name == "aws-gpu-inference":  # bring-your-own network from Pulumi.dev.yaml
        sg = next(r for r in data["resources"] if r["type"].endswith("SecurityGroup"))
        assert sg["inputs"]["vpcId"] == "vpc-0a1b2c3d4e5f67890"


@pytest.mark.slow
def test_aihw_preview_table():
    result = aihw("preview", "stacks/aws-inferentia-inference")
    assert result.returncode == 0, result.stderr
    assert "aws:ec2/launchTemplate:LaunchTemplate" in result.stdout
    assert "Plan: chat: aws inf2.xlarge x2 in us-east-1" in result.stdout


def broken(tmp_path: Path, main: str) -> Path:
    (tmp_path / "Pulumi.yaml").write_text("name: broken\nruntime: python\n")
    (tmp_path / "__main__.py").write_text(main)
    return tmp_path


@pytest.mark.slow
def test_broken_stack_program_exits_2_naming_file_and_error(tmp_path):
    d = broken(tmp_path, "import pulumi\n\nraise KeyError('subnet_ids')\n")
    result = aihw("preview", str(d))
    assert result.returncode == 2
    assert (
        f"error: {d / '__main__.py'}:3: the program failed: KeyError: 'subnet_ids'" in result.stderr
    )
    assert "Traceback" not in result.stderr and result.stdout == ""


@pytest.mark.slow
def test_syntax_error_and_missing_project_exit_2(tmp_path):
    d = broken(tmp_path, "def (:\n")
    result = aihw("preview", str(d))
    assert result.returncode == 2
    assert f"{d / '__main__.py'}:1: syntax error" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    result = aihw("preview", str(empty))
    assert result.returncode == 2
    assert f"skipped {empty}: no Pulumi.yaml in it or below" in result.stderr
    assert f"error: no stack found (a folder with Pulumi.yaml) in {empty}" in result.stderr


def test_bad_format_is_exit_2():
    result = aihw("preview", "stacks/aws-gpu-inference", "--format", "yaml")
    assert result.returncode == 2 and "--format: 'yaml' is not one of: table, json" in result.stderr
