"""``aihw plan``: size, price and rank hardware for a workload spec."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pulumi_aihw.cli._common import (
    choice,
    ensure_writable,
    err,
    format_option,
    handles_errors,
    note,
    objective_option,
    renderer,
    warn,
    write_files,
    write_output,
)
from pulumi_aihw.cli._options import CATALOG_OPTION, OUTPUT_OPTION
from pulumi_aihw.errors import EXIT_BLOCKING
from pulumi_aihw.vocab import Objective

if TYPE_CHECKING:
    from pulumi_aihw.planner.models import Plan
    from pulumi_aihw.spec.models import WorkloadSpec


def default_lock_path(spec_path: Path) -> Path:
    from pulumi_aihw.planner.lock import LOCK_FILENAME

    return spec_path.parent / LOCK_FILENAME


def plan_spec_file(
    spec: Path, objective: str, catalog_path: Path | None, lock_path: Path | None
) -> tuple[WorkloadSpec, Plan]:
    """Load SPEC and plan it as `aihw plan` does (lock file at ``lock_path`` if given and
    present, bare-metal inventory included). Shared by `plan` and `preflight`."""
    from pulumi_aihw.catalog import load_catalog
    from pulumi_aihw.spec import load_spec
    from pulumi_aihw.workflow import plan_workload, read_lock

    choice(objective, Objective.values(), "--objective")
    workload = load_spec(spec)
    catalog = load_catalog(catalog_path)
    return workload, plan_workload(
        workload, catalog, objective=objective, lock=read_lock(lock_path)
    )


def _why_blocked(result: Plan, name: str) -> str:
    chosen = result.chosen
    if chosen is not None:
        return f"the locked choice {chosen.offering.offering} is no longer feasible: " + "; ".join(
            chosen.rejected_because
        )
    from pulumi_aihw.planner.summary import top_rejections

    return f"no feasible candidate for {name}: {top_rejections(result.rejected)}"


@handles_errors
def plan_command(
    spec: Annotated[
        Path, typer.Argument(help="Workload spec (YAML).", show_default=False, metavar="SPEC")
    ],
    fmt: Annotated[str, format_option("plan")] = "table",
    top: Annotated[
        int,
        typer.Option(metavar="N", help="Feasible candidates to show (table, markdown).", min=1),
    ] = 10,
    objective: Annotated[str, objective_option()] = "cost",
    lock: Annotated[
        bool, typer.Option("--lock", help="Plan afresh and write the lock file.")
    ] = False,
    no_lock: Annotated[
        bool, typer.Option("--no-lock", help="Ignore an existing lock file.")
    ] = False,
    lock_file: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE", help="Lock file path (default: aihw.lock.json beside the spec)."
        ),
    ] = None,
    catalog_path: Annotated[Path | None, CATALOG_OPTION] = None,
    output: Annotated[Path | None, OUTPUT_OPTION] = None,
    preflight: Annotated[
        bool,
        typer.Option(
            "--preflight",
            help="Ask AWS/Google Cloud whether the top candidates can be deployed now (needs "
            "credentials) and drop those that fail; exit 3 if a cloud API fails.",
        ),
    ] = False,
) -> None:
    """Plan hardware for SPEC: every offering sized, priced and ranked, with reasons.

    Exit 0 with a feasible plan, 1 when none is feasible, 2 on bad input.
    """
    from pulumi_aihw.planner import dump_lock, lock_from_plan

    render = renderer("plan", fmt)
    lock_path = lock_file or default_lock_path(spec)
    ensure_writable([output, lock_path if lock else None])
    workload, result = plan_spec_file(
        spec, objective, catalog_path, None if lock or no_lock else lock_path
    )
    if preflight:
        from pulumi_aihw.cli.preflight import preflight_plan

        result = preflight_plan(result, workload)
    if result.lock_status == "stale":
        warn(
            f"{lock_path} no longer matches {spec}: planned afresh; run `aihw plan --lock` to "
            "update it"
        )
    text = render(result, top)
    chosen = result.chosen
    feasible = chosen is not None and chosen.feasible
    files = {output: text} if output is not None else {}
    if lock and feasible:
        files[lock_path] = dump_lock(lock_from_plan(result))
    write_files(files)  # the report and the lock file together, or neither
    if output is None:
        write_output(text, None)
    if chosen is None or not chosen.feasible:
        err(f"error: {_why_blocked(result, workload.name)}")
        raise typer.Exit(EXIT_BLOCKING)
    if lock:
        note(
            f"locked {chosen.provider} {chosen.offering.offering} x{chosen.units} in "
            f"{chosen.region or '-'} -> {lock_path}"
        )
