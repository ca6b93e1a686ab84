"""``aihw catalog refresh --aws|--gcp|--azure``: fetch current prices for the catalog's AWS
instance types (on-demand, spot, Capacity Blocks), GCP VMs (Cloud Billing Catalog: on-demand,
spot, 1- and 3-year commitments) and Azure VM sizes (the public Retail Prices API:
pay-as-you-go, Spot, 1- and 3-year reservations), write a new dated snapshot and report what
changed, with the build's cross-checks against the second sources recomputed and flagged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pulumi_aihw.cli._common import (
    ensure_writable,
    format_option,
    handles_errors,
    note,
    renderer,
    track,
    write_files,
    write_output,
)
from pulumi_aihw.cli.cloud_options import DEFAULTS, MaxAttempts, RetryMode, TimeoutSeconds

if TYPE_CHECKING:
    from pulumi_aihw.catalog.refresh import PriceQuote

REFRESHED_BY = {
    "aws": "aihw catalog refresh --aws (AWS Price List API on-demand Linux; EC2 spot price "
    "history; EC2 Capacity Block offerings)",
    "gcp": "aihw catalog refresh --gcp (Cloud Billing Catalog API, Compute Engine SKUs)",
    "azure": "aihw catalog refresh --azure (Azure Retail Prices API: Linux pay-as-you-go, Spot, "
    "1- and 3-year reservations)",
}
AWS_KINDS = ("on-demand", "spot", "capacity-block")


@handles_errors
def refresh_command(
    aws: Annotated[
        bool,
        typer.Option(
            "--aws", help="Refresh AWS prices: on-demand, spot and Capacity Blocks (--kinds)."
        ),
    ] = False,
    gcp: Annotated[
        bool,
        typer.Option(
            "--gcp",
            help="Refresh GCP VM prices from the Cloud Billing Catalog API (GOOGLE_API_KEY).",
        ),
    ] = False,
    azure: Annotated[
        bool,
        typer.Option(
            "--azure",
            help="Refresh Azure VM prices from the public Retail Prices API (no credentials).",
        ),
    ] = False,
    kinds: Annotated[
        str,
        typer.Option(
            "--kinds",
            metavar="KINDS",
            help="AWS prices to refresh, comma-separated: on-demand,spot,capacity-block.",
        ),
    ] = ",".join(AWS_KINDS),
    regions: Annotated[
        list[str] | None,
        typer.Option(
            "--regions",
            metavar="REGIONS",
            help="Regions to price (repeat or comma-separate; AWS us-east-1, GCP us-central1, "
            "Azure eastus); default: the regions of the catalog's rows. An AWS or Azure region "
            "without a row gets rows added.",
        ),
    ] = None,
    catalog_path: Annotated[
        Path | None,
        typer.Option(
            "--catalog",
            metavar="FILE",
            help="Base snapshot (default: packaged, or $AIHW_CATALOG).",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="New snapshot (default: ./aihw-catalog-YYYY-MM-DD.json).",
        ),
    ] = None,
    report_path: Annotated[
        Path | None,
        typer.Option("--report", metavar="FILE", help="Write the change report here, not stdout."),
    ] = None,
    fmt: Annotated[str, format_option("refresh", "Report: ")] = "table",
    timeout_seconds: TimeoutSeconds = DEFAULTS[0],
    max_attempts: MaxAttempts = DEFAULTS[1],
    retry_mode: RetryMode = DEFAULTS[2],
) -> None:
    """Write a new catalog snapshot with current prices (source and date per price).

    The packaged catalog is never touched; plan with `--catalog PATH` or AIHW_CATALOG.
    Exit 2: bad input or credentials. 3: a price API failed (nothing written).
    """
    from pulumi_aihw.catalog import dump_catalog, load_catalog
    from pulumi_aihw.catalog.load import packaged_catalog_path
    from pulumi_aihw.catalog.refresh import apply_prices
    from pulumi_aihw.cli.cloud_options import limits_of
    from pulumi_aihw.errors import ConfigError

    clouds = {"aws": aws, "gcp": gcp, "azure": azure}
    if not any(clouds.values()):
        raise ConfigError(
            "catalog refresh needs a price source. To fix: pass --aws, --gcp or --azure"
        )
    aws_kinds = _kinds(kinds)
    render = renderer("refresh", fmt)
    limits = limits_of(timeout_seconds, max_attempts, retry_mode)
    today = dt.datetime.now(dt.timezone.utc).date()
    target = output or Path(f"aihw-catalog-{today.isoformat()}.json")
    if target.resolve() == packaged_catalog_path().resolve():
        raise ConfigError(
            f"--output {target} is the packaged catalog, which a refresh never overwrites. "
            "To fix: write the snapshot elsewhere and use it with --catalog or AIHW_CATALOG"
        )
    ensure_writable([target, report_path])
    base = load_catalog(catalog_path)
    quotes: list[PriceQuote] = []
    if aws:
        quotes += _aws_quotes(base.document.offerings, regions, aws_kinds, limits)
    if gcp:
        quotes += _gcp_quotes(base.document.offerings, regions, timeout_seconds)
    if azure:
        quotes += _azure_quotes(base.document.offerings, regions, limits)
    by = " + ".join(REFRESHED_BY[p] for p, on in clouds.items() if on)
    doc, report = apply_prices(base.document, quotes, refreshed_on=today, refreshed_by=by)
    text = render(report)
    files = {target: dump_catalog(doc), **({report_path: text} if report_path else {})}
    write_files(files)  # the snapshot and its report together, or neither
    if report_path is None:
        write_output(text, None)
    counts = report.counts()
    note(
        f"wrote {target}: {counts['updated']} prices updated, {counts['added']} rows added, "
        f"{counts['unchanged']} unchanged, {counts['not-found'] + counts['rejected']} without a "
        f"usable price. Plan with it: aihw plan SPEC --catalog {target}"
    )


def _kinds(value: str) -> tuple[str, ...]:
    from pulumi_aihw.errors import ConfigError

    asked = tuple(k.strip() for k in value.split(",") if k.strip())
    bad = [k for k in asked if k not in AWS_KINDS]
    if bad or not asked:
        raise ConfigError(
            f"--kinds: '{value}' must name some of {', '.join(AWS_KINDS)} (comma-separated)"
        )
    return asked


def _region_names(regions: list[str] | None) -> list[str]:
    from pulumi_aihw.errors import ConfigError

    asked = sorted({r.strip() for value in regions or [] for r in value.split(",") if r.strip()})
    bad = [r for r in asked if not (r.replace("-", "").isalnum() and r.islower())]
    if bad:
        raise ConfigError(
            f"--regions: {', '.join(bad)} is not a region name (e.g. us-east-1, us-central1, "
            "eastus)"
        )
    return asked


REGION_DASHES = {"aws": (2, "us-east-1, eu-west-2"), "azure": (0, "eastus, swedencentral")}
"""How a cloud's region names look: AWS ``us-east-1`` (two or more dashes), GCP
``us-central1`` (one), Azure ``eastus`` (none)."""


def _aws_quotes(
    offerings: tuple[object, ...], regions: list[str] | None, kinds: tuple[str, ...], limits: object
) -> list[PriceQuote]:
    from pulumi_aihw.preflight.aws_clients import AwsClients
    from pulumi_aihw.preflight.aws_market_prices import (
        fetch_capacity_block_prices,
        fetch_spot_prices,
    )
    from pulumi_aihw.preflight.aws_pricing import fetch_on_demand_prices

    wanted = _wanted(offerings, regions)
    clients = AwsClients(limits)  # type: ignore[arg-type]
    quotes: list[PriceQuote] = []
    if "on-demand" in kinds:
        asked = track(wanted, "priced", lambda w: f"{w[0]} in {w[1]}")
        quotes += fetch_on_demand_prices(clients, asked)
    if "spot" in kinds:
        asked = track(wanted, "spot-priced", lambda w: f"{w[0]} in {w[1]}")
        quotes += fetch_spot_prices(clients, asked, dt.datetime.now(dt.timezone.utc))
    if "capacity-block" in kinds:
        blocks = _capacity_block_types(offerings)
        sold = [w for w in wanted if w[0] in blocks]
        asked = track(sold, "block-priced", lambda w: f"{w[0]} in {w[1]}")
        quotes += fetch_capacity_block_prices(clients, asked)
    return quotes


def _capacity_block_types(offerings: tuple[object, ...]) -> set[str]:
    from pulumi_aihw.catalog.models import Offering

    return {o.offering for o in offerings if isinstance(o, Offering) and o.capacity_blocks}


def _wanted(
    offerings: tuple[object, ...], regions: list[str] | None, provider: str = "aws"
) -> list[tuple[str, str]]:
    """(instance type, region) pairs to price: every type of ``provider`` in the catalog in
    each requested region of that cloud, else each of its rows as it is."""
    from pulumi_aihw.catalog.models import Offering
    from pulumi_aihw.errors import ConfigError

    rows = [o for o in offerings if isinstance(o, Offering) and str(o.provider) == provider]
    if not regions:
        return sorted({(o.offering, o.region) for o in rows if o.region})
    dashes, example = REGION_DASHES[provider]
    asked = [
        r for r in _region_names(regions) if (r.count("-") >= 2 if dashes else r.count("-") == 0)
    ]
    if not asked:
        raise ConfigError(
            f"--regions: no {provider.upper()} region name among them (e.g. {example})"
        )
    types = sorted({o.offering for o in rows})
    return [(t, r) for r in asked for t in types]


def _azure_quotes(
    offerings: tuple[object, ...], regions: list[str] | None, limits: object
) -> list[PriceQuote]:
    """Every price kind of every wanted Azure (size, region): one paged query per region."""
    from pulumi_aihw.preflight.azure_pricing import RetailPricesClient, fetch_azure_prices

    wanted = _wanted(offerings, regions, "azure")
    client = RetailPricesClient(limits)  # type: ignore[arg-type]
    quotes: list[PriceQuote] = []
    for region in track(sorted({r for _, r in wanted}), "priced", lambda r: f"Azure sizes in {r}"):
        found = fetch_azure_prices(client, [w for w in wanted if w[1] == region])
        quotes += [q for _, p in sorted(found.items()) for q in p.quotes()]
    return quotes


def _gcp_quotes(
    offerings: tuple[object, ...], regions: list[str] | None, timeout_seconds: float
) -> list[PriceQuote]:
    from pulumi_aihw.catalog.gcp_billing import parse_skus, quotes_for
    from pulumi_aihw.catalog.models import Offering
    from pulumi_aihw.preflight.gcp_billing import list_skus

    asked = {r for r in _region_names(regions) if r.count("-") == 1}
    rows = [
        o
        for o in offerings
        if isinstance(o, Offering)
        and str(o.provider) == "gcp"
        and o.unit_kind == "instance"
        and (not asked or o.region in asked)
    ]
    note(f"[gcp] reading Compute Engine SKUs from the Cloud Billing Catalog API ({len(rows)} rows)")
    skus = parse_skus(list_skus(timeout_seconds=timeout_seconds))
    return list(quotes_for(rows, skus))
