"""`aihw init` through the real command: each target's stack passes `aihw plan`, `aihw
preview` and `aihw check`; existing files are kept unless --force; a bad profile exits 2
naming it, and nothing is written then."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from pulumi_aihw.scaffold import SCAFFOLDS
from tests.run import ROOT, python
from tests.stacks.layout import SCHEMA

PROFILE = ROOT / "stacks" / "profiles" / "platform.yaml"
OFFERING_KIND = {"aws": "aws", "gcp": "gcp", "azure": "azure", "baremetal": "owned"}


def aihw(*args: str) -> subprocess.CompletedProcess[str]:
    return python("-m", "pulumi_aihw", *args)


def listing(directory: Path) -> list[str]:
    """Every entry under ``directory``, hidden ones included (no staging left behind)."""
    return sorted(p.relative_to(directory).as_posix() for p in directory.rglob("*"))


@pytest.mark.slow
@pytest.mark.parametrize("target", sorted(SCAFFOLDS))
def test_init_output_passes_plan_preview_and_check(tmp_path: Path, target: str) -> None:
    stack = tmp_path / f"{target}-chat"
    out = aihw("init", str(stack), "--target", target)
    assert out.returncode == 0, out.stderr
    assert f"created {stack}" in out.stderr
    jsonschema.validate(yaml.safe_load((stack / "Pulumi.yaml").read_text()), SCHEMA)

    plan = aihw("plan", str(stack / "workload.yaml"), "--format", "json")
    assert plan.returncode == 0, plan.stderr
    chosen = json.loads(plan.stdout)["chosen"]
    assert chosen["provider"] == OFFERING_KIND[target]

    preview = aihw("preview", str(stack), "--format", "json")
    assert preview.returncode == 0, preview.stderr
    data = json.loads(preview.stdout)
    assert data["project"] == f"{target}-chat"
    assert data["plan"]["chosen"]["offering"] == chosen["offering"]

    check = aihw("check", str(stack), "--format", "json")
    assert check.returncode == 0, check.stderr
    assert json.loads(check.stdout)["summary"]["mandatory_violations"] == 0
    assert listing(tmp_path) == sorted([stack.name, *(f"{stack.name}/{f}" for f in listing(stack))])


@pytest.mark.slow
def test_init_with_a_profile_extends_it_by_a_relative_path(tmp_path: Path) -> None:
    stack = tmp_path / "teams" / "chat"  # parents are made
    out = aihw("init", str(stack), "--target", "gcp", "--profile", str(PROFILE))
    assert out.returncode == 0, out.stderr
    spec = yaml.safe_load((stack / "workload.yaml").read_text())
    assert (stack / spec["extends"]).resolve() == PROFILE.resolve()
    preview = aihw("preview", str(stack), "--format", "json")
    assert preview.returncode == 0, preview.stderr
    (workload,) = [r for r in json.loads(preview.stdout)["resources"] if r["name"] == "chat"]
    assert workload["inputs"]["spec"]["tags"]["cost-center"] == "ml-4711"  # from the profile
    check = aihw("check", str(stack))
    assert check.returncode == 0, check.stderr
    assert "platform profile" in check.stderr  # its policy config applied


def test_init_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    stack = tmp_path / "chat"
    stack.mkdir()
    (stack / "notes.md").write_text("ours\n")
    assert aihw("init", str(stack), "--target", "gcp").returncode == 0
    assert (stack / "notes.md").read_text() == "ours\n"  # other files are left alone
    (stack / "workload.yaml").write_text("# edited by the team\n")

    again = aihw("init", str(stack), "--target", "aws")
    assert again.returncode == 2
    assert "already exist" in again.stderr and "--force" in again.stderr
    assert "workload.yaml" in again.stderr and "Traceback" not in again.stderr
    assert (stack / "workload.yaml").read_text() == "# edited by the team\n"

    forced = aihw("init", str(stack), "--target", "aws", "--force")
    assert forced.returncode == 0, forced.stderr
    assert "providers: [aws]" in (stack / "workload.yaml").read_text()
    assert listing(tmp_path) == sorted(["chat", *(f"chat/{f}" for f in listing(stack))])


@pytest.mark.parametrize(
    ("profile_text", "expected"),
    [
        (None, "platform profile not found"),
        ("name: p\nallow: {providers: [aws]\n", "malformed YAML"),
        ("name: p\nceilings: {max_usd_per_month: -5}\n", "ceilings.max_usd_per_month"),
        ("name: p\nallow: {clouds: [aws]}\n", "allow.clouds"),
        ("name: p\npolicy: {aihw-power-unknwn: mandatory}\n", "Did you mean 'aihw-power-unknown'"),
    ],
    ids=["missing", "malformed", "invalid-value", "unknown-field", "bad-policy"],
)
def test_a_bad_profile_exits_2_naming_it_and_writes_nothing(
    tmp_path: Path, profile_text: str | None, expected: str
) -> None:
    profile = tmp_path / "platform.yaml"
    if profile_text is not None:
        profile.write_text(profile_text)
    before = listing(tmp_path)
    out = aihw("init", str(tmp_path / "new" / "chat"), "--profile", str(profile))
    assert out.returncode == 2
    assert f"error: {profile}" in out.stderr and expected in out.stderr
    assert "Traceback" not in out.stderr
    assert listing(tmp_path) == before  # no stack, no parent, no staging directory


def test_a_profile_that_rules_out_the_target_writes_nothing(tmp_path: Path) -> None:
    profile = tmp_path / "gcp-only.yaml"
    profile.write_text("name: gcp-only\nallow: {providers: [gcp]}\n")
    out = aihw("init", str(tmp_path / "chat"), "--target", "aws", "--profile", str(profile))
    assert out.returncode == 2
    assert f"{tmp_path / 'chat' / 'workload.yaml'}:" in out.stderr  # DIR's name, not staging
    assert "'aws' is not allowed by platform profile" in out.stderr
    assert "pick a --target the profile allows" in out.stderr
    assert listing(tmp_path) == ["gcp-only.yaml"]


def test_bad_target_and_directory_name(tmp_path: Path) -> None:
    out = aihw("init", str(tmp_path / "chat"), "--target", "oracle")
    assert (
        out.returncode == 2 and "'oracle' is not one of: aws, gcp, azure, baremetal" in out.stderr
    )
    out = aihw("init", str(tmp_path / "2024"))
    assert out.returncode == 2 and "pass --name" in out.stderr
    assert aihw("init", str(tmp_path / "2024"), "--name", "chat-2024").returncode == 0
    assert yaml.safe_load((tmp_path / "2024" / "Pulumi.yaml").read_text())["name"] == "chat-2024"


def test_the_owner_comes_from_the_option_else_the_profile(tmp_path: Path) -> None:
    profile = tmp_path / "platform.yaml"
    profile.write_text("name: p\ndefaults: {owner: ml-platform}\n")
    assert aihw("init", str(tmp_path / "a"), "--profile", str(profile)).returncode == 0
    assert "owner" not in yaml.safe_load((tmp_path / "a" / "workload.yaml").read_text())
    plan = aihw("plan", str(tmp_path / "a" / "workload.yaml"), "--format", "json")
    assert plan.returncode == 0, plan.stderr  # the profile's owner fills the spec
    out = aihw("init", str(tmp_path / "b"), "--profile", str(profile), "--owner", "team-b")
    assert out.returncode == 0, out.stderr
    assert yaml.safe_load((tmp_path / "b" / "workload.yaml").read_text())["owner"] == "team-b"
    assert aihw("init", str(tmp_path / "c")).returncode == 0
    assert yaml.safe_load((tmp_path / "c" / "workload.yaml").read_text())["owner"] == "my-team"
