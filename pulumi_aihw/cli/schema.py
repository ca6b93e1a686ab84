"""``aihw schema`` and ``aihw validate``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from pulumi_aihw.cli._common import choice, err, handles_errors, write_output


@handles_errors
def schema_command(
    kind: Annotated[str, typer.Option(help="workload, profile (and inventory).")] = "workload",
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """Print the JSON Schema of a file kind, for editors and CI validation."""
    from pulumi_aihw.spec.schema import SCHEMA_KINDS, json_schema

    _load_plugins()
    choice(kind, SCHEMA_KINDS, "--kind")
    write_output(json.dumps(json_schema(kind), indent=2) + "\n", output)


@handles_errors
def validate_command(
    specs: Annotated[list[Path], typer.Argument(help="Workload spec files.", show_default=False)],
    catalog_path: Annotated[Path | None, typer.Option("--catalog")] = None,
) -> None:
    """Check spec files (schema, profile, catalog names, inventory) without planning.

    Exit 0 when all are valid, 2 otherwise.
    """
    from pulumi_aihw.baremetal.candidates import inventory_for_spec
    from pulumi_aihw.catalog import load_catalog
    from pulumi_aihw.errors import EXIT_BAD_INPUT, InputError
    from pulumi_aihw.planner import check_spec
    from pulumi_aihw.spec import load_spec

    catalog = load_catalog(catalog_path)
    failed = False
    for path in specs:
        try:
            workload = load_spec(path)
            check_spec(workload, catalog)
            inventory_for_spec(workload, catalog)  # its inventory file, if it names one
        except InputError as exc:
            failed = True
            for problem in exc.problems:
                err(f"error: {problem}")
            continue
        err(f"ok: {path}")
    if failed:
        raise typer.Exit(EXIT_BAD_INPUT)


def _load_plugins() -> None:
    """File kinds registered by optional parts (the bare-metal inventory)."""
    import contextlib
    import importlib

    for module in ("pulumi_aihw.baremetal.inventory",):
        with contextlib.suppress(ImportError):
            importlib.import_module(module)
