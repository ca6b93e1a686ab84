"""`aihw check` and `aihw diff`: rendering, exit codes and bad input. The offline preview
engine is replaced through the command's `_run_stack` seam with hand-built previews."""

from __future__ import annotations

import json
import sys

import pytest
from typer.testing import CliRunner

from pulumi_aihw.cli import app
from pulumi_aihw.cli import check as check_cli

from ..check.sample import CONFIG, inferentia_stack, tpu_stack
from ..conftest import ROOT_DIR

PREVIEWS = {
    "stacks/aws-inferentia-inference": inferentia_stack,
    "stacks/gcp-tpu-training": tpu_stack,
}


@pytest.fixture
def run(monkeypatch):
    monkeypatch.chdir(ROOT_DIR)
    monkeypatch.setattr(check_cli, "_run_stack", lambda d, *_: PREVIEWS[str(d)]())
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args))


@pytest.fixture
def cfg(tmp_path):
    path = tmp_path / "cfg.json"
    path.write_text(json.dumps(CONFIG))
    return str(path)


def test_mandatory_violation_exits_1_with_every_format(run, cfg, tmp_path):
    for fmt in ("table", "markdown", "sarif", "junit", "json"):
        out = tmp_path / f"out.{fmt}"
        result = run(
            "check",
            "stacks/aws-inferentia-inference",
            "stacks/gcp-tpu-training",
            "--policy-config",
            cfg,
            "--format",
            fmt,
            "--today",
            "2026-11-01",
            "-o",
            str(out),
        )
        assert result.exit_code == 1, result.output
        assert out.read_text()


def test_without_mandatory_violation_exits_0(run):
    result = run(
        "check", "stacks/aws-inferentia-inference", "--format", "json", "--today", "2026-11-01"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["exit_code"] == 0 and data["summary"]["mandatory_violations"] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["stacks/nope"], "stacks/nope: stack directory not found"),
        (["stacks/aws-inferentia-inference", "--format", "pdf"], "--format: 'pdf' is not one of"),
        (["stacks/aws-inferentia-inference", "--today", "soon"], "--today: 'soon' is not a date"),
        (
            ["stacks/aws-inferentia-inference", "--policy-config", "missing.json"],
            "policy config not found",
        ),
    ],
)
def test_bad_input_exits_2_with_one_clear_message(run, args, message):
    result = run("check", *args)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_bad_policy_config_exits_2(run, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"aihw-cost-overbudget": "mandatory", "all": "loud"}')
    result = run("check", "stacks/aws-inferentia-inference", "--policy-config", str(bad))
    assert result.exit_code == 2
    assert "Did you mean 'aihw-cost-over-budget'?" in result.stderr
    assert "'loud' is not an enforcement level" in result.stderr
    bad.write_text("{not json")
    assert (
        "not valid JSON"
        in run("check", "stacks/aws-inferentia-inference", "--policy-config", str(bad)).stderr
    )


def test_missing_preview_engine_is_a_clear_error(monkeypatch):
    monkeypatch.chdir(ROOT_DIR)
    monkeypatch.setitem(sys.modules, "pulumi_aihw.preview", None)  # import fails
    result = CliRunner().invoke(app, ["check", "stacks/aws-inferentia-inference"])
    assert result.exit_code == 2 and "offline preview engine" in result.stderr


def test_diff_between_two_results(run, cfg, tmp_path):
    base, head = tmp_path / "base.json", tmp_path / "head.json"
    run("check", "stacks/aws-inferentia-inference", "--format", "json", "-o", str(base))
    run(
        "check",
        "stacks/aws-inferentia-inference",
        "stacks/gcp-tpu-training",
        "--format",
        "json",
        "-o",
        str(head),
    )
    result = run("diff", str(base), str(head))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!-- aihw-diff -->\n### aihw diff: +$16,391/month")
    assert "`stacks/gcp-tpu-training/trainer` (added)" in result.stdout


def test_diff_rejects_files_that_are_not_check_results(run, tmp_path):
    other = tmp_path / "plan.json"
    other.write_text('{"chosen": null, "candidates": []}')
    result = run("diff", str(other), str(other))
    assert result.exit_code == 2 and "not an `aihw check --format json` result" in result.stderr
