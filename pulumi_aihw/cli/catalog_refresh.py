"""``aihw catalog refresh --aws|--azure``: fetch current on-demand prices for the catalog's
AWS instance types (Price List API) and/or Azure VM sizes (the public Retail Prices API), and
write a new dated snapshot plus a report of what changed."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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

if TYPE_CHECKING:  # pragma: no cover
    from pulumi_aihw.catalog.refresh import PriceQuote
    from pulumi_aihw.preflight.limits import Limits

REFRESHED_BY = {
    "aws": "aihw catalog refresh --aws (AWS Price List API, on-demand Linux)",
    "azure": "aihw catalog refresh --azure (Azure Retail Prices API, Linux pay-as-you-go)",
}


@handles_errors
def refresh_command(
    aws: Annotated[
        bool, typer.Option("--aws", help="Refresh AWS on-demand prices (Price List API).")
    ] = False,
    azure: Annotated[
        bool,
        typer.Option(
            "--azure", help="Refresh Azure pay-as-you-go prices (Retail Prices API, public)."
        ),
    ] = False,
    regions: Annotated[
        list[str] | None,
        typer.Option(
            "--regions",
            help="Regions to price (repeat or comma-separate; with one of --aws/--azure); "
            "default: the regions of the catalog's rows. A region without a row gets rows added.",
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
    """Write a new catalog snapshot with current AWS and/or Azure prices (source and as_of
    per row).

    The packaged catalog is never touched; plan with `--catalog PATH` or AIHW_CATALOG.
    Exit 2: bad input or credentials. 3: a price API failed (nothing written).
    """
    from pulumi_aihw.catalog import dump_catalog, load_catalog
    from pulumi_aihw.catalog.load import packaged_catalog_path
    from pulumi_aihw.catalog.refresh import apply_prices
    from pulumi_aihw.cli.cloud_options import limits_of
    from pulumi_aihw.errors import ConfigError

    sources = [name for name, on in (("aws", aws), ("azure", azure)) if on]
    if not sources:
        raise ConfigError("catalog refresh needs a price source. To fix: pass --aws or --azure")
    if regions and len(sources) > 1:
        raise ConfigError(
            "--regions names one cloud's regions. To fix: refresh --aws and --azure separately"
        )
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
    quotes = []
    for source in sources:
        wanted = _wanted(base.document.offerings, regions, source)
        quotes.extend(_fetch(source, wanted, limits))
    by = "; ".join(REFRESHED_BY[s] for s in sources)
    doc, report = apply_prices(base.document, quotes, refreshed_on=today, refreshed_by=by)
    write_atomic(target, dump_catalog(doc))
    write_output(render(report), report_path)
    counts = report.counts()
    err(
        f"wrote {target}: {counts['updated']} prices updated, {counts['added']} rows added, "
        f"{counts['unchanged']} unchanged, {counts['not-found'] + counts['rejected']} without a "
        f"usable price. Plan with it: aihw plan SPEC --catalog {target}"
    )


def _fetch(source: str, wanted: list[tuple[str, str]], limits: Limits) -> list[PriceQuote]:
    """The quotes of one price source, with a progress line per question asked."""
    if source == "aws":
        from pulumi_aihw.preflight.aws_clients import AwsClients
        from pulumi_aihw.preflight.aws_pricing import fetch_on_demand_prices

        asked = track(wanted, "priced", lambda w: f"{w[0]} in {w[1]}")
        return fetch_on_demand_prices(AwsClients(limits), asked)
    from pulumi_aihw.preflight.azure_pricing import RetailPricesClient, fetch_azure_prices

    client = RetailPricesClient(limits)
    regions = sorted({r for _, r in wanted})
    prices = {}
    for region in track(regions, "priced", lambda r: f"Azure sizes in {r}"):
        prices.update(fetch_azure_prices(client, [w for w in wanted if w[1] == region]))
    return [p.quote() for _, p in sorted(prices.items())]


REGION_FORMS = {
    "aws": (re.compile(r"^[a-z]{2}(-[a-z]+)+-\d$"), "an AWS region name (e.g. us-east-1)"),
    "azure": (re.compile(r"^[a-z][a-z0-9]+$"), "an Azure region name (e.g. eastus, swedencentral)"),
}


def _wanted(
    offerings: tuple[object, ...], regions: list[str] | None, provider: str
) -> list[tuple[str, str]]:
    """(instance type, region) pairs to price: every type of ``provider`` in the catalog in
    each requested region, else each of its rows as it is."""
    from pulumi_aihw.catalog.models import Offering
    from pulumi_aihw.errors import ConfigError

    rows = [o for o in offerings if isinstance(o, Offering) and str(o.provider) == provider]
    if not regions:
        return sorted({(o.offering, o.region) for o in rows if o.region})
    asked = sorted({r.strip() for value in regions for r in value.split(",") if r.strip()})
    form, example = REGION_FORMS[provider]
    bad = [r for r in asked if not form.match(r)]
    if bad:
        raise ConfigError(f"--regions: {', '.join(bad)} is not {example}")
    types = sorted({o.offering for o in rows})
    return [(t, r) for r in asked for t in types]
