"""`aihw plan`: formats, exit codes, lock files, bad input, import hygiene."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pulumi_aihw.cli import app
from tests.conftest import REPO, STACKS

runner = CliRunner()
INF = str(STACKS / "aws-inferentia-inference" / "workload.yaml")


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def test_json_contract() -> None:
    result = run("plan", INF, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"chosen", "candidates", "catalog_as_of"}
    assert data["catalog_as_of"] == "2026-10-07"
    required = {
        "provider",
        "deployment",
        "accelerator_family",
        "accelerator",
        "offering",
        "region",
        "units",
        "accelerators",
        "usd_per_hour",
        "usd_per_month",
        "power_kw",
        "lock_in",
        "feasible",
        "rejected_because",
    }
    for cand in data["candidates"]:
        assert required <= set(cand)
        assert set(cand["lock_in"]) == {"level", "reasons"}
        assert cand["deployment"] in ("cloud", "bare-metal")
        assert cand["accelerator_family"] in ("gpu", "tpu", "inferentia", "trainium", "gaudi")
        for key in ("usd_per_hour", "usd_per_month", "power_kw"):
            assert cand[key] is None or cand[key] > 0  # unknown is null, never 0
    chosen = data["chosen"]
    assert (chosen["offering"], chosen["units"], chosen["power_kw"]) == ("inf2.xlarge", 2, 0.77)
    assert chosen["feasible"] and chosen["rejected_because"] == []


def test_table_and_markdown() -> None:
    table = run("plan", INF)
    assert table.exit_code == 0
    assert "Chosen: aws inf2.xlarge x2 instances in us-east-1" in table.stdout
    assert "~0.77 kW est. (0.48-0.77)" in table.stdout  # Inferentia2 power is an estimate
    assert "Rejected: 174 candidates" in table.stdout
    md = run("plan", INF, "--format", "markdown", "--top", "3")
    assert md.stdout.startswith("### Plan for chat-llama3-8b")
    assert "| 1 | aws | `inf2.xlarge` |" in md.stdout
    assert "<details><summary>174 rejected candidates</summary>" in md.stdout


def test_objective_option() -> None:
    result = run("plan", INF, "--format", "json", "--objective", "power")
    assert json.loads(result.stdout)["objective"] == "power"


def test_no_feasible_plan_exits_1_with_reasons(write: Callable[[str, str], Path]) -> None:
    path = write(
        "w.yaml",
        """
        name: tiny-budget
        owner: t
        phase: inference
        model: {name: m, parameters_billion: 70}
        demand: {tokens_per_second: 5000}
        constraints: {max_usd_per_month: 10}
    """,
    )
    result = run("plan", str(path), "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["chosen"] is None  # the plan is still printed
    assert "error: no feasible candidate for tiny-budget: " in result.stderr
    assert "over budget (" in result.stderr


def test_a_failed_pin_says_its_own_reason_first(write: Callable[[str, str], Path]) -> None:
    path = write(
        "w.yaml",
        """
        name: pinned
        owner: t
        phase: inference
        model: {name: m, parameters_billion: 70, context_length_tokens: 8192}
        pin: {offering: p5.48xlarge, units: 2}
        placement: {providers: [aws]}
        constraints: {max_usd_per_month: 20000}
    """,
    )
    result = runner.invoke(app, ["plan", str(path)], env={"COLUMNS": "80"})
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[1:3] == [
        "Pinned offering p5.48xlarge x2: not feasible",
        "  aws p5.48xlarge (us-east-1): over budget: $80,358/month > max $20,000/month",
    ]
    assert "Closest misses" not in result.stdout  # no wall of "not pinned" lines
    assert result.stderr.strip() == (
        "error: the pinned offering p5.48xlarge x2 is not feasible: over budget: "
        "$80,358/month > max $20,000/month"
    )
    data = json.loads(run("plan", str(path), "--format", "json").stdout)
    assert data["pin"] == "offering p5.48xlarge x2"


def test_bad_spec_exits_2_with_located_messages(write: Callable[[str, str], Path]) -> None:
    path = write("w.yaml", "name: x\nowner: t\nphase: serving\nmodel: {name: m}\n")
    result = run("plan", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"error: {path}:3: phase: 'serving' is not allowed. Allowed: training, fine-tuning, "
        "inference.",
        f"error: {path}:4: model.parameters_billion: required field is missing",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "--format: 'xml' is not one of: table, json, markdown"),
        (["--objective", "speed"], "--objective: 'speed' is not one of: cost, power, balanced"),
        (["--catalog", "/nonexistent/cat.json"], "catalog not found"),
    ],
)
def test_bad_options_exit_2(args: list[str], message: str) -> None:
    result = run("plan", INF, *args)
    assert result.exit_code == 2 and message in result.stderr


def test_usage_errors_exit_2() -> None:
    assert run("plan").exit_code == 2
    assert run("plan", INF, "--top", "0").exit_code == 2
    assert run("frobnicate").exit_code == 2


def test_lock_write_honour_and_stale(tmp_path: Path) -> None:
    spec = tmp_path / "workload.yaml"
    spec.write_text(
        (STACKS / "aws-gpu-inference" / "workload.yaml")
        .read_text()
        .replace("../profiles/platform.yaml", str(STACKS / "profiles/platform.yaml"))
    )
    first = run("plan", str(spec), "--lock", "--format", "json")
    assert first.exit_code == 0, first.stderr
    lock = tmp_path / "aihw.lock.json"
    data = json.loads(lock.read_text())
    assert data["chosen"] == {
        "provider": "aws",
        "offering": "g6e.xlarge",
        "region": "us-east-1",
        "units": 1,
        "accelerator": "l40s",
    }
    assert f"-> {lock}" in first.stderr
    honoured = json.loads(run("plan", str(spec), "--format", "json").stdout)
    assert honoured["lock_status"] == "honoured" and honoured["chosen"]["locked"]
    spec.write_text(spec.read_text().replace("tokens_per_second: 800", "tokens_per_second: 900"))
    stale = run("plan", str(spec), "--format", "json")
    assert json.loads(stale.stdout)["lock_status"] == "stale"
    assert "no longer matches" in stale.stderr
    ignored = json.loads(run("plan", str(spec), "--no-lock", "--format", "json").stdout)
    assert ignored["lock_status"] is None


def test_lock_is_not_written_without_a_feasible_plan(write: Callable[[str, str], Path]) -> None:
    path = write(
        "w.yaml",
        """
        name: tiny
        owner: t
        phase: inference
        model: {name: m, parameters_billion: 70}
        demand: {tokens_per_second: 5000}
        constraints: {max_usd_per_month: 10}
    """,
    )
    assert run("plan", str(path), "--lock").exit_code == 1
    assert not (path.parent / "aihw.lock.json").exists()


def test_corrupt_lock_file_is_bad_input(tmp_path: Path) -> None:
    spec = tmp_path / "w.yaml"
    spec.write_text(
        Path(INF)
        .read_text()
        .replace("../profiles/platform.yaml", str(STACKS / "profiles/platform.yaml"))
    )
    (tmp_path / "aihw.lock.json").write_text("{broken")
    result = run("plan", str(spec))
    assert result.exit_code == 2 and "aihw.lock.json:1: not valid JSON" in result.stderr


def test_output_file_is_written_atomically(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    assert run("plan", INF, "--format", "json", "--output", str(out)).exit_code == 0
    assert json.loads(out.read_text())["chosen"]["offering"] == "inf2.xlarge"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]  # no temp files left
    missing_dir = tmp_path / "no" / "plan.json"
    result = run("plan", INF, "--output", str(missing_dir))
    assert result.exit_code == 2 and "directory" in result.stderr


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def test_plan_imports_no_pulumi_and_exits_like_the_contract() -> None:
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['aihw', 'plan', {INF!r}, '--format', 'json']\n"
        "try:\n"
        "    runpy.run_module('pulumi_aihw', run_name='__main__')\n"
        "except SystemExit as e:\n"
        "    code = e.code\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in\n"
        "    ('pulumi', 'pulumi_aws', 'pulumi_gcp', 'pulumi_command', 'pulumi_policy', 'boto3',\n"
        "     'google'))\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=_env(), check=False
    )
    assert out.returncode == 0, out.stderr
    assert "HEAVY []" in out.stderr
    assert json.loads(out.stdout)["chosen"]["offering"] == "inf2.xlarge"


def test_unexpected_errors_are_reported_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pulumi_aihw.workflow as workflow

    def boom(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(workflow, "plan_workload", boom)
    result = run("plan", INF)
    assert result.exit_code == 70
    assert "internal error (a bug in aihw): ZeroDivisionError: boom" in result.stderr
    assert "Traceback" not in result.stderr
