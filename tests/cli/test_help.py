"""The CLI of a well-kept tool: help without Python types, every option described, exit
code 70 listed, -q/--quiet, shell completion, JSON from diff and init, and --version /
--help that load no planner."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from pulumi_aihw.cli import app
from tests.conftest import ROOT_DIR


def _commands() -> list[tuple[list[str], object]]:
    root = typer.main.get_command(app)
    out: list[tuple[list[str], object]] = [([], root)]
    for name, cmd in root.commands.items():  # type: ignore[attr-defined]
        out.append(([name], cmd))
        for sub, subcmd in getattr(cmd, "commands", {}).items():
            out.append(([name, sub], subcmd))
    return out


COMMANDS = _commands()
TYPE_LEAK = re.compile(r"<(bool|str|int|float|path|list\[[^\]]*\]|Path)>|\bNoneType\b")


@pytest.mark.parametrize("columns", ["80", "120"])
@pytest.mark.parametrize(
    ("argv", "cmd"), COMMANDS, ids=[" ".join(a) or "aihw" for a, _ in COMMANDS]
)
def test_help_has_no_python_types_and_lists_exit_code_70(argv, cmd, columns):
    result = CliRunner().invoke(app, [*argv, "--help"], env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    assert not TYPE_LEAK.search(result.stdout), result.stdout
    assert "70 an internal error" in " ".join(result.stdout.split())
    width = int(columns)
    assert all(len(line) <= max(width, 100) for line in result.stdout.splitlines())


@pytest.mark.parametrize(
    ("argv", "cmd"), COMMANDS, ids=[" ".join(a) or "aihw" for a, _ in COMMANDS]
)
def test_every_option_and_argument_is_described(argv, cmd):
    for param in cmd.params:  # type: ignore[attr-defined]
        assert param.help, f"aihw {' '.join(argv)}: {param.name} has no help"
        if not getattr(param, "is_flag", False) and param.param_type_name == "option":
            assert param.metavar, f"aihw {' '.join(argv)}: {param.name} has no metavar"


def test_quiet_keeps_output_and_errors_only():
    spec = str(ROOT_DIR / "stacks/aws-inferentia-inference/workload.yaml")
    loud = CliRunner().invoke(app, ["validate", spec])
    quiet = CliRunner().invoke(app, ["-q", "validate", spec])
    assert "ok:" in loud.stderr and quiet.stderr == "" and quiet.exit_code == 0
    bad = CliRunner().invoke(app, ["-q", "validate", "missing.yaml"])
    assert bad.exit_code == 2 and "not found" in bad.stderr


def test_shell_completion_is_offered(monkeypatch):
    # Typer detects the shell from the process tree, which is python under pytest-xdist.
    monkeypatch.setattr("typer.completion._get_shell_name", lambda: "bash")
    result = CliRunner().invoke(app, ["--show-completion"])
    assert result.exit_code == 0 and "complete" in result.stdout


def test_version_and_help_do_not_import_the_planner():
    code = (
        "import sys\nfrom typer.testing import CliRunner\nfrom pulumi_aihw.cli import app\n"
        "for argv in (['--version'], ['--help'], ['plan', '--help']):\n"
        "    assert CliRunner().invoke(app, argv).exit_code == 0\n"
        "loaded = [m for m in ('pulumi_aihw.planner', 'pulumi_aihw.spec.models', 'pulumi',"
        " 'rich.console') if m in sys.modules]\n"
        "print(loaded)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_init_json_says_what_it_created_and_planned(tmp_path):
    result = CliRunner().invoke(app, ["init", str(tmp_path / "svc"), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert "workload.yaml" in data["files"] and data["target"] == "aws"
    assert data["plan"]["provider"] == "aws" and data["plan"]["offering"]
    assert result.stderr == ""  # the notes are the JSON now


def test_diff_json(tmp_path):
    doc = {
        "version": 1,
        "stacks": [
            {"stack_dir": "s", "workloads": [{"name": "w", "usd_per_month": 10.0, "power_kw": 1.0}]}
        ],
        "findings": [],
    }
    base = tmp_path / "base.json"
    base.write_text(json.dumps(doc))
    doc["stacks"][0]["workloads"][0]["usd_per_month"] = 25.0
    head = tmp_path / "head.json"
    head.write_text(json.dumps(doc))
    result = CliRunner().invoke(app, ["diff", str(base), str(head), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["totals"]["usd_per_month"]["change"] == 15.0
    assert data["workloads"][0]["usd_per_month"] == {"base": 10.0, "head": 25.0, "change": 15.0}
