"""What every command shares: error handling, exit codes, output writing.

The CLI is the only place that prints, writes files or sets exit codes.
"""

from __future__ import annotations

import functools
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import typer

from pulumi_aihw.cli._files import ensure_writable, write_files
from pulumi_aihw.errors import EXIT_BAD_INPUT, EXIT_INTERNAL, AihwError, ConfigError, InputError
from pulumi_aihw.reports.escape import controls
from pulumi_aihw.reports.registry import RENDERERS, Renderer
from pulumi_aihw.vocab import Objective

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

SLOW_SECONDS = 1.0
"""A single item taking this long gets a progress line (several items always do)."""
MAX_PROBLEMS_SHOWN = 50
"""Problems printed for one bad input; the rest are counted."""


_QUIET = False


def set_quiet(quiet: bool) -> None:
    """``--quiet``: no progress, notices or warnings (errors and the output remain)."""
    global _QUIET
    _QUIET = quiet


def note(message: str) -> None:
    """A notice on stderr (what was written, what happens next), unless ``--quiet``."""
    if not _QUIET:
        err(message)


def err(message: str) -> None:
    """One line (or several) on stderr, never on stdout; control characters from the
    input are shown escaped, never sent to the terminal."""
    print(controls(message), file=sys.stderr)


def warn(message: str) -> None:
    note(f"warning: {message}")


def report_problems(problems: Sequence[object], limit: int = MAX_PROBLEMS_SHOWN) -> None:
    """One ``error:`` line per problem, the first ``limit`` of them, then a count."""
    for problem in problems[:limit]:
        err(f"error: {problem}")
    if len(problems) > limit:
        err(f"error: ... and {len(problems) - limit} more problems (the first {limit} shown)")


def handles_errors(fn: F) -> F:
    """Turn :class:`AihwError` into a clear message and its exit code; no tracebacks."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except typer.Exit:
            raise
        except InputError as exc:
            report_problems(exc.problems)
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


def clock() -> float:
    """The clock progress lines are timed with (tests replace it: no test depends on how
    fast this machine is)."""
    return time.perf_counter()


def track(items: Sequence[T], verb: str, describe: Callable[[T], str]) -> Iterator[T]:
    """Yield ``items`` while showing progress on stderr: a bar on a terminal, one line per
    item otherwise (CI logs). Silent for a single item that finishes in under a second
    (:data:`SLOW_SECONDS`, timed with :func:`clock`)."""
    total = len(items)
    if _QUIET:
        yield from items
        return
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
        start = clock()
        yield item
        seconds = clock() - start
        if total > 1 or seconds >= SLOW_SECONDS:
            err(f"[{i}/{total}] {verb} {describe(item)}: {seconds:.1f} s")


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def write_output(text: str, output: Path | None) -> None:
    """Print ``text``, or write it to ``output`` atomically (never a half-written file).
    Control characters that came from the input are written escaped."""
    text = controls(text)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_atomic(output, text)


def write_atomic(path: Path, text: str) -> None:
    """Write one file atomically (:func:`pulumi_aihw.cli._files.write_files`)."""
    write_files({Path(path): text})


def choice(value: str, allowed: Iterable[str], option: str) -> str:
    """Validate an option against a closed list (a registry's keys, a vocabulary):
    a :class:`ConfigError` naming the option and the allowed values, exit code 2."""
    names = list(allowed)
    if value not in names:
        from pulumi_aihw.spec.problems import did_you_mean

        hint = did_you_mean(value, names)
        raise ConfigError(f"{option}: '{value}' is not one of: {', '.join(names)}.{hint}")
    return value


def format_option(kind: str, what: str = "") -> Any:
    """The ``--format``/``-f`` option of a command writing a ``kind`` report: its help
    lists the formats registered for ``kind`` (:mod:`pulumi_aihw.reports.registry`)."""
    return typer.Option("--format", "-f", metavar="FORMAT", help=f"{what}{RENDERERS[kind].help()}.")


def objective_option() -> Any:
    """``--objective``: the ranking objectives of :class:`~pulumi_aihw.vocab.Objective`."""
    names = Objective.values()
    return typer.Option(
        metavar="OBJECTIVE", help="Rank by " + ", ".join(names[:-1]) + " or " + names[-1] + "."
    )


def renderer(kind: str, fmt: str) -> Renderer:
    """The renderer of ``fmt`` for a ``kind`` report, or a :class:`ConfigError` (exit 2)
    naming the registered formats."""
    return RENDERERS[kind][choice(fmt, RENDERERS[kind], "--format")]


MIN_COMMENT_CHARS = 2000


def max_chars_option() -> Any:
    return typer.Option(
        "--max-chars",
        help="Markdown: keep the comment under this many characters (default 65,000: "
        "GitHub's limit is 65,536); longer sections are cut with a note.",
        show_default=False,
        metavar="N",
    )


def report_url_option() -> Any:
    return typer.Option(
        "--report-url",
        help="Markdown: where the full report is (linked from the note when the comment "
        "is cut), e.g. the CI run's artifacts.",
        metavar="URL",
    )


def markdown_options(
    render: Renderer, fmt: str, max_chars: int | None, report_url: str | None
) -> Renderer:
    """``render`` with the comment's size budget and report link (markdown only)."""
    if fmt != "markdown":
        if max_chars is not None or report_url is not None:
            raise ConfigError("--max-chars and --report-url apply to --format markdown only")
        return render
    if max_chars is not None and max_chars < MIN_COMMENT_CHARS:
        raise ConfigError(f"--max-chars: {max_chars} is below {MIN_COMMENT_CHARS:,}")
    options: dict[str, Any] = {"report_url": report_url}
    if max_chars is not None:
        options["max_chars"] = max_chars
    return functools.partial(render, **options)


def exit_with(code: int) -> None:
    if code:
        raise typer.Exit(code)


__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_INTERNAL",
    "choice",
    "ensure_writable",
    "err",
    "exit_with",
    "format_option",
    "handles_errors",
    "markdown_options",
    "max_chars_option",
    "note",
    "objective_option",
    "renderer",
    "report_problems",
    "report_url_option",
    "set_quiet",
    "warn",
    "write_atomic",
    "write_files",
    "write_output",
]
