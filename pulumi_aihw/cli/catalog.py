"""``aihw catalog``: list the packaged (or a refreshed) hardware catalog."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Annotated

import typer

from pulumi_aihw.cli._common import handles_errors, write_output
from pulumi_aihw.cli.catalog_refresh import refresh_command

app = typer.Typer(
    help="List the hardware catalog (offerings with price, source and date).",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.command("refresh")(refresh_command)


def _fmt(value: float | None, digits: int = 4) -> str:
    return "unknown" if value is None else f"{value:,.{digits}f}".rstrip("0").rstrip(".")


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
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
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

    if fmt not in ("table", "json"):
        raise ConfigError(f"--format: '{fmt}' is not one of: table, json")
    if family is not None and family not in Family.values():
        raise ConfigError(f"--family: '{family}' is not one of: {', '.join(Family.values())}")
    if provider is not None and provider not in Provider.values():
        raise ConfigError(
            f"--provider: '{provider}' is not one of: "
            f"{', '.join(p for p in Provider.values() if p != 'owned')}"
        )
    cat = load_catalog(catalog_path)
    rows = cat.find(provider=provider, family=family, accelerator=accelerator, region=region)
    if fmt == "json":
        accs = {o.accelerator_id for o in rows}
        doc = {
            "as_of": cat.as_of.isoformat(),
            "accelerators": [a.model_dump(mode="json") for a in cat.accelerators if a.id in accs],
            "offerings": [o.model_dump(mode="json") for o in rows],
        }
        write_output(json.dumps(doc, indent=2) + "\n", output)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Catalog as of {cat.as_of}: {len(rows)} offerings", title_justify="left")
    for col in (
        "provider",
        "offering",
        "region",
        "accelerator",
        "per unit",
        "on-demand $/h",
        "spot $/h",
        "monthly",
        "TDP W",
        "as of",
        "flags",
    ):
        table.add_column(col)
    for o in rows:
        acc = cat.accelerator(o.accelerator_id)
        monthly = "-" if o.monthly_price is None else f"{o.monthly_price:,.0f} {o.price_currency}"
        table.add_row(
            str(o.provider),
            o.offering,
            o.region or "-",
            acc.id,
            f"{o.accelerators_per_unit:g}",
            "-" if o.monthly_price else _fmt(o.on_demand_usd_per_hour),
            "-" if o.monthly_price else _fmt(o.spot_usd_per_hour),
            monthly,
            _fmt(acc.tdp_watts, 0),
            str(o.as_of),
            str(len(o.flags) or ""),
        )
    buf = io.StringIO()
    Console(file=buf, width=160, no_color=True, highlight=False).print(table)
    write_output("\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n", output)
