"""`aihw preview FOLDER`: every stack below it previewed, failures reported, the others
shown. The isolated runner is replaced through the command's `_run_preview` seam."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pulumi_aihw.cli import app
from pulumi_aihw.cli import preview as preview_cli
from pulumi_aihw.errors import NoFeasiblePlanError, Problem, StackError

from ..check.sample import inferentia_stack, tpu_stack


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name, runtime in (("a", "python"), ("b", "python"), ("c", "python"), ("web", "nodejs")):
        (tmp_path / "stacks" / name).mkdir(parents=True)
        (tmp_path / "stacks" / name / "Pulumi.yaml").write_text(
            f"name: {name}\nruntime: {runtime}\n"
        )

    def run(stack_dir: str, *, options: object, stack: str | None) -> object:
        name = Path(stack_dir).name
        if name == "c":
            raise StackError(Problem("the program failed: boom", file=f"{stack_dir}/__main__.py"))
        return replace(inferentia_stack() if name == "a" else tpu_stack(), stack_dir=stack_dir)

    monkeypatch.setattr(preview_cli, "_run_preview", run)
    return tmp_path


def test_a_folder_of_stacks_is_previewed_with_failures_reported(repo: Path):
    result = CliRunner().invoke(app, ["preview", "stacks", "--format", "json"])
    assert result.exit_code == 2, result.output  # a broken stack among them
    doc = json.loads(result.stdout)
    assert [s["stack_dir"] for s in doc["stacks"]] == ["stacks/a", "stacks/b"]
    assert doc["failed"][0]["stack_dir"] == "stacks/c"
    assert doc["not_checked"] == [{"stack_dir": "stacks/web", "reason": "runtime nodejs"}]
    assert "error: stack stacks/c failed (broken stack)" in result.stderr
    table = CliRunner().invoke(app, ["preview", "stacks", "--exclude", "c"])
    assert table.exit_code == 0, table.output
    assert "Preview of stack dev (project chat, stacks/a)" in table.stdout
    assert "Preview of stack dev (project research, stacks/b)" in table.stdout


def test_a_workload_without_a_feasible_plan_is_exit_1(repo: Path, monkeypatch):
    def run(stack_dir: str, *, options: object, stack: str | None) -> object:
        raise NoFeasiblePlanError("no feasible plan for chat", ["over budget"])

    monkeypatch.setattr(preview_cli, "_run_preview", run)
    result = CliRunner().invoke(app, ["preview", "stacks", "--exclude", "web"])
    assert result.exit_code == 1 and "no feasible plan" in result.stderr
