"""--jobs: previews in parallel processes, each stack's failure its own, outcomes in order."""

from __future__ import annotations

import os

import pytest

from pulumi_aihw.check.parallel import run_stacks

from ..run import python
from .runners import behave

STACKS = ["s/ok-1", "s/broken", "s/ok-2", "s/exit", "s/noplan", "s/bug", "s/ok-3"]


@pytest.mark.parametrize(("jobs", "processes"), [(1, False), (2, False), (2, True)])
def test_a_failing_stack_among_good_ones(jobs: int, processes: bool):
    stacks = [s for s in STACKS if processes or s != "s/exit"]  # os._exit would end pytest
    done: list[str] = []
    outcomes = run_stacks(
        stacks, behave, jobs=jobs, processes=processes, on_done=lambda o: done.append(o.stack_dir)
    )
    assert [o.stack_dir for o in outcomes] == stacks
    assert sorted(done) == sorted(stacks)
    by = {o.stack_dir: o for o in outcomes}
    for ok in ("s/ok-1", "s/ok-2", "s/ok-3"):
        assert by[ok].preview is not None and by[ok].failure is None
    assert by["s/broken"].failure.problems == (
        "s/broken:3: the program failed: RuntimeError: boom",
    )
    assert (by["s/broken"].failure.kind, by["s/broken"].failure.exit_code) == ("broken stack", 2)
    assert (by["s/noplan"].failure.kind, by["s/noplan"].failure.exit_code) == (
        "no feasible plan",
        1,
    )
    assert by["s/bug"].failure.problems[0].startswith("internal error (a bug in aihw)")
    assert by["s/bug"].failure.exit_code == 70
    if processes:
        assert (
            "the preview process ended (exit code 0) before reporting"
            in (by["s/exit"].failure.problems[0])
        )
        pids = {by[s].preview.outputs["pid"] for s in ("s/ok-1", "s/ok-2", "s/ok-3")}
        assert os.getpid() not in pids and len(pids) == 3  # a process per stack


def test_a_programs_prints_never_reach_stdout():
    code = (
        "from pulumi_aihw.check.parallel import run_stacks\n"
        "from tests.check.runners import behave\n"
        "run_stacks(['s/noisy-1', 's/noisy-2'], behave, jobs=2, processes=True)\n"
        "print('report')\n"
    )
    out = python("-c", code)
    assert out.returncode == 0, out.stderr
    assert out.stdout == "report\n"
    assert out.stderr.count("hello from the program") == 2
