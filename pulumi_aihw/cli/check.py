"""``aihw check``: run stacks offline and put every resource through the policy pack."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pulumi_aihw.cli._common import (
    ensure_writable,
    err,
    exit_with,
    format_option,
    handles_errors,
    note,
    renderer,
    track,
    write_output,
)
from pulumi_aihw.cli._options import CATALOG_OPTION, OUTPUT_OPTION
from pulumi_aihw.cli.stack_options import (
    DEFAULTS,
    MemoryLimitMib,
    PassEnv,
    StackRunOptions,
    StackTimeoutSeconds,
)
from pulumi_aihw.errors import ConfigError, NoFeasiblePlanError, Problem, StackError

if TYPE_CHECKING:
    from pulumi_aihw.check.models import FailedStack
    from pulumi_aihw.contracts import StackPreview


def _run_stack(stack_dir: Path, options: StackRunOptions) -> StackPreview:
    """The isolated preview of one stack (:meth:`StackRunOptions.run`). Tests replace
    this function."""
    return options.run(stack_dir)


def load_policy_config(path: Path) -> dict[str, Any]:
    """Read a ``--policy-pack-config`` JSON file and validate it against the pack."""
    from pulumi_aihw.inputs import read_json
    from pulumi_aihw.rules import RULES, parse_config

    data = read_json(path, "policy config", ConfigError)
    return parse_config(data, RULES, str(path))


def _preview_all(
    stack_dirs: list[Path], options: StackRunOptions
) -> tuple[list[StackPreview], tuple[FailedStack, ...]]:
    """Each stack's preview; a stack whose program failed is a :class:`FailedStack` (the
    others are still previewed), and its problems go to stderr."""
    from pulumi_aihw.check.models import FailedStack

    previews: list[StackPreview] = []
    failed: list[FailedStack] = []
    for d in track(stack_dirs, "previewed", str):
        try:
            previews.append(_run_stack(d, options))
        except (StackError, NoFeasiblePlanError) as exc:
            failed.append(FailedStack.of(str(d), exc))
            for problem in failed[-1].problems:
                err(f"error: stack {d} failed ({failed[-1].kind}): {problem}")
    return previews, tuple(failed)


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"--today: '{value}' is not a date (YYYY-MM-DD)") from None


@handles_errors
def check_command(
    stack_dirs: Annotated[
        list[Path],
        typer.Argument(
            help="Stack directories (with Pulumi.yaml).", show_default=False, metavar="STACK_DIR"
        ),
    ],
    fmt: Annotated[str, format_option("findings")] = "table",
    policy_config: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="Policy config file, in the format of `pulumi preview`'s --policy-pack-config.",
        ),
    ] = None,
    output: Annotated[Path | None, OUTPUT_OPTION] = None,
    today: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Judge catalog age as of this date (YYYY-MM-DD)."),
    ] = None,
    catalog_path: Annotated[Path | None, CATALOG_OPTION] = None,
    timeout_seconds: StackTimeoutSeconds = DEFAULTS[0],
    memory_limit_mib: MemoryLimitMib = DEFAULTS[1],
    pass_env: PassEnv = None,
) -> None:
    """Check stacks for lock-in, power and cost risks with the aihw policy pack.

    A stack whose workload extends a platform profile with a `policy:` section is checked
    with that config, and --policy-config merged over it (the file wins). Exit 0 with no
    mandatory violation, 1 with one, 2 on bad input or when a stack's program failed
    (raised, exited early, ran out of time or memory, wrote the output file): such a
    stack is reported as failed, never judged, and the other stacks are checked as usual.
    """
    from pulumi_aihw.catalog import load_catalog
    from pulumi_aihw.crossguard import check_previews

    render = renderer("findings", fmt)
    ensure_writable([output])
    missing = [d for d in stack_dirs if not d.is_dir()]
    if missing:
        raise StackError(
            [
                Problem(
                    "stack directory not found. To fix: pass the folder with Pulumi.yaml",
                    file=str(d),
                )
                for d in missing
            ]
        )
    config = load_policy_config(policy_config) if policy_config is not None else {}
    when = _date(today)
    catalog = load_catalog(catalog_path)
    options = StackRunOptions(
        timeout_seconds,
        memory_limit_mib,
        tuple(pass_env or ()),
        (output,) if output is not None else (),
    )
    previews, failed = _preview_all(stack_dirs, options)
    report = replace(check_previews(previews, config, today=when, catalog=catalog), failed=failed)
    for stack in report.stacks:
        if stack.policy_profile is not None:
            over = f", then {policy_config}" if policy_config is not None else ""
            note(f"policy: {stack.stack_dir}: platform profile {stack.policy_profile}{over}")
    write_output(render(report), output)
    exit_with(report.exit_code)
