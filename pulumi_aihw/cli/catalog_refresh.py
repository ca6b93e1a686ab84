"""``aihw catalog refresh --aws``: fetch current on-demand prices for the catalog's AWS
instance types and write a new dated snapshot plus a report of what changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from pulumi_aihw.cli._common import (
    err,
    format_option,
    handles_errors,
    renderer,
    track,
    write_atomic,
    write_output,
)
from pulumi_aihw.cli.cloud_options import DEFAULTS, MaxAttempts, RetryMode, TimeoutSeconds

REFRESHED_BY = "aihw catalog refresh --aws (AWS Price List API, on-demand Linux)"


@handles_errors
def refresh_command(
    aws: Annotated[
        bool, typer.Option("--aws", help="Refresh AWS on-demand prices (Price List API).")
    ] = False,
    regions: Annotated[
        list[str] | None,
        typer.Option(
            "--regions",
            help="AWS regions to price (repeat or comma-separate); default: the regions of "
            "the catalog's AWS rows. A region without a row gets rows added.",
        ),
    ] = None,
    catalog_path: Annotated[
        Path | None,
        typer.Option("--catalog", help="Base snapshot (default: packaged, or $AIHW_CATALOG)."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="New snapshot (default: ./aihw-catalog-YYYY-MM-DD.json)."
        ),
    ] = None,
    report_path: Annotated[
        Path | None, typer.Option("--report", help="Write the change report here, not stdout.")
    ] = None,
    fmt: Annotated[str, format_option("refresh", "Report: ")] = "table",
    timeout_seconds: TimeoutSeconds = DEFAULTS[0],
    max_attempts: MaxAttempts = DEFAULTS[1],
    retry_mode: RetryMode = DEFAULTS[2],
) -> None:
    """Write a new catalog snapshot with current AWS prices (source and as_of per row).

    The packaged catalog is never touched; plan with `--catalog PATH` or AIHW_CATALOG.
    Exit 2: bad input or credentials. 3: the Price List API failed (nothing written).
    """
    from pulumi_aihw.catalog import dump_catalog, load_catalog
    from pulumi_aihw.catalog.load import packaged_catalog_path
    from pulumi_aihw.catalog.refresh import apply_prices
    from pulumi_aihw.cli.cloud_options import limits_of
    from pulumi_aihw.errors import ConfigError

    if not aws:
        raise ConfigError("catalog refresh needs a price source. To fix: pass --aws")
    render = renderer("refresh", fmt)
    limits = limits_of(timeout_seconds, max_attempts, retry_mode)
    today = dt.datetime.now(dt.timezone.utc).date()
    target = output or Path(f"aihw-catalog-{today.isoformat()}.json")
    if target.resolve() == packaged_catalog_path().resolve():
        raise ConfigError(
            f"--output {target} is the packaged catalog, which a refresh never overwrites. "
            "To fix: write the snapshot elsewhere and use it with --catalog or AIHW_CATALOG"
        )
    base = load_catalog(catalog_path)
    wanted = _wanted(base.document.offerings, regions)
    from pulumi_aihw.preflight.aws_clients import AwsClients
    from pulumi_aihw.preflight.aws_pricing import fetch_on_demand_prices

    asked = track(wanted, "priced", lambda w: f"{w[0]} in {w[1]}")
    quotes = fetch_on_demand_prices(AwsClients(limits), asked)
    doc, report = apply_prices(base.document, quotes, refreshed_on=today, refreshed_by=REFRESHED_BY)
    write_atomic(target, dump_catalog(doc))
    write_output(render(report), report_path)
    counts = report.counts()
    err(
        f"wrote {target}: {counts['updated']} prices updated, {counts['added']} rows added, "
        f"{counts['unchanged']} unchanged, {counts['not-found'] + counts['rejected']} without a "
        f"usable price. Plan with it: aihw plan SPEC --catalog {target}"
    )


def _wanted(offerings: tuple[object, ...], regions: list[str] | None) -> list[tuple[str, str]]:
    """(instance type, region) pairs to price: every AWS type of the catalog in each
    requested region, else each AWS row as it is."""
    from pulumi_aihw.catalog.models import Offering
    from pulumi_aihw.errors import ConfigError

    aws_rows = [o for o in offerings if isinstance(o, Offering) and str(o.provider) == "aws"]
    if not regions:
        return sorted({(o.offering, o.region) for o in aws_rows if o.region})
    asked = sorted({r.strip() for value in regions for r in value.split(",") if r.strip()})
    bad = [r for r in asked if not r.replace("-", "").isalnum() or r.count("-") < 2]
    if bad:
        raise ConfigError(
            f"--regions: {', '.join(bad)} is not an AWS region name (e.g. us-east-1, eu-west-2)"
        )
    types = sorted({o.offering for o in aws_rows})
    return [(t, r) for r in asked for t in types]
