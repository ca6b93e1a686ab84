"""Progress for long work: one stderr line per item off a terminal, nothing on stdout."""

from __future__ import annotations

import io
import sys

import pytest

from pulumi_aihw.cli._common import track


@pytest.fixture
def seconds_per_step(monkeypatch: pytest.MonkeyPatch):
    """A fake clock: each item takes the given number of seconds, whatever the machine."""

    def use(step: float) -> None:
        ticks = iter(i * step for i in range(1000))
        monkeypatch.setattr("pulumi_aihw.cli._common.clock", lambda: next(ticks))

    return use


def test_a_single_slow_item_gets_a_line(capsys: pytest.CaptureFixture[str], seconds_per_step):
    seconds_per_step(1.5)
    assert list(track(["stacks/a"], "previewed", str)) == ["stacks/a"]
    assert capsys.readouterr().err == "[1/1] previewed stacks/a: 1.5 s\n"


def test_quiet_shows_no_progress(capsys: pytest.CaptureFixture[str], seconds_per_step, monkeypatch):
    seconds_per_step(5)
    monkeypatch.setattr("pulumi_aihw.cli._common._QUIET", True)
    assert list(track(["a", "b"], "checked", str)) == ["a", "b"]
    assert capsys.readouterr().err == ""


def test_one_line_per_item_in_logs(capsys: pytest.CaptureFixture[str]) -> None:
    seen = list(track(["stacks/a", "stacks/b"], "previewed", str))
    assert seen == ["stacks/a", "stacks/b"]
    out = capsys.readouterr()
    assert out.out == ""
    lines = out.err.splitlines()
    assert lines[0].startswith("[1/2] previewed stacks/a: ") and lines[0].endswith(" s")
    assert lines[1].startswith("[2/2] previewed stacks/b: ")


def test_a_single_quick_item_is_silent(capsys: pytest.CaptureFixture[str], seconds_per_step):
    seconds_per_step(0.2)
    assert list(track(["stacks/a"], "previewed", str)) == ["stacks/a"]
    assert capsys.readouterr().err == ""


def test_a_terminal_gets_a_transient_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    fake = Tty()
    monkeypatch.setattr(sys, "stderr", fake)
    assert list(track([1, 2, 3], "checked", str)) == [1, 2, 3]
    assert "[1/3]" not in fake.getvalue()  # the bar, not log lines


def test_check_shows_progress_per_stack(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from pulumi_aihw.cli import app
    from pulumi_aihw.cli import check as check_cli
    from tests.check.sample import inferentia_stack, tpu_stack

    previews = {
        "stacks/aws-inferentia-inference": inferentia_stack(),
        "stacks/gcp-tpu-training": tpu_stack(),
    }
    monkeypatch.setattr(check_cli, "_run_stack", lambda d, *_: previews[str(d)])
    result = CliRunner().invoke(app, ["check", *previews, "--format", "json", "--jobs", "1"])
    assert "[1/2] previewed stacks/aws-inferentia-inference" in result.stderr
    assert "[2/2] previewed stacks/gcp-tpu-training" in result.stderr
