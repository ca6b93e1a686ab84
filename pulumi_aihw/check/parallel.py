"""``--jobs N``: previews of many stacks in parallel, behind one seam.

:func:`run_stacks` takes the stacks, the job count and a *runner*: a callable
``runner(stack_dir) -> StackPreview`` that raises an :class:`AihwError` for a stack that
cannot be previewed. Each outcome is a preview or a :class:`FailedStack` naming the stack
and its errors: one broken stack never stops the others.

Two ways to run ``jobs`` at a time:

- ``processes=False`` (what ``aihw check`` and ``aihw preview`` use): threads, for a runner
  that isolates each program itself (:func:`pulumi_aihw.preview.run_stack_isolated`
  runs it in its own process against a monitor in this one);
- ``processes=True``: for an in-process runner (``pulumi_aihw.preview.run_stack``,
  trusted code: tests, benchmarks). Every stack runs in its own child process forked
  from a server that imported ``preload`` once, so a child starts warm and a program
  that crashes or ends its process (``os._exit``) fails its own stack only; a child's
  stdout goes to stderr. The runner must be picklable (a module-level function).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from pulumi_aihw.check.models import FailedStack
from pulumi_aihw.contracts import StackPreview
from pulumi_aihw.errors import EXIT_INTERNAL, AihwError

Runner = Callable[[str], StackPreview]


@dataclass(frozen=True)
class Outcome:
    stack_dir: str
    preview: StackPreview | None
    failure: FailedStack | None
    seconds: float


def run_one(runner: Runner, stack_dir: str) -> Outcome:
    """``runner(stack_dir)`` as an :class:`Outcome`; never raises (but on Ctrl-C)."""
    start = time.perf_counter()
    try:
        preview = runner(stack_dir)
        return Outcome(stack_dir, preview, None, time.perf_counter() - start)
    except AihwError as exc:
        failure = FailedStack.of(stack_dir, exc)
    except Exception as exc:  # a bug: this stack fails (exit 70), the others go on
        message = f"internal error (a bug in aihw) while previewing: {type(exc).__name__}: {exc}"
        failure = FailedStack(stack_dir, "internal error", (message,), EXIT_INTERNAL)
    return Outcome(stack_dir, None, failure, time.perf_counter() - start)


def _child(conn: Connection, runner: Runner, stack_dir: str) -> None:
    os.dup2(2, 1)  # the program's prints go to stderr, never into a report on stdout
    try:
        conn.send(run_one(runner, stack_dir))
    finally:
        conn.close()


def _context(preload: Sequence[str]) -> Any:
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(list(preload))
        return ctx
    return multiprocessing.get_context("spawn")


def _died(stack_dir: str, exitcode: int | None, seconds: float) -> Outcome:
    how = f"exit code {exitcode}" if exitcode is not None and exitcode >= 0 else "a signal"
    if exitcode is not None and exitcode < 0:
        how = f"signal {-exitcode}"
    message = (
        f"{stack_dir}: the preview process ended ({how}) before reporting: the program "
        "may end its process (os._exit), crash the interpreter or run out of memory"
    )
    return Outcome(stack_dir, None, FailedStack(stack_dir, "exited early", (message,)), seconds)


def _receive(proc: Any, stack: str, start: float, conn: Connection) -> Outcome:
    """The child's outcome, or a failure saying the process died before sending one."""
    try:
        outcome: Outcome = conn.recv()
    except (EOFError, OSError):
        proc.join()
        return _died(stack, proc.exitcode, time.perf_counter() - start)
    finally:
        conn.close()
    proc.join()
    return outcome


def run_stacks(
    stacks: Sequence[str],
    runner: Runner,
    *,
    jobs: int,
    on_done: Callable[[Outcome], None] | None = None,
    processes: bool = False,
    preload: Sequence[str] = (),
) -> list[Outcome]:
    """Preview every stack with ``runner``, ``jobs`` at a time; outcomes in ``stacks``'
    order. ``jobs <= 1`` (or one stack) runs in this thread, one after another."""
    done: dict[str, Outcome] = {}

    def finish(outcome: Outcome) -> None:
        done[outcome.stack_dir] = outcome
        if on_done is not None:
            on_done(outcome)

    if jobs <= 1 or len(stacks) <= 1:
        for stack in stacks:
            finish(run_one(runner, stack))
    elif processes:
        _in_processes(stacks, runner, jobs, finish, preload)
    else:
        _in_threads(stacks, runner, jobs, finish)
    return [done[s] for s in stacks]


def _in_threads(
    stacks: Sequence[str], runner: Runner, jobs: int, finish: Callable[[Outcome], None]
) -> None:
    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="aihw-preview") as pool:
        pending = {pool.submit(run_one, runner, s) for s in stacks}
        while pending:
            ready, pending = wait_futures(pending, return_when=FIRST_COMPLETED)
            for future in ready:
                finish(future.result())


def _in_processes(
    stacks: Sequence[str],
    runner: Runner,
    jobs: int,
    finish: Callable[[Outcome], None],
    preload: Sequence[str],
) -> None:
    ctx = _context(preload)
    pending = list(reversed(stacks))
    running: dict[Any, tuple[Any, str, float, Connection]] = {}
    try:
        while pending or running:
            while pending and len(running) < jobs:
                stack = pending.pop()
                parent, child = ctx.Pipe(duplex=False)
                proc = ctx.Process(target=_child, args=(child, runner, stack), daemon=True)
                proc.start()
                child.close()
                running[parent] = (proc, stack, time.perf_counter(), parent)
            for ready in wait(list(running)):
                proc, stack, start, conn = running.pop(ready)
                finish(_receive(proc, stack, start, conn))
    finally:
        for proc, _, _, conn in running.values():
            proc.terminate()
            proc.join()
            conn.close()
