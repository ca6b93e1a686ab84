"""Every reproducer of issue 18 as a regression test: each bad input is a clear exit 2
(one located message, never a traceback, exit 70 or a hang), through the real command."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pulumi_aihw.cli import app

from .conftest import ROOT_DIR

BASE = """name: chat
owner: team-chat
phase: inference
model:
  name: m
  parameters_billion: 8
demand:
  tokens_per_second: 500
"""
TRAINING = BASE.replace("phase: inference", "phase: training").replace(
    "demand:\n  tokens_per_second: 500\n", "training:\n  tokens_billion: 10\n  deadline_days: 30\n"
)
BOMB = "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9 if p else ['x'] * 9)}]\n"
    for p, n in zip(["", "a", "b", "c", "d", "e", "f"], "abcdefg", strict=True)
)


def aihw(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stderr


def _write(tmp_path: Path, text: str, name: str = "w.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (BASE.replace("parameters_billion: 8", "parameters_billion: " + "9" * 5000), "5000 digits"),
        (BASE + "tags: &a {x: *a}\n", "a cycle"),
        (BOMB + BASE, "alias bomb"),
        (
            BASE.replace("parameters_billion: 8", "parameters_billion: !!int 0xZZ"),
            "not a valid int",
        ),
        (
            BASE + "suppressions:\n  - {rule: AIHW-COST-001, reason: because, "
            "expires: !!timestamp 2026-99-99}\n",
            "suppressions[0].expires: expected a date (YYYY-MM-DD), got '2026-99-99'",
        ),
        (
            BASE
            + "suppressions:\n  - {rule: AIHW-COST-001, reason: because, expires: 2026-02-30}\n",
            "suppressions[0].expires: expected a date (YYYY-MM-DD), got '2026-02-30'",
        ),
        (BASE + "extends: " + "x" * 300 + ".yaml\n", "extends: platform profile"),
        (BASE + "extends: ~nosuchuser/p.yaml\n", "'~nosuchuser/p.yaml' not found"),
        (TRAINING.replace("deadline_days: 30", "deadline_days: 5.0e-324"), "too close to zero"),
        (BASE.replace("tokens_per_second: 500", "tokens_per_second: .nan"), "not a finite number"),
        (BASE.replace("tokens_per_second: 500", "tokens_per_second: 1e400"), "expected a number"),
        ("a: " + "[" * 100_000 + "\n", "nesting depth"),
        ("a: " + "[" * 70 + "1" + "]" * 70 + "\n" + BASE, "levels deep"),
    ],
    ids=[
        "huge-integer",
        "self-referencing-alias",
        "alias-bomb",
        "bad-int-tag",
        "bad-timestamp-tag",
        "impossible-date",
        "long-extends",
        "extends-unknown-user",
        "denormal",
        "nan",
        "infinity",
        "100000-brackets",
        "deep-nesting",
    ],
)
def test_bad_spec_is_exit_2_with_a_located_message(tmp_path, text, message):
    for command in ("validate", "plan"):
        code, err = aihw(command, _write(tmp_path, text))
        assert code == 2, err
        assert message in err and "w.yaml" in err


def test_a_fifo_dev_zero_a_directory_and_a_huge_file_are_refused_unread(tmp_path):
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    big = _write(tmp_path, "# " + "x" * (2 * 1024 * 1024) + "\n" + BASE, "big.yaml")
    for path, message in (
        (str(fifo), "not a regular file"),
        ("/dev/zero", "not a regular file"),
        (str(tmp_path), "is a directory"),
        (big, "more than the limit of 1,048,576 bytes"),
    ):
        code, err = aihw("validate", path)
        assert (code, message in err) == (2, True), err


def test_non_utf8_and_control_characters(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_bytes(b"name: \xff\n")
    assert aihw("validate", str(path)) == (
        2,
        f"error: {path}: workload spec is not UTF-8 text (byte 6 cannot be decoded)\n",
    )
    text = BASE.replace("phase: inference", 'phase: "a\\e[31m\\a"')
    code, err = aihw("validate", _write(tmp_path, text))
    assert code == 2 and "\x1b" not in err and "\\x1b[31m" in err


def test_an_error_flood_is_capped_with_a_count(tmp_path):
    text = "".join(f"k{i}: 1\n" for i in range(500)) + BASE
    code, err = aihw("validate", _write(tmp_path, text))
    lines = err.splitlines()
    assert code == 2 and len(lines) == 51
    assert lines[-1] == "error: ... and 450 more problems (the first 50 shown)"


def test_validate_reports_every_independent_problem_in_one_run(tmp_path):
    text = BASE.replace("owner: team-chat", "owner: team-chat\nextends: missing.yaml")
    text = text.replace("parameters_billion: 8", "parameters_billion: -8") + "colour: red\n"
    code, err = aihw("validate", _write(tmp_path, text))
    assert code == 2
    assert "platform profile 'missing.yaml' not found" in err
    assert "model.parameters_billion: must be greater than 0" in err
    assert "unknown field 'colour'" in err
    assert "required field is missing" not in err  # nothing a profile could have given


def test_validate_json(tmp_path):
    good = ROOT_DIR / "stacks/aws-inferentia-inference/workload.yaml"
    bad = _write(tmp_path, BASE.replace("phase: inference", "phase: x"))
    result = CliRunner().invoke(app, ["validate", str(good), bad, "--format", "json"])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [f["valid"] for f in data["files"]] == [True, False] and data["valid"] is False
    (problem,) = data["files"][1]["problems"]
    assert problem["path"] == "phase" and problem["line"] == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"aihw-cost-over-budget": {"maxUsdPerMonth": NaN}}', "NaN and Infinity are refused"),
        ('{"aihw-cost-over-budget": {"maxUsdPerMonth": Infinity}}', "NaN and Infinity"),
        ('{"aihw-cost-over-budget": {"maxUsdPerMonth": 1e999}}', "not a finite number"),
        ("[" * 100_000, "levels deep"),
        ('{"all": "mandatroy"}', "Did you mean 'mandatory'?"),
        ('{"aihw-cost-over-budget": "advisry"}', "Did you mean 'advisory'?"),
    ],
)
def test_bad_policy_config_is_exit_2_before_any_stack_runs(tmp_path, monkeypatch, text, message):
    from pulumi_aihw.cli import check as check_cli

    def never(*_):
        raise AssertionError("a stack ran before the policy config was checked")

    monkeypatch.setattr(check_cli, "_run_stack", never)
    monkeypatch.chdir(ROOT_DIR)
    cfg = _write(tmp_path, text, "cfg.json")
    code, err = aihw("check", "stacks/aws-inferentia-inference", "--policy-config", cfg)
    assert code == 2 and message in err, err


@pytest.mark.parametrize(
    "text",
    [
        "[]",
        '{"version": 1, "stacks": [{}], "findings": []}',
        '{"version": 1, "stacks": [], "findings": [{"rule_id": 1}]}',
        '{"version": 1, "stacks": [{"stack_dir": "s", "workloads": [{"name": "w", '
        '"usd_per_month": "lots"}]}], "findings": []}',
        '{"version": 1, "stacks": [], "findings": [], "x": ' + "9" * 5000 + "}",
        "[" * 100_000,
    ],
)
def test_malformed_diff_inputs_are_exit_2(tmp_path, text):
    good = tmp_path / "good.json"
    good.write_text('{"version": 1, "stacks": [], "findings": []}')
    code, err = aihw("diff", str(good), _write(tmp_path, text, "head.json"))
    assert code == 2 and "head.json" in err, err


def test_region_and_format_typos_get_did_you_mean():
    code, err = aihw("catalog", "--region", "us-est-1")
    assert code == 2 and "Did you mean 'us-east-1' or 'us-west-1'?" in err
    code, err = aihw("plan", "x.yaml", "--format", "jsn")
    assert code == 2 and "Did you mean 'json'?" in err


def test_output_directory_is_checked_before_any_work(tmp_path, monkeypatch):
    from pulumi_aihw.cli import check as check_cli

    monkeypatch.setattr(check_cli, "_run_stack", lambda *_: pytest.fail("previewed first"))
    monkeypatch.chdir(ROOT_DIR)
    code, err = aihw("check", "stacks/aws-inferentia-inference", "-o", str(tmp_path / "no/x"))
    assert code == 2 and "does not exist" in err
    # a read-only directory (root writes anywhere, so the permission answer is faked)
    import pulumi_aihw.cli._files as files

    monkeypatch.setattr(files, "writable", lambda _: False)
    code, err = aihw(
        "plan", "stacks/aws-inferentia-inference/workload.yaml", "-o", str(tmp_path / "x")
    )
    assert code == 2 and "not writable" in err


def test_plan_lock_writes_both_files_or_neither(tmp_path, monkeypatch):
    spec = tmp_path / "w.yaml"
    spec.write_text(
        (ROOT_DIR / "stacks/aws-inferentia-inference/workload.yaml")
        .read_text()
        .replace("../profiles/", f"{ROOT_DIR}/stacks/profiles/")
    )
    out = tmp_path / "out.json"
    out.write_text("before")
    lock_dir = tmp_path / "locks"
    code, err = aihw(
        "plan", str(spec), "-o", str(out), "--lock", "--lock-file", str(lock_dir / "l")
    )
    assert code == 2 and "does not exist" in err
    assert out.read_text() == "before"  # the report was not replaced without its lock file

    import pulumi_aihw.cli._files as files

    real = files.os.replace
    calls = []

    def fail_second(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(files.os, "replace", fail_second)
    code, err = aihw("plan", str(spec), "-o", str(out), "--lock")
    assert code == 2 and "No space left on device" in err
    assert out.read_text() == "before"  # put back
    assert not (tmp_path / "aihw.lock.json").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "w.yaml"]
