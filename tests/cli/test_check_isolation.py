"""`aihw check` with hostile stack programs, through the real isolated runner: each one
is a failed stack (exit 2), never a pass, and the verdict of the other stacks is the
same as when they are checked alone."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pulumi_aihw.cli import app
from pulumi_aihw.cli import check as check_cli
from pulumi_aihw.cli.stack_options import StackRunOptions

GOOD = (
    "import pulumi\n"
    "pulumi.CustomResource('aws:ec2/instance:Instance', 'gpu', "
    "{'instanceType': 'p5.48xlarge', 'region': 'us-east-1'})\n"
)
HOSTILE = {
    "exits": ("import os\nos._exit(0)\n", "exited early"),
    "forges": ("open({out!r}, 'w').write('{{\"exit_code\": 0}}')\n", "tampered"),
    "reads-env": ("import os\nprint(os.environ['AIHW_CHECKER_TOKEN'])\n", "program error"),
    "sleeps": ("import time\ntime.sleep(3600)\n", "timeout"),
    "allocates": ("x = bytearray(8 * 1024**3)\n", "memory"),
}
SLEEPER_TIMEOUT_SECONDS = 2.0


def _stack(root: Path, name: str, main: str) -> str:
    d = root / name
    d.mkdir()
    (d / "Pulumi.yaml").write_text(f"name: {name}\nruntime: python\n")
    (d / "__main__.py").write_text(main)
    return str(d)


@pytest.fixture
def check(tmp_path, monkeypatch):
    """`aihw check` in-process; the programs run in their own processes as always. Only
    the sleeper gets a short time limit, so no other stack's verdict depends on how fast
    this machine is."""
    monkeypatch.setenv("AIHW_CHECKER_TOKEN", "only the checker has it")
    cfg = tmp_path / "cfg.json"
    cfg.write_text('{"aihw-cost-over-budget": {"maxUsdPerMonth": 20000}}')
    real = check_cli._run_stack

    def run_stack(d: Path, options: StackRunOptions):
        if d.name == "sleeps":
            options = replace(options, timeout_seconds=SLEEPER_TIMEOUT_SECONDS)
        return real(d, options)

    monkeypatch.setattr(check_cli, "_run_stack", run_stack)

    def invoke(*args: str):
        argv = ["check", *args, "--policy-config", str(cfg), "--memory-limit-mib", "1024"]
        return CliRunner().invoke(app, argv)

    return invoke


def test_every_hostile_program_is_a_failed_stack_and_the_others_keep_their_verdict(check, tmp_path):
    good = _stack(tmp_path, "good", GOOD)
    alone = tmp_path / "alone.json"
    assert check(good, "--format", "json", "-o", str(alone)).exit_code == 1
    out = tmp_path / "report.json"
    hostile = [
        _stack(tmp_path, name, GOOD + main.format(out=str(out)))
        for name, (main, _) in HOSTILE.items()
    ]
    result = check(good, *hostile, "--format", "json", "-o", str(out))
    assert result.exit_code == 2, result.output
    report = json.loads(out.read_text())  # the checker's report, not the forger's
    expected = json.loads(alone.read_text())
    assert report["stacks"] == expected["stacks"]
    assert report["findings"] == expected["findings"]
    assert report["exit_code"] == 2
    kinds = {Path(f["stack_dir"]).name: f["kind"] for f in report["failed_stacks"]}
    assert kinds == {name: kind for name, (_, kind) in HOSTILE.items()}
    for name, (_, kind) in HOSTILE.items():
        assert f"stack {tmp_path / name} failed ({kind})" in result.stderr


def test_a_failed_stack_shows_in_every_format(check, tmp_path):
    good = _stack(tmp_path, "good", GOOD)
    bad = _stack(tmp_path, "exits", GOOD + "import os\nos._exit(0)\n")
    for fmt, expected in (
        ("table", "FAILED stack"),
        ("markdown", "Stacks not checked"),
        ("junit", "<error"),
        ("sarif", '"executionSuccessful": false'),
    ):
        result = check(good, bad, "--format", fmt)
        assert result.exit_code == 2
        assert expected in result.stdout and "exited early" in result.stdout
