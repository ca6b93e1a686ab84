"""Pulumi YAML programs (`runtime: yaml`) are checked offline: config, variables,
fn:: built-ins, resources (our Workload and raw cloud resources), options, outputs.
Constructs beyond the subset make the stack "not checked", never a failure; so do other
languages."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from pulumi_aihw.contracts import UNKNOWN, WORKLOAD_TYPE
from pulumi_aihw.errors import StackError
from pulumi_aihw.preview import run_stack
from pulumi_aihw.preview.yaml_program import VALUE_FUNCTIONS, canonical
from pulumi_aihw.preview.yaml_subset import FUNCTIONS, support
from tests.run import ROOT, python

PROGRAM = """\
name: chat-yaml
runtime: yaml
config:
  maxUsdPerMonth:
    type: integer
    default: 1200
  team:
    type: string
    default: search
variables:
  ami:
    fn::invoke:
      function: aws:ec2:getAmi
      arguments:
        owners: [amazon]
        mostRecent: true
      return: id
  label:
    fn::join: ["-", ["batch", "${team}", "${pulumi.stack}"]]
resources:
  chat:
    type: aihw:index:Workload
    properties:
      specFile: ${pulumi.cwd}/workload.yaml
      workloadName: chat-yaml
      maxUsdPerMonth: ${maxUsdPerMonth}
  batch:
    type: aws:ec2:Instance
    properties:
      instanceType: p5.48xlarge
      ami: ${ami}
      tags:
        Name: ${label}
        Owner: team-${team}
        Peer: ${notebook.machineType}
        Subnet: ${notebook.selfLink}
    options:
      dependsOn: ["${notebook}"]
  notebook:
    type: gcp:compute:Instance
    properties:
      machineType: g2-standard-8
      zone: us-central1-a
      labels:
        spec: {fn::toJSON: {a: 1}}
outputs:
  offering: ${chat.offering}
  instanceType: ${batch.instanceType}
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "stacks" / "profiles", tmp_path / "stacks" / "profiles")
    stack = tmp_path / "stacks" / "chat-yaml"
    stack.mkdir()
    shutil.copy(ROOT / "stacks" / "aws-inferentia-inference" / "workload.yaml", stack)
    (stack / "Pulumi.yaml").write_text(PROGRAM)
    (stack / "Pulumi.dev.yaml").write_text("config:\n  chat-yaml:team: ranking\n")
    return tmp_path


def test_a_yaml_program_registers_what_pulumi_would(repo: Path):
    preview = run_stack(repo / "stacks" / "chat-yaml")
    by_name = {r.name: r for r in preview.resources}
    assert by_name["chat"].type == WORKLOAD_TYPE
    assert by_name["chat"].inputs["plan"]["chosen"]["offering"] == "inf2.xlarge"
    assert by_name["chat"].inputs["spec"]["name"] == "chat-yaml"
    batch = by_name["batch"]
    assert batch.type == "aws:ec2/instance:Instance"
    assert batch.inputs["ami"].startswith("ami-0")  # the offline placeholder answer
    tags = batch.inputs["tags"]
    assert tags["Name"] == "batch-ranking-dev" and tags["Owner"] == "team-ranking"  # config
    assert tags["Peer"] == "g2-standard-8"  # an input echoed by the other resource
    assert tags["Subnet"] is UNKNOWN  # computed by the provider: unknown in a preview
    assert by_name["notebook"].urn in batch.dependencies
    assert by_name["notebook"].inputs["labels"]["spec"] == '{"a": 1}'
    assert by_name["notebook"].type == "gcp:compute/instance:Instance"
    assert preview.outputs == {"offering": "inf2.xlarge", "instanceType": "p5.48xlarge"}


