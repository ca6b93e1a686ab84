"""``aihw diff``: cost, power and lock-in deltas between two `aihw check` JSON results."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from pulumi_aihw.cli._common import (
    ensure_writable,
    format_option,
    handles_errors,
    renderer,
    write_output,
)
from pulumi_aihw.cli._options import OUTPUT_OPTION
from pulumi_aihw.errors import InputError


def _read_json(path: Path) -> Any:
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
) -> None:
    """Cost, power and lock-in deltas between BASE and HEAD: a pull-request comment
    (markdown) or data (json).

    Both files are validated first (every problem with its JSON path). Exit 0, or 2 when
    a file is missing, too large or not an `aihw check --format json` result.
    """
    from pulumi_aihw.check.diff import diff

    render = renderer("diff", fmt)
    ensure_writable([output])
    report = diff(_read_json(base), _read_json(head), str(base), str(head))
    write_output(render(report), output)
