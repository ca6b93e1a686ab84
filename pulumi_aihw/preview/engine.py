"""Run a Pulumi program under Pulumi's mock engine and record what it registers.

No Pulumi CLI, no credentials, no network: resources echo their inputs as in a
``pulumi preview`` (ids and provider-computed outputs unknown), provider functions
get placeholder answers (``invokes.py``). Shared by ``aihw preview``, ``aihw check``
and the GCP and bare-metal targets' tests.

- :func:`run_program` runs a callable (tests use it directly);
- :func:`run_stack` runs a stack directory's ``__main__.py`` with its stack config.

Both can run many times in one process (one at a time) and return resources sorted
by URN. A broken program raises :class:`StackError` naming the file and line.
"""

from __future__ import annotations

import asyncio
import atexit
import gc
import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pulumi.runtime import config as pulumi_config
from pulumi.runtime import mocks, settings
from pulumi.runtime.stack import run_in_stack
from pulumi.runtime.sync_await import _sync_await

from pulumi_aihw.contracts import StackPreview
from pulumi_aihw.errors import Problem, StackError
from pulumi_aihw.preview.failure import program_failure
from pulumi_aihw.preview.mocks import PreviewMocks, Recording, RecordingMonitor
from pulumi_aihw.preview.project import read_project

_LOCK = threading.Lock()
"""Pulumi's runtime settings are process-wide: one run at a time."""

_closing_loops_at_exit = False


def _close_event_loops() -> None:
    """Close the event loops Pulumi's mock runtime left open in its worker threads.

    Unclosed, they die in a reference cycle with their self-pipe sockets at interpreter
    exit, in no set order, and sometimes print ``Exception ignored in
    BaseEventLoop.__del__ ... Invalid file descriptor: -1`` after a command finished."""
    for obj in gc.get_objects():
        if isinstance(obj, asyncio.BaseEventLoop) and not obj.is_closed() and not obj.is_running():
            obj.close()


def run_program(
    program: Callable[[], Any],
    *,
    project: str = "project",
    stack: str = "dev",
    config: dict[str, str] | None = None,
    secret_keys: tuple[str, ...] = (),
    dry_run: bool = True,
    stack_dir: str = ".",
) -> StackPreview:
    """Run ``program`` inside a new stack under the mock engine and record everything.

    Exceptions from the program propagate unchanged (:func:`run_stack` turns them into
    :class:`StackError`). ``dry_run=False`` resolves ids to placeholders, as after an up.
    """
    recording = Recording()
    global _closing_loops_at_exit
    if not _closing_loops_at_exit:
        _closing_loops_at_exit = True
        atexit.register(_close_event_loops)
    with _LOCK, _config(config or {}, secret_keys):
        mock = PreviewMocks(recording, dry_run=dry_run)
        settings.reset_options(project=project, stack=stack, preview=dry_run)
        mocks.set_mocks(
            mock,
            project=project,
            stack=stack,
            preview=dry_run,
            logger=recording,  # type: ignore[arg-type]  # duck-typed logger
            monitor=RecordingMonitor(mock, recording),
        )
        settings.ROOT.set(None)  # set_mocks made a stack; run_in_stack makes the real one
        settings.SETTINGS.outputs.clear()
        try:
            _sync_await(run_in_stack(program))
        finally:
            settings.reset_options()
    return recording.preview(project, stack, stack_dir, config or {})


def run_stack(
    stack_dir: str | os.PathLike[str], *, stack: str | None = None, dry_run: bool = True
) -> StackPreview:
    """Preview the stack in ``stack_dir`` (its ``Pulumi.yaml`` and ``Pulumi.<stack>.yaml``,
    default: the only stack config file, else ``dev``) with the stack directory as cwd."""
    proj = read_project(Path(stack_dir), stack)
    code = _compile(proj.program)

    def program() -> None:
        exec(code, {"__name__": "__main__", "__file__": str(proj.program)})

    try:
        with _in_directory(proj.directory):
            return run_program(
                program,
                project=proj.name,
                stack=proj.stack,
                config=proj.config,
                secret_keys=proj.secret_keys,
                dry_run=dry_run,
                stack_dir=str(stack_dir),
            )
    except (Exception, SystemExit) as exc:  # SystemExit: the program called sys.exit()
        raise program_failure(exc, proj.directory, proj.program) from None


def _compile(program: Path) -> Any:
    try:
        source = program.read_text(encoding="utf-8")
        return compile(source, str(program), "exec")
    except SyntaxError as exc:
        raise StackError(
            Problem(f"syntax error: {exc.msg}", file=str(program), line=exc.lineno)
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise StackError(Problem(f"cannot read the program: {exc}", file=str(program))) from None


@contextmanager
def _config(values: dict[str, str], secret_keys: tuple[str, ...]) -> Iterator[None]:
    """Make stack config visible to ``pulumi.Config`` for the run, then restore it."""
    saved, saved_secrets = pulumi_config.CONFIG.get(), pulumi_config._SECRET_KEYS.get()
    pulumi_config.set_all_config(dict(values), list(secret_keys))
    try:
        yield
    finally:
        pulumi_config.CONFIG.set(saved)
        pulumi_config._SECRET_KEYS.set(saved_secrets)


@contextmanager
def _in_directory(directory: Path) -> Iterator[None]:
    """cwd = the stack directory and its modules importable, as under ``pulumi``; modules
    the program imported from there are forgotten afterwards, so runs stay independent."""
    before = set(sys.modules)
    old_cwd = os.getcwd()
    root = str(directory.resolve())
    os.chdir(root)
    sys.path.insert(0, root)
    try:
        yield
    finally:
        os.chdir(old_cwd)
        if root in sys.path:
            sys.path.remove(root)
        for name in set(sys.modules) - before:
            file = getattr(sys.modules[name], "__file__", None) or ""
            if file.startswith(root + os.sep):
                del sys.modules[name]
