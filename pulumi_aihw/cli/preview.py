"""``aihw preview``: run a stack's Pulumi program offline and show what it would create."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pulumi_aihw.cli._common import err, format_option, handles_errors, renderer, write_output


@handles_errors
def preview_command(
    stack_dir: Annotated[
        Path, typer.Argument(help="Stack directory (with Pulumi.yaml).", show_default=False)
    ],
    fmt: Annotated[str, format_option("preview")] = "table",
    stack: Annotated[
        str | None,
        typer.Option(help="Stack whose Pulumi.<stack>.yaml config to use (default: the only one)."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """Preview STACK_DIR under Pulumi's mock engine: no Pulumi CLI, no credentials, no network.

    Prints the resource tree (type, name, parent, key inputs) and the plan. Exit 0 on
    success, 1 when the workload has no feasible plan, 2 for a broken stack.
    """
    from pulumi_aihw.errors import ConfigError

    render = renderer("preview", fmt)
    try:
        from pulumi_aihw.preview import run_stack  # imports Pulumi: only here
    except ImportError as exc:
        raise ConfigError(
            f"aihw preview needs Pulumi ({exc.name} is not installed). To fix: "
            "pip install 'pulumi-aihw[aws]'"
        ) from None

    result = run_stack(stack_dir, stack=stack)
    write_output(render(result), output)
    for line in result.diagnostics:
        err(line)
