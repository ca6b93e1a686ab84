"""Options several commands share, declared once (same name, metavar and help)."""

from __future__ import annotations

from typing import Any

import typer

CATALOG_OPTION: Any = typer.Option(
    "--catalog",
    metavar="FILE",
    help="Catalog snapshot (default: the packaged one, or $AIHW_CATALOG).",
)
OUTPUT_OPTION: Any = typer.Option(
    "--output",
    "-o",
    metavar="FILE",
    help="Write to this file instead of stdout (written whole or not at all).",
)
