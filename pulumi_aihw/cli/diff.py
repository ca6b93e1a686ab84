"""``aihw diff``: cost, power and lock-in deltas between two `aihw check` JSON results."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from pulumi_aihw.cli._common import (
    check_output_dir,
    handles_errors,
    max_chars_option,
    report_url_option,
    write_output,
)
from pulumi_aihw.errors import InputError, Problem


def read_json(path: Path) -> Any:
    """A JSON result file; :class:`InputError` (exit 2) naming it when unreadable."""
    from pulumi_aihw.spec.source import read_text

    text = read_text(path, "check result", InputError)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            Problem(f"not valid JSON: {exc.msg}", file=str(path), line=exc.lineno)
        ) from None


@handles_errors
def diff_command(
    base: Annotated[Path, typer.Argument(help="`aihw check --format json` of the base branch.")],
    head: Annotated[Path, typer.Argument(help="`aihw check --format json` of the change.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    max_chars: Annotated[int | None, max_chars_option()] = None,
    report_url: Annotated[str | None, report_url_option()] = None,
) -> None:
    """Markdown for a pull request: cost, power and lock-in deltas between BASE and HEAD.

    Workloads are matched by stack folder and name; each added, removed or changed one is
    a row with its hardware before and after (unchanged ones are counted). Unknown power
    or cost stays unknown: totals say "+X kW known, N unknown". Exit 0, or 2 when a file
    is missing or not an `aihw check --format json` result.
    """
    from pulumi_aihw.check.diff import diff
    from pulumi_aihw.cli._common import MIN_COMMENT_CHARS
    from pulumi_aihw.errors import ConfigError
    from pulumi_aihw.reports.diff_markdown import DEFAULT_MAX_CHARS, render

    if max_chars is not None and max_chars < MIN_COMMENT_CHARS:
        raise ConfigError(f"--max-chars: {max_chars} is below {MIN_COMMENT_CHARS:,}")
    check_output_dir(output)
    report = diff(read_json(base), read_json(head), str(base), str(head))
    text = render(report, max_chars=max_chars or DEFAULT_MAX_CHARS, report_url=report_url)
    write_output(text, output)
