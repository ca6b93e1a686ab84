"""``aihw check``: run stacks offline and put every resource through the policy pack."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any

import typer

from pulumi_aihw.cli._common import (
    err,
    exit_with,
    format_option,
    handles_errors,
    renderer,
    track,
    write_output,
)
from pulumi_aihw.contracts import StackPreview
from pulumi_aihw.errors import ConfigError, Problem, StackError


def _run_stack(stack_dir: Path) -> StackPreview:
    """The offline preview of one stack (``pulumi_aihw.preview.run_stack``, imported only
    when a check runs: it loads Pulumi). Tests replace this function."""
    try:
        from pulumi_aihw.preview import run_stack  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        raise StackError(
            Problem(
                "cannot preview the stack: the offline preview engine (pulumi_aihw.preview) "
                "is not part of this installation",
                file=str(stack_dir),
            )
        ) from None
    preview: StackPreview = run_stack(stack_dir)
    return preview


def load_policy_config(path: Path) -> dict[str, Any]:
    """Read a ``--policy-pack-config`` JSON file and validate it against the pack."""
    from pulumi_aihw.rules import RULES, parse_config

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(Problem("policy config not found", file=str(path))) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(Problem(f"cannot read policy config: {exc}", file=str(path))) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        msg = f"not valid JSON: {exc.msg} (the `pulumi preview --policy-pack-config` format)"
        raise ConfigError(Problem(msg, file=str(path), line=exc.lineno)) from None
    return parse_config(data, RULES, str(path))


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
        typer.Option(help="Policy config: the `pulumi preview --policy-pack-config` format."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    today: Annotated[
        str | None, typer.Option(help="Judge catalog age as of this date (YYYY-MM-DD).")
    ] = None,
    catalog_path: Annotated[
        Path | None,
        typer.Option("--catalog", help="Catalog snapshot (default: packaged, or $AIHW_CATALOG)."),
    ] = None,
) -> None:
    """Check stacks for lock-in, power and cost risks with the aihw policy pack.

    A stack whose workload extends a platform profile with a `policy:` section is checked
    with that config, and --policy-config merged over it (the file wins). Exit 0 with no
    mandatory violation, 1 with one, 2 on bad input.
    """
    from pulumi_aihw.catalog import load_catalog
    from pulumi_aihw.crossguard import check_previews

    render = renderer("findings", fmt)
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
    previews = [_run_stack(d) for d in track(stack_dirs, "previewed", str)]
    report = check_previews(previews, config, today=when, catalog=catalog)
    for stack in report.stacks:
        if stack.policy_profile is not None:
            over = f", then {policy_config}" if policy_config is not None else ""
            err(f"policy: {stack.stack_dir}: platform profile {stack.policy_profile}{over}")
    write_output(render(report), output)
    exit_with(report.exit_code)
