"""``aihw explain``: everything about one candidate of a spec's plan."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pulumi_aihw.cli._common import (
    format_option,
    handles_errors,
    objective_option,
    renderer,
    terminal_width,
    write_output,
)
from pulumi_aihw.cli._options import CATALOG_OPTION, OUTPUT_OPTION


@handles_errors
def explain_command(
    spec: Annotated[
        Path, typer.Argument(help="Workload spec (YAML).", show_default=False, metavar="SPEC")
    ],
    offering: Annotated[
        str,
        typer.Argument(
            help="Offering name (p5.48xlarge, v5litepod-4, an owned server group).",
            show_default=False,
            metavar="OFFERING",
        ),
    ],
    region: Annotated[
        str | None,
        typer.Option(
            metavar="REGION",
            help="Region or site (default: the cheapest the spec allows; the offering is "
            "judged in all of them together).",
        ),
    ] = None,
    fmt: Annotated[str, format_option("explain")] = "text",
    objective: Annotated[str, objective_option()] = "cost",
    catalog_path: Annotated[Path | None, CATALOG_OPTION] = None,
    output: Annotated[Path | None, OUTPUT_OPTION] = None,
) -> None:
    """Explain one candidate of SPEC's plan: sizing step by step, price with its source and
    date, power with its basis, lock-in, every rejection reason and what would make it
    feasible. The lock file is not applied: this is the plan made afresh.

    Exit 0 (feasible or not), 2 on bad input (unknown offering or region).
    """
    from pulumi_aihw.catalog import load_catalog
    from pulumi_aihw.catalog.catalog import unknown_offering_message
    from pulumi_aihw.cli.plan import plan_spec_file
    from pulumi_aihw.errors import InputError, Problem
    from pulumi_aihw.planner.explain import explain, find

    render = renderer("explain", fmt)
    workload, result = plan_spec_file(spec, objective, catalog_path, None)
    if not find(result, offering, None):
        catalog = load_catalog(catalog_path)
        raise InputError(Problem(unknown_offering_message(catalog, offering)))
    found = explain(result, workload, offering, region)
    write_output(render(found, width=terminal_width()), output)
