"""``aihw catalog``: list the packaged (or a refreshed) hardware catalog."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pulumi_aihw.cli._common import choice, format_option, handles_errors, renderer, write_output
from pulumi_aihw.cli.catalog_refresh import refresh_command

app = typer.Typer(
    help="List the hardware catalog (offerings with price, source and date).",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.command("refresh")(refresh_command)


@app.callback(invoke_without_command=True)
@handles_errors
def catalog_command(
    ctx: typer.Context,
    family: Annotated[
        str | None, typer.Option(help="gpu, tpu, inferentia, trainium, gaudi.")
    ] = None,
    provider: Annotated[str | None, typer.Option(help="aws, gcp, hetzner, qubrid.")] = None,
    accelerator: Annotated[str | None, typer.Option(help="Accelerator id, name or alias.")] = None,
    region: Annotated[str | None, typer.Option(help="Region or location.")] = None,
    fmt: Annotated[str, format_option("catalog")] = "table",
    catalog_path: Annotated[
        Path | None, typer.Option("--catalog", help="Catalog snapshot.")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """List offerings, filtered; unknown prices and power show as unknown."""
    if ctx.invoked_subcommand is not None:
        return
    from pulumi_aihw.catalog import load_catalog
    from pulumi_aihw.errors import ConfigError
    from pulumi_aihw.vocab import Family, Provider

    render = renderer("catalog", fmt)
    if family is not None:
        choice(family, Family.values(), "--family")
    if provider is not None and provider not in Provider.values():
        raise ConfigError(
            f"--provider: '{provider}' is not one of: "
            f"{', '.join(p for p in Provider.values() if p != 'owned')}"
        )
    cat = load_catalog(catalog_path)
    rows = cat.find(provider=provider, family=family, accelerator=accelerator, region=region)
    write_output(render(cat, rows), output)
