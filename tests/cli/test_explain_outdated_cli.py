"""`aihw explain` and `aihw outdated` on the examples; the scheduled workflow's commands."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from pulumi_aihw.catalog import load_catalog
from pulumi_aihw.cli import app
from tests.conftest import REPO, STACKS
from tests.planner.test_outdated import repriced

runner = CliRunner()
INF = str(STACKS / "aws-inferentia-inference" / "workload.yaml")
WORKFLOW = REPO / "examples" / "github" / "aihw-outdated.yml"


def run(*args: str, width: int = 100):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={"COLUMNS": str(width)})


def test_explain_text_has_every_section() -> None:
    result = run("explain", INF, "g6e.xlarge")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for head in (
        "Standing: not feasible: 1 reason",
        "Family: NVIDIA GPU",
        "Sizing (",
        "Price",
        "Power",
        "Lock-in: low",
        "Rejected because:",
        "To make it feasible:",
    ):
        assert head in out, head
    assert "+$159/month budget (constraints.max_usd_per_month: 1,359)" in " ".join(out.split())
    assert all(len(line) <= 100 for line in out.splitlines())


def test_explain_json_and_errors() -> None:
    data = json.loads(run("explain", INF, "inf2.xlarge", "--format", "json").stdout)
    assert data["standing"].startswith("#1 of 1 feasible (the plan's choice)")
    assert data["candidate"]["estimate"]["tokens_per_second"]["value"] > 0
    assert data["to_make_feasible"] == [] and data["family"] == "inferentia"
    bad = run("explain", INF, "inf2.xlargee")
    assert bad.exit_code == 2 and "Did you mean 'inf2.xlarge'" in bad.stderr
    region = run("explain", INF, "inf2.xlarge", "--region", "mars-1")
    assert region.exit_code == 2 and "not offered in mars-1" in region.stderr


@pytest.fixture
def stacks(tmp_path: Path) -> Path:
    """The examples copied, each locked with `aihw plan --lock`."""
    root = tmp_path / "stacks"
    for name in ("aws-inferentia-inference", "gcp-tpu-training", "profiles"):
        shutil.copytree(STACKS / name, root / name)
    shutil.copytree(REPO / "examples" / "compare-families", root / "compare")
    for name in ("aws-inferentia-inference", "gcp-tpu-training", "compare"):
        assert run("plan", str(root / name / "workload.yaml"), "--lock").exit_code == 0
    return root


def _dirs(root: Path) -> list[str]:
    return [str(root / n) for n in ("aws-inferentia-inference", "gcp-tpu-training", "compare")]


def test_outdated_with_current_locks_exits_0(stacks: Path) -> None:
    result = run("outdated", *_dirs(stacks))
    assert result.exit_code == 0, result.output
    assert "0 of 3 locked workloads need re-planning" in result.stdout
    data = json.loads(run("outdated", *_dirs(stacks), "--format", "json").stdout)
    assert [w["state"] for w in data["workloads"]] == ["up to date"] * 3
    assert all(w["usd_saved"] == 0 and w["still_feasible"] for w in data["workloads"])


def test_a_stale_lock_exits_1(stacks: Path) -> None:
    spec = stacks / "aws-inferentia-inference" / "workload.yaml"
    spec.write_text(spec.read_text().replace("tokens_per_second: 800", "tokens_per_second: 750"))
    result = run("outdated", str(spec), "--format", "json")
    assert result.exit_code == 1
    row = json.loads(result.stdout)["workloads"][0]
    assert row["state"] == "stale" and row["needs_action"] and row["still_feasible"] is True


def test_a_lock_now_more_expensive_exits_1_and_write_locks_replans_it(
    stacks: Path, tmp_path: Path
) -> None:
    later = repriced(load_catalog(), "inf2.xlarge", 0.7582 * 3, dt.date(2026, 12, 1))
    path = tmp_path / "catalog-2026-12-01.json"
    path.write_text(later.document.model_dump_json())
    compare = str(stacks / "compare")
    result = run("outdated", compare, "--catalog", str(path), width=80)
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert all(len(line) <= 80 for line in out.splitlines())
    text = " ".join(out.split())
    assert "compare/workload.yaml): saving" in text
    assert (
        "re-planning saves $1,962/mo (59%); power -0.32 kW (estimated); lock-in high -> low" in text
    )
    md = run("outdated", compare, "--catalog", str(path), "--format", "markdown").stdout
    assert "| `chat-llama3-8b-compare` | saving |" in md
    rewritten = run("outdated", compare, "--catalog", str(path), "--write-locks")
    assert rewritten.exit_code == 1  # it reports what it found, then re-locks
    assert "re-locked aws g6e.xlarge x1" in rewritten.stderr
    lock = json.loads((stacks / "compare" / "aihw.lock.json").read_text())
    assert lock["chosen"]["offering"] == "g6e.xlarge" and lock["catalog_as_of"] == "2026-12-01"
    assert run("outdated", compare, "--catalog", str(path)).exit_code == 0


def test_a_threshold_above_the_saving_exits_0(stacks: Path, tmp_path: Path) -> None:
    later = repriced(load_catalog(), "inf2.xlarge", 0.7582 * 3, dt.date(2026, 12, 1))
    path = tmp_path / "later.json"
    path.write_text(later.document.model_dump_json())
    result = run("outdated", str(stacks / "compare"), "--catalog", str(path), "--threshold", "60")
    assert result.exit_code == 0 and "saving under the 60% threshold" in result.stdout


def test_outdated_bad_input_exits_2(tmp_path: Path) -> None:
    result = run("outdated", str(tmp_path / "missing"), str(tmp_path))
    assert result.exit_code == 2
    assert "missing: not found" in result.stderr and "no workload.yaml" in result.stderr


def test_the_scheduled_workflow_runs_commands_that_exist(stacks: Path) -> None:
    flow = yaml.safe_load(WORKFLOW.read_text())
    triggers = flow.get("on", flow.get(True))  # YAML 1.1 reads the key `on` as true
    assert triggers["schedule"][0]["cron"].endswith("* * 1")  # weekly
    steps = flow["jobs"]["outdated"]["steps"]
    script = "\n".join(s.get("run", "") for s in steps)
    names = {c.name for c in app.registered_commands}
    used = set(re.findall(r"\baihw ([a-z]+)", script))
    assert used == {"check", "outdated", "diff"} and used <= names
    assert "--write-locks" in script and "--threshold" in script
    pr = next(s for s in steps if "create-pull-request" in s.get("uses", ""))
    assert pr["with"]["body-path"].endswith("body.md")
    result = run(
        "outdated", *_dirs(stacks), "--threshold", "10", "--write-locks", "--format", "markdown"
    )
    assert result.exit_code == 0 and result.stdout.startswith("### aihw outdated:")
