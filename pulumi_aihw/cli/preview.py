"""``aihw preview``: run stacks' Pulumi programs offline and show what they would create."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pulumi_aihw.check.discovery import shown_path
from pulumi_aihw.cli._common import (
    ensure_writable,
    exit_with,
    format_option,
    handles_errors,
    note,
    renderer,
    write_output,
)
from pulumi_aihw.cli._options import OUTPUT_OPTION
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
from pulumi_aihw.cli.stack_options import (
    DEFAULTS,
    MemoryLimitMib,
    PassEnv,
    StackRunOptions,
    StackTimeoutSeconds,
)
from pulumi_aihw.errors import EXIT_OK

if TYPE_CHECKING:
    from pulumi_aihw.contracts import StackPreview


def _run_preview(stack_dir: str, *, options: StackRunOptions, stack: str | None) -> StackPreview:
    return options.run(Path(stack_dir), stack)


def _several(found: Previews, fmt: str, render: object, others: dict[str, list[object]]) -> str:
    previews = [found.previews[k] for k in sorted(found.previews)]
    if fmt != "json":
        return "\n".join(render(p) for p in previews)  # type: ignore[operator]
    from pulumi_aihw.reports.preview_json import to_dict

    doc = {
        "stacks": [to_dict(p) for p in previews],
        "failed": [
            {"stack_dir": f.stack_dir, "kind": f.kind, "problems": list(f.problems)}
            for f in found.failed
        ],
        **others,
    }
    return json.dumps(doc, indent=2) + "\n"


@handles_errors
def preview_command(
    folders: Annotated[list[Path], folders_argument("stacks to preview")],
    fmt: Annotated[str, format_option("preview")] = "table",
    stack: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="Stack whose Pulumi.<stack>.yaml config to use (default: the only one).",
        ),
    ] = None,
    output: Annotated[Path | None, OUTPUT_OPTION] = None,
    exclude: Annotated[list[str] | None, exclude_option()] = None,
    jobs: Annotated[int | None, jobs_option()] = None,
    timeout_seconds: StackTimeoutSeconds = DEFAULTS[0],
    memory_limit_mib: MemoryLimitMib = DEFAULTS[1],
    pass_env: PassEnv = None,
) -> None:
    """Preview stacks offline: no Pulumi CLI, no credentials, no network.

    Each stack found at or below FOLDER (a folder with Pulumi.yaml) runs its program in
    its own process (no credentials in its environment, time and memory limits) against
    a resource monitor in aihw; prints the resource tree (type, name, parent, key inputs)
    and the plan. One stack: exit 0 on success, 1 when the workload has no feasible plan,
    2 for a broken stack or a program that failed. Several: each failure is reported and
    the others previewed, exit the highest of those codes; JSON for several stacks is
    {"stacks": [...], "failed": [...], "not_checked": [...], "skipped": [...]}.
    """
    render = renderer("preview", fmt)
    ensure_writable([output])
    options = StackRunOptions(
        timeout_seconds,
        memory_limit_mib,
        tuple(pass_env or ()),
        (output,) if output is not None else (),
    )
    found = find_stacks(folders, exclude or [])
    runnable, not_checked = split_runtimes(found.stacks)
    if len(folders) == 1 and [s.path for s in found.stacks] == runnable == [
        shown_path(str(folders[0]))
    ]:
        result = options.run(Path(runnable[0]), stack)  # one stack: its errors, its exit code
        write_output(render(result), output)
        for line in result.diagnostics:
            note(line)
        return
    done = Previews()
    runner = functools.partial(_run_preview, options=options, stack=stack)
    preview_stacks(runnable, runner, job_count(jobs), done)
    others: dict[str, list[object]] = {
        "not_checked": [{"stack_dir": n.stack_dir, "reason": n.reason} for n in not_checked],
        "skipped": [{"path": s.path, "reason": s.reason} for s in found.skipped],
    }
    write_output(_several(done, fmt, render, others), output)
    for p in sorted(done.previews.values(), key=lambda p: p.stack_dir):
        for line in p.diagnostics:
            note(f"{p.stack_dir}: {line}")
    exit_with(max([EXIT_OK, *(f.exit_code for f in done.failed)]))
