"""What ``aihw check`` and ``aihw preview`` share: finding the stacks in the folders given,
the options for many stacks (``--exclude``, ``--jobs``), and running their previews in
parallel with progress on stderr (one line per stack, never on stdout)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typer

from pulumi_aihw.check.discovery import Discovery, FoundStack, discover
from pulumi_aihw.check.models import FailedStack, NotChecked
from pulumi_aihw.check.parallel import Outcome, Runner, run_stacks
from pulumi_aihw.cli._common import err, note
from pulumi_aihw.contracts import StackPreview
from pulumi_aihw.errors import ConfigError, Problem, StackError

TAMPERED = "tampered"
"""The kind of a stack whose program wrote a protected file (``FailedStack.kind``)."""
RUNTIMES = ("python", "yaml")
"""Runtimes ``aihw`` previews offline; other stacks are reported as not checked."""


def folders_argument(what: str) -> Any:
    return typer.Argument(
        help=f"Stack folders (with Pulumi.yaml), or folders to search for {what}.",
        show_default=False,
        metavar="FOLDER...",
    )


def exclude_option() -> Any:
    return typer.Option(
        "--exclude",
        help="Skip folders matching this glob (their path as shown, e.g. 'stacks/legacy-*', "
        "or their name); repeatable.",
        metavar="GLOB",
    )


def jobs_option() -> Any:
    return typer.Option(
        "--jobs",
        "-j",
        envvar="AIHW_JOBS",
        help="Previews run in parallel processes (default: the CPU count; 1: in this "
        "process, one after another).",
        show_default=False,
        metavar="N",
    )


def job_count(jobs: int | None) -> int:
    if jobs is None:
        return (
            len(os.sched_getaffinity(0))
            if hasattr(os, "sched_getaffinity")
            else (os.cpu_count() or 1)
        )
    if jobs < 1:
        raise ConfigError(f"--jobs: {jobs} is not a number of processes (1 or more)")
    return jobs


def find_stacks(folders: Sequence[Path], exclude: Sequence[str]) -> Discovery:
    """The stacks in ``folders``; :class:`StackError` (exit 2) when there is none."""
    found = discover(folders, exclude)
    for s in found.skipped:
        note(f"skipped {s.path}: {s.reason}")
    if not found.stacks:
        raise StackError(
            Problem(
                "no stack found (a folder with Pulumi.yaml) in "
                + ", ".join(str(f) for f in folders)
                + ". To fix: pass the stack folders or a folder above them"
            )
        )
    return found


def split_runtimes(stacks: Sequence[FoundStack]) -> tuple[list[str], list[NotChecked]]:
    """(stacks to preview, stacks previews cannot run: another language, or Pulumi YAML
    beyond the subset aihw runs offline). Never a failure."""
    from pulumi_aihw.preview.yaml_subset import support

    run, skip = [], []
    for s in stacks:
        reason = None
        if s.runtime is not None and s.runtime not in RUNTIMES:
            reason = f"runtime {s.runtime}"
        elif s.runtime == "yaml" and (why := support(Path(s.path))) is not None:
            reason = f"runtime yaml ({why})"
        if reason is None:
            run.append(s.path)
        else:
            skip.append(NotChecked(s.path, reason))
            note(f"not checked {s.path}: {reason} (aihw runs Python and Pulumi YAML programs)")
    return run, skip


@dataclass
class Previews:
    """Previews by stack folder, and the stacks whose preview failed."""

    previews: dict[str, StackPreview] = field(default_factory=dict)
    failed: list[FailedStack] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        if outcome.preview is not None:
            self.previews[outcome.stack_dir] = outcome.preview
        elif outcome.failure is not None:
            self.failed.append(outcome.failure)


class Progress:
    """``[3/40] previewed stacks/x: 1.2 s`` per stack on stderr, and each failed stack's
    problems (``defer`` kinds are checked again before their problems are shown)."""

    def __init__(self, total: int, offset: int = 0, defer: tuple[str, ...] = ()) -> None:
        self.total, self.count, self.defer = total, offset, defer

    def __call__(self, outcome: Outcome) -> None:
        self.count += 1
        head = f"[{self.count}/{self.total}]"
        f = outcome.failure
        if f is not None:
            note(f"{head} FAILED {outcome.stack_dir} ({f.kind}, {outcome.seconds:.1f} s)")
            if f.kind not in self.defer:
                problems(f)
        elif self.total > 1 or outcome.seconds >= 1.0:
            note(f"{head} previewed {outcome.stack_dir}: {outcome.seconds:.1f} s")


def problems(f: FailedStack) -> None:
    for problem in f.problems:
        err(f"error: stack {f.stack_dir} failed ({f.kind}): {problem}")


def preview_stacks(
    stacks: Sequence[str], runner: Runner, jobs: int, into: Previews, done: int = 0
) -> None:
    """Preview ``stacks`` (``done`` more were found in the cache) into ``into``, ``jobs``
    at a time (threads: the runner isolates each program in its own process).

    A program that writes a file only the checker writes (``-o``) is caught by comparing
    the file before and after its run; with several programs running at once, the ones
    beside it see the change too. So every stack reported as tampered in a parallel run
    is run again alone, and only one that tampers when alone is reported so."""
    from pulumi_aihw.preview.warm import warm_start

    parallel = jobs > 1 and len(stacks) > 1
    progress = Progress(len(stacks) + done, done, (TAMPERED,) if parallel else ())
    with warm_start(len(stacks)):
        outcomes = run_stacks(stacks, runner, jobs=jobs, on_done=progress)
    suspects = [o.stack_dir for o in outcomes if o.failure and o.failure.kind == TAMPERED]
    if parallel and suspects:
        note(
            f"{len(suspects)} stacks saw a protected file change while running in parallel: "
            "running them again one at a time to tell which changed it"
        )
        again = {o.stack_dir: o for o in run_stacks(suspects, runner, jobs=1)}
        for outcome in again.values():
            if outcome.failure is not None:
                problems(outcome.failure)
        outcomes = [again.get(o.stack_dir, o) for o in outcomes]
    for outcome in outcomes:
        into.add(outcome)
