"""``aihw outdated``: re-plan every locked workload with today's catalog and report what
re-planning would change."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pulumi_aihw.cli._common import (
    choice,
    err,
    exit_with,
    format_option,
    handles_errors,
    objective_option,
    renderer,
    terminal_width,
    write_atomic,
    write_output,
)
from pulumi_aihw.cli._options import CATALOG_OPTION, OUTPUT_OPTION
from pulumi_aihw.errors import EXIT_BLOCKING, InputError, Problem

if TYPE_CHECKING:
    from pulumi_aihw.planner.outdated import OutdatedReport

SPEC_NAME = "workload.yaml"


def spec_paths(paths: list[Path]) -> list[Path]:
    """Each argument as a spec file: a stack directory means its ``workload.yaml``."""
    out, problems = [], []
    for p in paths:
        if p.is_dir():
            if (p / SPEC_NAME).is_file():
                out.append(p / SPEC_NAME)
            else:
                msg = f"no {SPEC_NAME} in this directory. To fix: pass a stack directory or a spec"
                problems.append(Problem(msg, file=str(p)))
        elif p.is_file():
            out.append(p)
        else:
            problems.append(Problem("not found (a spec file or a stack directory)", file=str(p)))
    if problems:
        raise InputError(problems)
    return out


def _report(
    specs: list[Path], threshold: float, objective: str, catalog_path: Path | None
) -> tuple[OutdatedReport, dict[str, Path]]:
    from pulumi_aihw.baremetal.candidates import candidates_for_spec
    from pulumi_aihw.catalog import load_catalog
    from pulumi_aihw.cli.plan import default_lock_path
    from pulumi_aihw.planner.outdated import OutdatedReport, OutdatedRow, check_lock
    from pulumi_aihw.spec import load_spec
    from pulumi_aihw.workflow import read_lock

    catalog = load_catalog(catalog_path)
    rows, locks = [], {}
    for spec_file in specs:
        lock_path = default_lock_path(spec_file)
        spec = load_spec(spec_file)
        check = check_lock(
            spec,
            catalog,
            read_lock(lock_path),
            threshold_percent=threshold,
            objective=objective,
            extra_candidates=candidates_for_spec(spec, catalog),  # owned servers, as planned
        )
        rows.append(OutdatedRow(str(spec_file), str(lock_path), check))
        locks[str(spec_file)] = lock_path
    return OutdatedReport(tuple(rows), threshold), locks


@handles_errors
def outdated_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Workload specs or stack directories (with workload.yaml).",
            show_default=False,
            metavar="SPEC_OR_STACK_DIR",
        ),
    ],
    threshold: Annotated[
        float,
        typer.Option(
            metavar="PERCENT", help="Exit 1 when re-planning saves at least this percent.", min=0
        ),
    ] = 10.0,
    fmt: Annotated[str, format_option("outdated")] = "table",
    objective: Annotated[str, objective_option()] = "cost",
    write_locks: Annotated[
        bool,
        typer.Option(
            "--write-locks",
            help="Re-plan the lock files of the workloads that need it (as `aihw plan --lock`).",
        ),
    ] = False,
    catalog_path: Annotated[Path | None, CATALOG_OPTION] = None,
    output: Annotated[Path | None, OUTPUT_OPTION] = None,
) -> None:
    """For each workload with a lock file: the locked choice against the best choice with
    today's catalog ($/month saved, kW and lock-in change, still feasible?).

    Exit 0 when no locked workload needs re-planning, 1 when one does (a saving of at
    least --threshold percent, a locked choice no longer feasible or gone from the
    catalog, or a lock the spec no longer matches), 2 on bad input.
    """
    from pulumi_aihw.planner.lock import dump_lock
    from pulumi_aihw.vocab import Objective

    render = renderer("outdated", fmt)
    choice(objective, Objective.values(), "--objective")
    report, locks = _report(spec_paths(paths), threshold, objective, catalog_path)
    write_output(render(report, width=terminal_width()), output)
    if write_locks:
        for row in report.needing_action:
            new = row.check.new_lock()
            if new is None:
                err(f"not re-locked: {row.spec_file}: no feasible candidate now")
                continue
            write_atomic(locks[row.spec_file], dump_lock(new))
            c = row.check.best
            assert c is not None
            err(f"re-locked {c.provider} {c.offering.offering} x{c.units} -> {row.lock_file}")
    exit_with(EXIT_BLOCKING if report.needing_action else 0)
