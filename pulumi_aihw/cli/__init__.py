"""The ``aihw`` command. A thin layer over the library; one module per command.

Commands are registered here explicitly. Heavy imports (pydantic models, the planner,
pulumi, cloud SDKs) happen inside the commands that need them, so ``aihw --version``
and ``aihw --help`` load none of them and ``aihw plan`` starts fast. Help is plain text
(no rich panels), wrapped to the terminal, with a metavar for every value and no
Python type names.
"""

from __future__ import annotations

from typing import Annotated

import typer

from pulumi_aihw import __version__
from pulumi_aihw.cli import catalog as catalog_cli
from pulumi_aihw.cli._common import set_quiet
from pulumi_aihw.cli._help import CONTEXT_SETTINGS, EXIT_CODES
from pulumi_aihw.cli.check import check_command
from pulumi_aihw.cli.diff import diff_command
from pulumi_aihw.cli.init import init_command
from pulumi_aihw.cli.merge import merge_command
from pulumi_aihw.cli.plan import plan_command
from pulumi_aihw.cli.preflight import preflight_command
from pulumi_aihw.cli.preview import preview_command
from pulumi_aihw.cli.schema import schema_command, validate_command

app = typer.Typer(
    name="aihw",
    help="Plan, price, check and deploy AI hardware (GPUs, TPUs, Inferentia, Trainium, "
    "bare metal) with Pulumi.",
    epilog=EXIT_CODES,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    rich_markup_mode=None,
    context_settings=CONTEXT_SETTINGS,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"aihw {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            envvar="AIHW_QUIET",
            help="Print only the output and errors: no progress, notices or warnings.",
        ),
    ] = False,
) -> None:
    """aihw: AI hardware planning and policy for Pulumi."""
    set_quiet(quiet)


COMMANDS = (
    ("plan", plan_command, "Size, price and rank hardware for a spec."),
    ("preview", preview_command, "Run a stack's program offline; show its resources."),
    ("preflight", preflight_command, "Ask the clouds if the plan can deploy now."),
    ("schema", schema_command, "Print the JSON Schema of a file kind."),
    ("validate", validate_command, "Check spec files without planning."),
    ("check", check_command, "Check stacks with the aihw policy pack."),
    ("diff", diff_command, "Cost, power and lock-in deltas of two checks."),
    ("merge", merge_command, "Combine the shard results of one check."),
    ("init", init_command, "Scaffold a workload stack that plans out of the box."),
)
for _name, _command, _summary in COMMANDS:
    app.command(_name, short_help=_summary, epilog=EXIT_CODES)(_command)
app.add_typer(
    catalog_cli.app, name="catalog", short_help="List the hardware catalog; refresh prices."
)


def main() -> None:
    app()


__all__ = ["app", "main"]
