"""``aihw preview``: run a stack's Pulumi program offline and show what it would create."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pulumi_aihw.cli._common import (
    ensure_writable,
    format_option,
    handles_errors,
    note,
    renderer,
    write_output,
)
from pulumi_aihw.cli._options import OUTPUT_OPTION
from pulumi_aihw.cli.stack_options import (
    DEFAULTS,
    MemoryLimitMib,
    PassEnv,
    StackRunOptions,
    StackTimeoutSeconds,
)


@handles_errors
def preview_command(
    stack_dir: Annotated[
        Path,
        typer.Argument(
            help="Stack directory (with Pulumi.yaml).", show_default=False, metavar="STACK_DIR"
        ),
    ],
    fmt: Annotated[str, format_option("preview")] = "table",
    stack: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="Stack whose Pulumi.<stack>.yaml config to use (default: the only one).",
        ),
    ] = None,
    output: Annotated[Path | None, OUTPUT_OPTION] = None,
    timeout_seconds: StackTimeoutSeconds = DEFAULTS[0],
    memory_limit_mib: MemoryLimitMib = DEFAULTS[1],
    pass_env: PassEnv = None,
) -> None:
    """Preview STACK_DIR offline: no Pulumi CLI, no credentials, no network.

    Runs the stack's program in its own process (no credentials in its environment,
    time and memory limits) against a resource monitor in aihw, and prints the resource
    tree (type, name, parent, key inputs) and the plan. Exit 0 on success, 1 when the
    workload has no feasible plan, 2 for a broken stack or a program that failed.
    """
    render = renderer("preview", fmt)
    ensure_writable([output])
    options = StackRunOptions(
        timeout_seconds,
        memory_limit_mib,
        tuple(pass_env or ()),
        (output,) if output is not None else (),
    )
    result = options.run(stack_dir, stack)
    write_output(render(result), output)
    for line in result.diagnostics:
        note(line)
