"""What every command shares: error handling, exit codes, output writing.

The CLI is the only place that prints, writes files or sets exit codes.
"""

from __future__ import annotations

import functools
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import typer

from pulumi_aihw.errors import EXIT_BAD_INPUT, AihwError, ConfigError, InputError
from pulumi_aihw.reports.registry import RENDERERS, Renderer
from pulumi_aihw.vocab import Objective

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

EXIT_INTERNAL = 70
"""A bug in aihw itself (EX_SOFTWARE); never used for bad input."""


def err(message: str) -> None:
    """One line (or several) on stderr, never on stdout."""
    print(message, file=sys.stderr)


def warn(message: str) -> None:
    err(f"warning: {message}")


def handles_errors(fn: F) -> F:
    """Turn :class:`AihwError` into a clear message and its exit code; no tracebacks."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except typer.Exit:
            raise
        except InputError as exc:
            for problem in exc.problems:
                err(f"error: {problem}")
            raise typer.Exit(exc.exit_code) from None
        except AihwError as exc:
            err(f"error: {exc}")
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err("interrupted")
            raise typer.Exit(130) from None
        except Exception as exc:  # a bug: say so, keep the traceback out of the user's way
            if os.environ.get("AIHW_DEBUG"):
                traceback.print_exc()
            err(
                f"internal error (a bug in aihw): {type(exc).__name__}: {exc}. "
                "Re-run with AIHW_DEBUG=1 for the traceback and report it."
            )
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper  # type: ignore[return-value]


def track(items: Sequence[T], verb: str, describe: Callable[[T], str]) -> Iterator[T]:
    """Yield ``items`` while showing progress on stderr: a bar on a terminal, one line per
    item otherwise (CI logs). Silent for a single item that finishes in under a second."""
    import time

    total = len(items)
    if sys.stderr.isatty() and total > 1:
        from rich.progress import Progress

        with Progress(transient=True, console=_stderr_console()) as bar:
            task = bar.add_task(verb, total=total)
            for item in items:
                bar.update(task, description=f"{verb} {describe(item)}")
                yield item
                bar.advance(task)
        return
    for i, item in enumerate(items, start=1):
        start = time.perf_counter()
        yield item
        seconds = time.perf_counter() - start
        if total > 1 or seconds >= 1.0:
            err(f"[{i}/{total}] {verb} {describe(item)}: {seconds:.1f} s")


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def write_output(text: str, output: Path | None) -> None:
    """Print ``text``, or write it to ``output`` atomically (never a half-written file)."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_atomic(output, text)


def write_atomic(path: Path, text: str) -> None:
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(f"cannot write {path}: directory {directory} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        # mkstemp creates 0600; keep an existing file's mode, else the usual umask default.
        os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write {path}: {exc.strerror}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def choice(value: str, allowed: Iterable[str], option: str) -> str:
    """Validate an option against a closed list (a registry's keys, a vocabulary):
    a :class:`ConfigError` naming the option and the allowed values, exit code 2."""
    names = list(allowed)
    if value not in names:
        raise ConfigError(f"{option}: '{value}' is not one of: {', '.join(names)}")
    return value


def format_option(kind: str, what: str = "") -> Any:
    """The ``--format``/``-f`` option of a command writing a ``kind`` report: its help
    lists the formats registered for ``kind`` (:mod:`pulumi_aihw.reports.registry`)."""
    return typer.Option("--format", "-f", help=f"{what}{RENDERERS[kind].help()}.")


def objective_option() -> Any:
    """``--objective``: the ranking objectives of :class:`~pulumi_aihw.vocab.Objective`."""
    names = Objective.values()
    return typer.Option(help=", ".join(names[:-1]) + " or " + names[-1] + ".")


def renderer(kind: str, fmt: str) -> Renderer:
    """The renderer of ``fmt`` for a ``kind`` report, or a :class:`ConfigError` (exit 2)
    naming the registered formats."""
    return RENDERERS[kind][choice(fmt, RENDERERS[kind], "--format")]


def exit_with(code: int) -> None:
    if code:
        raise typer.Exit(code)


__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_INTERNAL",
    "choice",
    "err",
    "exit_with",
    "format_option",
    "handles_errors",
    "objective_option",
    "renderer",
    "warn",
    "write_atomic",
    "write_output",
]
