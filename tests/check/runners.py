"""Stand-in preview runners for the parallel runner's tests (module-level: a worker process
imports them by name). The stack folder's last part says what the "program" does."""

from __future__ import annotations

import os
from pathlib import Path

from pulumi_aihw.contracts import StackPreview
from pulumi_aihw.errors import NoFeasiblePlanError, Problem, StackError


def behave(stack_dir: str) -> StackPreview:
    name = Path(stack_dir).name
    if name.startswith("broken"):
        raise StackError(Problem("the program failed: RuntimeError: boom", file=stack_dir, line=3))
    if name.startswith("noplan"):
        raise NoFeasiblePlanError("no feasible plan for chat", ["over budget"])
    if name.startswith("exit"):
        os._exit(0)  # a program ending the process that runs it
    if name.startswith("bug"):
        raise KeyError("x")
    if name.startswith("noisy"):
        print("hello from the program")  # must not reach stdout
    return StackPreview(stack_dir, name, "dev", (), {"pid": os.getpid()})
