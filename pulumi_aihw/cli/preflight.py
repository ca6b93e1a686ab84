"""``aihw preflight``: ask AWS and Google Cloud whether the planned hardware can be
deployed now; also the ``--preflight`` step of ``aihw plan``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pulumi_aihw.cli._common import (
    ensure_writable,
    err,
    format_option,
    handles_errors,
    objective_option,
    renderer,
    track,
    write_output,
)
from pulumi_aihw.cli._options import CATALOG_OPTION
from pulumi_aihw.cli.cloud_options import DEFAULTS, MaxAttempts, RetryMode, TimeoutSeconds

if TYPE_CHECKING:
    from pulumi_aihw.planner.models import Candidate, Plan
    from pulumi_aihw.preflight.models import PreflightReport
    from pulumi_aihw.spec.models import WorkloadSpec

PLAN_PREFLIGHT_TOP = 3
"""``aihw plan --preflight`` checks the chosen candidate and this many more."""


@handles_errors
def preflight_command(
    spec: Annotated[
        Path, typer.Argument(help="Workload spec (YAML).", show_default=False, metavar="SPEC")
    ],
    top: Annotated[
        int,
        typer.Option(metavar="N", help="Also check the next N feasible candidates.", min=0, max=50),
    ] = 3,
    fmt: Annotated[str, format_option("preflight")] = "table",
    objective: Annotated[str, objective_option()] = "cost",
    catalog_path: Annotated[Path | None, CATALOG_OPTION] = None,
    no_lock: Annotated[
        bool, typer.Option("--no-lock", help="Ignore the lock file beside the spec.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the report here (only if the run completes).",
        ),
    ] = None,
    timeout_seconds: TimeoutSeconds = DEFAULTS[0],
    max_attempts: MaxAttempts = DEFAULTS[1],
    retry_mode: RetryMode = DEFAULTS[2],
) -> None:
    """Check the chosen plan and the next N candidates with the clouds (read-only).

    Exit 0: all checks pass or warn. 1: a check failed. 2: bad input or credentials.
    3: a cloud API failed after retries (throttling, 5xx, timeout).
    """
    from pulumi_aihw.cli.cloud_options import limits_of
    from pulumi_aihw.errors import EXIT_BAD_INPUT, EXIT_BLOCKING, EXIT_SERVICE, NoFeasiblePlanError
    from pulumi_aihw.preflight.clouds import default_checkers
    from pulumi_aihw.preflight.runner import candidates_to_check, run_preflight

    render = renderer("preflight", fmt)
    ensure_writable([output])
    limits = limits_of(timeout_seconds, max_attempts, retry_mode)
    from pulumi_aihw.cli.plan import default_lock_path, plan_spec_file

    lock_path = None if no_lock else default_lock_path(spec)
    workload, result = plan_spec_file(spec, objective, catalog_path, lock_path)
    if result.chosen is None:
        raise NoFeasiblePlanError(
            f"no feasible candidate for {workload.name}: nothing to preflight. Run "
            f"`aihw plan {spec}` to see why each candidate was rejected"
        )
    report = run_preflight(
        result,
        workload,
        track(candidates_to_check(result, top), "checked", _key),
        default_checkers(limits),
        now=dt.datetime.now(dt.timezone.utc),
    )
    text = render(report)
    code = report.exit_code
    if code == EXIT_BAD_INPUT:
        _denied(report)
        raise typer.Exit(EXIT_BAD_INPUT)
    if code == EXIT_SERVICE:
        _service_errors(report)
        if output is not None:
            err(f"error: {output} not written: the preflight is incomplete")
        else:
            write_output(text, None)
        raise typer.Exit(EXIT_SERVICE)
    write_output(text, output)
    if code == EXIT_BLOCKING:
        for cand in report.candidates:
            for chk in cand.failed:
                err(f"error: {cand.key}: {chk.name}: {chk.message}")
        raise typer.Exit(EXIT_BLOCKING)


def _key(candidate: Candidate) -> str:
    return candidate.offering.key


def _denied(report: PreflightReport) -> None:
    """Every call was refused: each missing permission once, nothing written (exit 2)."""
    for message in dict.fromkeys(c.message.removeprefix("not checked: ") for c in report.denied):
        err(f"error: {message}")
    err("error: nothing was checked: every call to the cloud was denied")


def _service_errors(report: PreflightReport) -> None:
    for cand, chk in report.service_errors:
        err(f"error: {cand.key}: {chk.name}: {chk.message}")


def preflight_plan(result: Plan, workload: WorkloadSpec) -> Plan:
    """``aihw plan --preflight``: check the chosen candidate and the next
    :data:`PLAN_PREFLIGHT_TOP`, drop those that fail and rank again. A cloud API
    failure stops the command (exit 3) before anything is written."""
    from pulumi_aihw.errors import CredentialsError, ExternalServiceError
    from pulumi_aihw.preflight.clouds import default_checkers
    from pulumi_aihw.preflight.filter import filter_plan
    from pulumi_aihw.preflight.limits import limits_from_env
    from pulumi_aihw.preflight.runner import candidates_to_check, run_preflight

    if result.chosen is None:
        return result
    report = run_preflight(
        result,
        workload,
        track(candidates_to_check(result, PLAN_PREFLIGHT_TOP), "checked", _key),
        default_checkers(limits_from_env()),
        now=dt.datetime.now(dt.timezone.utc),
    )
    if report.all_denied:
        _denied(report)
        raise CredentialsError("preflight: every call to the cloud was denied; nothing written")
    if report.service_errors:
        _service_errors(report)
        raise ExternalServiceError(
            f"preflight incomplete: {len(report.service_errors)} check(s) could not be "
            "answered by the cloud; nothing written"
        )
    return filter_plan(result, workload, report)