def test_aihw_check_checks_a_yaml_stack_beside_a_python_one(repo: Path):
    shutil.copytree(ROOT / "stacks" / "gcp-tpu-training", repo / "stacks" / "tpu")
    out = python("-m", "pulumi_aihw", "check", "stacks", "--format", "json", cwd=repo)
    assert out.returncode in (0, 1), out.stderr
    report = json.loads(out.stdout)
    assert [s["stack_dir"] for s in report["stacks"]] == ["stacks/chat-yaml", "stacks/tpu"]
    rows = {w["name"]: w for w in report["stacks"][0]["workloads"]}
    assert rows["chat-yaml"]["hardware"] == "inf2.xlarge x2"
    assert rows["batch"]["hardware"] == "p5.48xlarge x1" and rows["batch"]["power_kw"] > 0
    assert report["not_checked"] == [] and report["failed_stacks"] == []


def test_beyond_the_subset_or_another_language_is_not_checked_never_failed(repo: Path):
    (repo / "stacks" / "chat-yaml" / "Pulumi.yaml").write_text(
        PROGRAM + "  ref:\n    fn::stackReference: [org/other/prod, x]\n"
    )
    web = repo / "stacks" / "web"
    web.mkdir()
    (web / "Pulumi.yaml").write_text("name: web\nruntime: nodejs\n")
    out = python("-m", "pulumi_aihw", "check", "stacks", "--format", "json", cwd=repo)
    assert out.returncode == 0, out.stderr  # not checked is said, never a failure
    assert "not checked stacks/web: runtime nodejs" in out.stderr
    report = json.loads(out.stdout)
    assert report["stacks"] == [] and report["not_checked"] == [
        {
            "stack_dir": "stacks/chat-yaml",
            "reason": "runtime yaml (fn::stackReference is not supported offline)",
        },
        {"stack_dir": "stacks/web", "reason": "runtime nodejs"},
    ]
    assert report["failed_stacks"] == []


def test_a_broken_yaml_program_is_a_located_stack_error(repo: Path):
    stack = repo / "stacks" / "chat-yaml"
    bad = PROGRAM.replace("ami: ${ami}", "ami: ${amj}")
    (stack / "Pulumi.yaml").write_text(bad)
    with pytest.raises(StackError) as exc:
        run_stack(stack)
    text = str(exc.value)
    assert "Pulumi.yaml: resources.batch.properties.ami: unknown reference '${amj}'" in text
    loop = textwrap.dedent("""\
        name: loop
        runtime: yaml
        variables:
          a: ${b}
          b: ${a}
        resources:
          x:
            type: aws:ec2:Instance
            properties: {instanceType: "${a}"}
        """)
    (stack / "Pulumi.yaml").write_text(loop)
    with pytest.raises(StackError, match="refers to itself"):
        run_stack(stack)


def test_subset_support_and_tokens():
    assert set(VALUE_FUNCTIONS) | {"fn::invoke", "fn::readFile", "fn::secret"} == set(FUNCTIONS)
    assert canonical("aws:ec2:Instance") == "aws:ec2/instance:Instance"
    assert canonical("gcp:tpu:V2Vm") == "gcp:tpu/v2Vm:V2Vm"
    assert canonical("aws:ec2:getAmi") == "aws:ec2/getAmi:getAmi"
    assert canonical("aws:ec2/instance:Instance") == "aws:ec2/instance:Instance"
    assert canonical(WORKLOAD_TYPE) == WORKLOAD_TYPE


def test_support_names_what_is_beyond_the_subset(tmp_path: Path):
    (tmp_path / "Pulumi.yaml").write_text(
        "name: x\nruntime: yaml\nresources:\n  old:\n    type: aws:ec2:Instance\n"
        "    get: {id: i-123}\n  f:\n    type: aws:s3:BucketObject\n    properties:\n"
        "      source: {fn::fileAsset: ./a.txt}\n"
    )
    assert support(tmp_path) == (
        "resource old reads an existing resource (get:); fn::fileAsset is not supported offline"
    )
    (tmp_path / "Pulumi.yaml").write_text("name: x\nruntime: yaml\n")
    assert support(tmp_path) is None
