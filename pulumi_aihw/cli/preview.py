"""``aihw preview``: run stacks' Pulumi programs offline and show what they would create."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Annotated

import typer

from pulumi_aihw.check.discovery import shown_path
from pulumi_aihw.cli._common import (
    check_output_dir,
    err,
    exit_with,
    format_option,
    handles_errors,
    renderer,
    write_output,
)
from pulumi_aihw.cli._stacks import (
    Previews,
    exclude_option,
    find_stacks,
    folders_argument,
    job_count,
    jobs_option,
    preview_stacks,
    split_runtimes,
)
from pulumi_aihw.contracts import StackPreview
from pulumi_aihw.errors import EXIT_BAD_INPUT, EXIT_BLOCKING, EXIT_OK


def _run_preview(stack_dir: str | Path, stack: str | None = None) -> StackPreview:
    """One stack's offline preview (imports Pulumi: only here)."""
    from pulumi_aihw.errors import ConfigError

    try:
        from pulumi_aihw.preview import run_stack
    except ImportError as exc:
        raise ConfigError(
            f"aihw preview needs Pulumi ({exc.name} is not installed). To fix: "
            "pip install 'pulumi-aihw[aws]'"
        ) from None
    return run_stack(Path(stack_dir), stack=stack)


def _exit_code(found: Previews) -> int:
    if not found.failed:
        return EXIT_OK
    if not found.previews and any(f.kind == "error" for f in found.failed):
        return EXIT_BAD_INPUT
    return EXIT_BLOCKING


@handles_errors
def preview_command(
    folders: Annotated[list[Path], folders_argument("stacks to preview")],
    fmt: Annotated[str, format_option("preview")] = "table",
    stack: Annotated[
        str | None,
        typer.Option(help="Stack whose Pulumi.<stack>.yaml config to use (default: the only one)."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    exclude: Annotated[list[str] | None, exclude_option()] = None,
    jobs: Annotated[int | None, jobs_option()] = None,
) -> None:
    """Preview stacks under Pulumi's mock engine: no Pulumi CLI, no credentials, no network.

    Prints the resource tree (type, name, parent, key inputs) and the plan of each stack
    found at or below FOLDER (a folder with Pulumi.yaml). One stack: exit 0 on success,
    1 when the workload has no feasible plan, 2 for a broken stack. Several: each failure
    is reported and the others previewed; exit 1 if any failed, 2 if none could be
    previewed. JSON for several stacks: {"stacks": [...], "failed": [...], ...}.
    """
    render = renderer("preview", fmt)
    check_output_dir(output)
    found = find_stacks(folders, exclude or [])
    runnable, not_checked = split_runtimes(found.stacks)
    if len(folders) == 1 and [s.path for s in found.stacks] == runnable == [
        shown_path(str(folders[0]))
    ]:
        result = _run_preview(runnable[0], stack)  # one stack: its own errors and exit code
        write_output(render(result), output)
        for line in result.diagnostics:
            err(line)
        return
    done = Previews()
    preview_stacks(runnable, functools.partial(_run_preview, stack=stack), job_count(jobs), done)
    previews = [done.previews[k] for k in sorted(done.previews)]
    if fmt == "json":
        from pulumi_aihw.reports.preview_json import to_dict

        doc = {
            "stacks": [to_dict(p) for p in previews],
            "failed": [
                {"stack_dir": f.stack_dir, "messages": list(f.messages)} for f in done.failed
            ],
            "not_checked": [{"stack_dir": n.stack_dir, "reason": n.reason} for n in not_checked],
            "skipped": [{"path": s.path, "reason": s.reason} for s in found.skipped],
        }
        text = json.dumps(doc, indent=2) + "\n"
    else:
        text = "\n".join(render(p) for p in previews)
    write_output(text, output)
    for p in previews:
        for line in p.diagnostics:
            err(f"{p.stack_dir}: {line}")
    for f in done.failed:
        for message in f.messages:
            err(f"error: {message}")
    exit_with(_exit_code(done))
