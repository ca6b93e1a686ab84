"""`aihw check` on every example stack, through the real preview engine and the pack."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from tests.run import ROOT, python

# Every stack with a Pulumi program, and the exit code `aihw check` must give it.
EXPECTED_EXIT = {
    "aws-gpu-inference": 0,
    "aws-inferentia-inference": 0,
    "aws-trainium-training": 0,
    "gcp-gpu-inference": 0,
    "gcp-tpu-inference": 0,
    "gcp-tpu-training": 0,
    "baremetal-gpu-inference": 0,
    "azure-gpu-inference": 0,
    "azure-mi300x-inference": 0,
}
PROGRAMS = sorted(p.parent.name for p in ROOT.glob("stacks/*/Pulumi.yaml"))


def aihw(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return python("-m", "pulumi_aihw", *args, cwd=cwd)


def test_every_stack_has_an_expected_exit_code() -> None:
    assert sorted(EXPECTED_EXIT) == PROGRAMS


@pytest.mark.parametrize("stack", PROGRAMS)
def test_check_each_example_stack(stack: str) -> None:
    out = aihw("check", f"stacks/{stack}", "--format", "json")
    assert out.returncode == EXPECTED_EXIT[stack], out.stderr
    report = json.loads(out.stdout)
    assert report["exit_code"] == EXPECTED_EXIT[stack]
    (entry,) = report["stacks"]
    assert entry["stack_dir"] == f"stacks/{stack}"
    (workload,) = entry["workloads"]
    assert workload["usd_per_month"] > 0
    assert workload["lock_in"] in ("none", "low", "medium", "high")
    assert workload["power_kw"] is None or workload["power_kw"] > 0  # unknown, never 0
    for finding in report["findings"]:
        assert finding["rule_id"].startswith("AIHW-") and finding["message"]
        # the file that wrote the value: the stack's spec, or the profile it extends
        assert finding["location"]["file"].startswith((f"stacks/{stack}/", "stacks/profiles/"))
    assert "Traceback" not in out.stderr


def test_check_all_stacks_at_once_as_a_pr_comment_sarif_and_junit(tmp_path: Path) -> None:
    stacks = [f"stacks/{s}" for s in PROGRAMS]
    md = aihw("check", "stacks", "--format", "markdown")  # the folder: every stack below it
    assert md.returncode == max(EXPECTED_EXIT.values()), md.stderr
    assert "skipped stacks/profiles: no Pulumi.yaml in it or below" in md.stderr
    for stack in PROGRAMS:
        assert stack in md.stdout
    assert "**Cost per month**\n\n```text\nstacks/" in md.stdout
    sarif_file = tmp_path / "aihw.sarif"
    out = aihw("check", *stacks, "--format", "sarif", "--output", str(sarif_file))
    assert out.returncode == max(EXPECTED_EXIT.values())
    schema = json.loads((ROOT / "tests/fixtures/sarif-schema-2.1.0.json").read_text())
    sarif = json.loads(sarif_file.read_text())
    jsonschema.validate(sarif, schema)
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
        for loc in r["locations"]
    }
    assert all(uri.startswith("stacks/") for uri in uris)
    junit = aihw("check", *stacks, "--format", "junit")
    suites = ET.fromstring(junit.stdout)
    assert int(suites.get("tests", "0")) > 0


def test_a_policy_config_can_make_a_finding_blocking(tmp_path: Path) -> None:
    cfg = tmp_path / "cfg.json"
    cfg.write_text(json.dumps({"aihw-cost-catalog-stale": "mandatory"}))
    out = aihw("check", "stacks/aws-inferentia-inference", "--policy-config", str(cfg))
    assert out.returncode == 1  # Inferentia2 publishes no TDP: now a mandatory violation
    assert "AIHW-COST-005" in out.stdout


def test_check_of_a_broken_stack_exits_2(tmp_path: Path) -> None:
    stack = tmp_path / "broken"
    stack.mkdir()
    (stack / "Pulumi.yaml").write_text("name: broken\nruntime: python\n")
    (stack / "__main__.py").write_text("raise RuntimeError('boom')\n")
    out = aihw("check", str(stack))
    assert out.returncode == 2
    assert "__main__.py" in out.stderr and "boom" in out.stderr
    assert "Traceback" not in out.stderr


def stack_with_profile_policy(tmp_path: Path, policy: str) -> Path:
    """A copy of aws-inferentia-inference whose platform profile has ``policy`` as its
    policy section (replacing the example's)."""
    import shutil

    shutil.copytree(ROOT / "stacks" / "aws-inferentia-inference", tmp_path / "chat")
    (tmp_path / "profiles").mkdir()
    text = (ROOT / "stacks" / "profiles" / "platform.yaml").read_text()
    head = text[: text.index("\npolicy:")]
    (tmp_path / "profiles" / "platform.yaml").write_text(f"{head}\npolicy:\n{policy}")
    return tmp_path / "chat"


def test_the_profile_policy_applies_and_a_policy_config_file_overrides_it(tmp_path: Path) -> None:
    # the planner takes prices up to 400 days older than the catalog (its AWS prices are
    # 259 days older); on 2027-12-01 they are over 400 days old
    policy = "  aihw-cost-catalog-stale: {enforcementLevel: mandatory, maxCatalogAgeDays: 400}\n"
    stack = stack_with_profile_policy(tmp_path, policy)
    later = ("--today", "2027-12-01")
    out = aihw("check", str(stack), "--format", "json", *later)
    assert out.returncode == 1, out.stderr  # the profile made "catalog stale" blocking
    report = json.loads(out.stdout)
    assert report["stacks"][0]["policy_profile"] == str(tmp_path / "profiles" / "platform.yaml")
    (finding,) = [f for f in report["findings"] if f["rule_id"] == "AIHW-COST-005"]
    assert finding["level"] == "mandatory"
    assert f"policy: {stack}: platform profile {tmp_path}/profiles/platform.yaml" in out.stderr

    cfg = tmp_path / "cfg.json"
    cfg.write_text(json.dumps({"aihw-cost-catalog-stale": {"enforcementLevel": "advisory"}}))
    out = aihw("check", str(stack), "--policy-config", str(cfg), "--format", "json", *later)
    assert out.returncode == 0, out.stderr  # the file wins
    assert f"platform profile {tmp_path}/profiles/platform.yaml, then {cfg}" in out.stderr


def test_the_planner_does_not_choose_what_the_profile_makes_a_mandatory_violation(
    tmp_path: Path,
) -> None:
    """Single-cloud lock-in made mandatory: the planner rejects Inferentia (the only
    candidate in budget, sold by AWS alone) instead of choosing it for `aihw check` to
    block, and says why."""
    stack = stack_with_profile_policy(tmp_path, "  aihw-lock-single-cloud: mandatory\n")
    out = aihw("check", str(stack), "--format", "json")
    assert out.returncode == 1  # a stack without a feasible plan: reported, never a pass
    assert json.loads(out.stdout)["failed_stacks"][0]["exit_code"] == 1
    assert "no feasible hardware for workload 'chat-llama3-8b'" in out.stderr
    assert "aws inf2.xlarge: mandatory policy AIHW-LOCK-004: inferentia is sold only by aws" in (
        out.stderr
    )
    assert "aihw-lock-single-cloud is mandatory in ../profiles/platform.yaml" in out.stderr


def test_a_bad_profile_policy_exits_2_naming_the_profile(tmp_path: Path) -> None:
    stack = stack_with_profile_policy(tmp_path, "  aihw-power-unknwn: mandatory\n")
    out = aihw("check", str(stack))
    assert out.returncode == 2
    assert f"error: {tmp_path}/profiles/platform.yaml (policy): aihw-power-unknwn: " in out.stderr
    assert "Did you mean 'aihw-power-unknown'?" in out.stderr and "Traceback" not in out.stderr
