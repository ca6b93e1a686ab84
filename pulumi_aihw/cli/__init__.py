"""The ``aihw`` command. A thin layer over the library; one module per command.

Commands are registered here explicitly. Heavy imports (pulumi, cloud SDKs) happen
inside the commands that need them, so ``aihw plan`` starts fast.
"""

from __future__ import annotations

import typer

from pulumi_aihw import __version__
from pulumi_aihw.cli import catalog as catalog_cli
from pulumi_aihw.cli.check import check_command
from pulumi_aihw.cli.diff import diff_command
from pulumi_aihw.cli.explain import explain_command
from pulumi_aihw.cli.init import init_command
from pulumi_aihw.cli.outdated import outdated_command
from pulumi_aihw.cli.plan import plan_command
from pulumi_aihw.cli.preflight import preflight_command
from pulumi_aihw.cli.preview import preview_command
from pulumi_aihw.cli.schema import schema_command, validate_command

app = typer.Typer(
    name="aihw",
    help="Plan, price, check and deploy AI hardware (GPUs, TPUs, Inferentia, Trainium, "
    "bare metal) with Pulumi. Exit codes: 0 ok, 1 blocking finding, 2 bad input, "
    "3 cloud service failure.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"aihw {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """aihw: AI hardware planning and policy for Pulumi."""


app.command("plan")(plan_command)
app.command("explain")(explain_command)
app.command("preview")(preview_command)
app.command("preflight")(preflight_command)
app.command("schema")(schema_command)
app.command("validate")(validate_command)
app.command("check")(check_command)
app.command("diff")(diff_command)
app.command("init")(init_command)
app.command("outdated")(outdated_command)
app.add_typer(catalog_cli.app, name="catalog")


def main() -> None:
    app()


__all__ = ["app", "main"]
