"""``aihw schema`` and ``aihw validate``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pulumi_aihw.cli._common import (
    choice,
    ensure_writable,
    handles_errors,
    note,
    report_problems,
    write_output,
)
from pulumi_aihw.cli._options import CATALOG_OPTION, OUTPUT_OPTION

if TYPE_CHECKING:
    from pulumi_aihw.catalog.catalog import Catalog
    from pulumi_aihw.errors import Problem


@handles_errors
def schema_command(
    kind: Annotated[
        str,
        typer.Option(metavar="KIND", help="File kind: workload, profile (and inventory)."),
    ] = "workload",
    output: Annotated[Path | None, OUTPUT_OPTION] = None,
) -> None:
    """Print the JSON Schema of a file kind, for editors and CI validation."""
    from pulumi_aihw.spec.schema import SCHEMA_KINDS, json_schema

    ensure_writable([output])
    _load_plugins()
    choice(kind, SCHEMA_KINDS, "--kind")
    write_output(json.dumps(json_schema(kind), indent=2) + "\n", output)


def problems_of(path: Path, catalog: Catalog) -> list[Problem]:
    """Every independent problem of one spec file: its schema, its profile and inventory
    paths (together, from the loader), then its catalog names and its inventory file."""
    from pulumi_aihw.baremetal.candidates import inventory_for_spec
    from pulumi_aihw.errors import InputError
    from pulumi_aihw.planner import check_spec
    from pulumi_aihw.spec import load_spec

    try:
        workload = load_spec(path)
    except InputError as exc:
        return list(exc.problems)
    problems: list[Problem] = []
    for step in (check_spec, inventory_for_spec):
        try:
            step(workload, catalog)
        except InputError as exc:
            problems += exc.problems
    return problems


def _problem_dict(p: Problem) -> dict[str, Any]:
    return {"file": p.file, "line": p.line, "path": p.path, "message": p.message}


@handles_errors
def validate_command(
    specs: Annotated[
        list[Path],
        typer.Argument(help="Workload spec files.", show_default=False, metavar="SPEC"),
    ],
    catalog_path: Annotated[Path | None, CATALOG_OPTION] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text (problems on stderr) or json (every file and its problems, on stdout).",
        ),
    ] = "text",
) -> None:
    """Check spec files (schema, profile, catalog names, inventory) without planning.

    Every independent problem is reported in one run: a bad `extends:` or inventory path
    does not hide the spec's own mistakes. Exit 0 when all are valid, 2 otherwise.
    """
    from pulumi_aihw.catalog import load_catalog
    from pulumi_aihw.errors import EXIT_BAD_INPUT

    choice(fmt, ("text", "json"), "--format")
    catalog = load_catalog(catalog_path)
    results = [(path, problems_of(path, catalog)) for path in specs]
    if fmt == "json":
        files = [
            {"file": str(p), "valid": not found, "problems": [_problem_dict(x) for x in found]}
            for p, found in results
        ]
        valid = all(f["valid"] for f in files)
        write_output(json.dumps({"valid": valid, "files": files}, indent=2) + "\n", None)
    else:
        for path, found in results:
            if found:
                report_problems(found)
            else:
                note(f"ok: {path}")
    if any(found for _, found in results):
        raise typer.Exit(EXIT_BAD_INPUT)


def _load_plugins() -> None:
    """File kinds registered by optional parts (the bare-metal inventory)."""
    import contextlib
    import importlib

    for module in ("pulumi_aihw.baremetal.inventory",):
        with contextlib.suppress(ImportError):
            importlib.import_module(module)
