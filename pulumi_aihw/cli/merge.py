"""``aihw merge``: shard results of one `aihw check` combined into one report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pulumi_aihw.cli._common import (
    ensure_writable,
    exit_with,
    format_option,
    handles_errors,
    markdown_options,
    max_chars_option,
    renderer,
    report_url_option,
    write_output,
)
from pulumi_aihw.cli._options import OUTPUT_OPTION
from pulumi_aihw.cli.diff import read_json


@handles_errors
def merge_command(
    results: Annotated[
        list[Path],
        typer.Argument(
            help="`aihw check --shard K/N --format json` results, one per shard.",
            show_default=False,
            metavar="RESULT.json...",
        ),
    ],
    fmt: Annotated[str, format_option("findings")] = "table",
    output: Annotated[Path | None, OUTPUT_OPTION] = None,
    max_chars: Annotated[int | None, max_chars_option()] = None,
    report_url: Annotated[str | None, report_url_option()] = None,
) -> None:
    """Combine the shard results of one check into the report an unsharded run gives,
    in any format (a CI matrix checks the shards in parallel; one job merges them).

    Every shard must be given once, from the same run (date, catalog, policy config).
    Exit 0 with no mandatory violation, 1 with one or with a stack that could not be
    checked, 2 on bad input (a missing shard, a stack in two results, not a result).
    """
    from pulumi_aihw.check.merge import merge

    render = markdown_options(renderer("findings", fmt), fmt, max_chars, report_url)
    ensure_writable([output])
    report = merge([(str(path), read_json(path)) for path in results])
    write_output(render(report), output)
    exit_with(report.exit_code)
