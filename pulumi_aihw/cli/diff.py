"""``aihw diff``: cost, power and lock-in deltas between two `aihw check` JSON results."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from pulumi_aihw.cli._common import (
    ensure_writable,
    format_option,
    handles_errors,
    markdown_options,
    max_chars_option,
    renderer,
    report_url_option,
    write_output,
)
from pulumi_aihw.cli._options import OUTPUT_OPTION
from pulumi_aihw.errors import InputError


def read_json(path: Path) -> Any:
    """A JSON result file (checked: :func:`pulumi_aihw.inputs.read_json`)."""
    from pulumi_aihw.inputs import read_json

    return read_json(path, "check result", InputError)


@handles_errors
def diff_command(
    base: Annotated[
        Path,
        typer.Argument(help="`aihw check --format json` of the base branch.", metavar="BASE"),
    ],
    head: Annotated[
        Path,
        typer.Argument(help="`aihw check --format json` of the change.", metavar="HEAD"),
    ],
    fmt: Annotated[str, format_option("diff")] = "markdown",
    output: Annotated[Path | None, OUTPUT_OPTION] = None,
    max_chars: Annotated[int | None, max_chars_option()] = None,
    report_url: Annotated[str | None, report_url_option()] = None,
) -> None:
    """Cost, power and lock-in deltas between BASE and HEAD: a pull-request comment
    (markdown) or data (json).

    Workloads are matched by stack folder and name; each added, removed or changed one is
    a row with its hardware before and after (unchanged ones are counted). Unknown power
    or cost stays unknown: totals say "+X kW known, N unknown". Both files are validated
    first (every problem with its JSON path). Exit 0, or 2 when a file is missing, too
    large or not an `aihw check --format json` result.
    """
    from pulumi_aihw.check.diff import diff

    render = markdown_options(renderer("diff", fmt), fmt, max_chars, report_url)
    ensure_writable([output])
    report = diff(read_json(base), read_json(head), str(base), str(head))
    write_output(render(report), output)
