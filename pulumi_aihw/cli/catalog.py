"""``aihw catalog``: list the packaged (or a refreshed) hardware catalog."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pulumi_aihw.cli._common import (
    choice,
    ensure_writable,
    format_option,
    handles_errors,
    renderer,
    write_output,
)
from pulumi_aihw.cli._help import CONTEXT_SETTINGS, EXIT_CODES
from pulumi_aihw.cli._options import CATALOG_OPTION, OUTPUT_OPTION
from pulumi_aihw.cli.catalog_refresh import refresh_command
from pulumi_aihw.errors import ConfigError

app = typer.Typer(
    help="List the hardware catalog (offerings with price, source and date).",
    epilog=EXIT_CODES,
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode=None,
    context_settings=CONTEXT_SETTINGS,
)
app.command(
    "refresh", short_help="Write a new snapshot with current AWS prices.", epilog=EXIT_CODES
)(refresh_command)


@app.callback(invoke_without_command=True)
@handles_errors
def catalog_command(
    ctx: typer.Context,
    family: Annotated[
        str | None,
        typer.Option(metavar="FAMILY", help="Only this family: gpu, tpu, inferentia, ..."),
    ] = None,
    provider: Annotated[
        str | None, typer.Option(metavar="PROVIDER", help="Only this provider: aws, gcp, ...")
    ] = None,
    accelerator: Annotated[
        str | None, typer.Option(metavar="NAME", help="Only this accelerator (id, name or alias).")
    ] = None,
    region: Annotated[
        str | None, typer.Option(metavar="REGION", help="Only this region or location.")
    ] = None,
    fmt: Annotated[str, format_option("catalog")] = "table",
    catalog_path: Annotated[Path | None, CATALOG_OPTION] = None,
    output: Annotated[Path | None, OUTPUT_OPTION] = None,
) -> None:
    """List offerings, filtered; unknown prices and power show as unknown."""
    if ctx.invoked_subcommand is not None:
        return
    from pulumi_aihw.catalog import load_catalog
    from pulumi_aihw.vocab import Family, Provider

    render = renderer("catalog", fmt)
    ensure_writable([output])
    if family is not None:
        choice(family, Family.values(), "--family")
    if provider is not None:
        choice(provider, [p for p in Provider.values() if p != "owned"], "--provider")
    cat = load_catalog(catalog_path)
    if region is not None and region not in cat.regions():
        from pulumi_aihw.spec.problems import did_you_mean

        known = cat.regions()
        raise ConfigError(
            f"--region: no offering in region '{region}'.{did_you_mean(region, known)} "
            f"Known regions: {', '.join(known)}"
        )
    rows = cat.find(provider=provider, family=family, accelerator=accelerator, region=region)
    if not rows:
        asked = ", ".join(
            f"{k} {v}"
            for k, v in (
                ("provider", provider),
                ("family", family),
                ("accelerator", accelerator),
                ("region", region),
            )
            if v
        )
        raise ConfigError(
            f"no offering matches {asked}. `aihw catalog` without filters lists all "
            f"{len(cat)} offerings"
        )
    write_output(render(cat, rows), output)
