"""What `aihw check` and `aihw preview` share for many stacks (cli/_stacks.py)."""

from __future__ import annotations

from collections import Counter

from pulumi_aihw.cli._stacks import Previews, preview_stacks
from pulumi_aihw.contracts import StackPreview
from pulumi_aihw.errors import Problem, StackTamperedError


def test_stacks_seen_tampering_in_parallel_are_run_again_alone(capsys):
    """A forger's write is seen by every run beside it: only a stack that tampers when
    run alone is reported as tampered."""
    calls: Counter[str] = Counter()

    def runner(stack_dir: str) -> StackPreview:
        calls[stack_dir] += 1
        if stack_dir == "s/forger" or (stack_dir == "s/beside" and calls[stack_dir] == 1):
            raise StackTamperedError(Problem("the program wrote out.json", file=stack_dir))
        return StackPreview(stack_dir, "p", "dev", ())

    into = Previews()
    preview_stacks(["s/forger", "s/beside", "s/ok"], runner, 2, into)
    assert sorted(into.previews) == ["s/beside", "s/ok"]
    assert [(f.stack_dir, f.kind) for f in into.failed] == [("s/forger", "tampered")]
    assert calls == Counter({"s/forger": 2, "s/beside": 2, "s/ok": 1})
    err = capsys.readouterr().err
    assert "error: stack s/forger failed (tampered)" in err
    assert "error: stack s/beside failed" not in err


def test_one_job_runs_each_stack_once():
    calls: Counter[str] = Counter()

    def runner(stack_dir: str) -> StackPreview:
        calls[stack_dir] += 1
        raise StackTamperedError(Problem("wrote out.json", file=stack_dir))

    into = Previews()
    preview_stacks(["s/a", "s/b"], runner, 1, into)
    assert calls == Counter({"s/a": 1, "s/b": 1}) and len(into.failed) == 2
