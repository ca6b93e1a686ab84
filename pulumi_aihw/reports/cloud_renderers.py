"""Renderers for the reports that come from asking the clouds: ``aihw preflight`` and
``aihw catalog refresh``. One module per format, chosen from these dicts."""

from __future__ import annotations

from collections.abc import Callable

from pulumi_aihw.catalog.refresh import RefreshReport
from pulumi_aihw.preflight.models import PreflightReport
from pulumi_aihw.reports import preflight_json, preflight_table, refresh_json, refresh_table

PREFLIGHT_RENDERERS: dict[str, Callable[[PreflightReport], str]] = {
    "table": preflight_table.render,
    "json": preflight_json.render,
}

REFRESH_RENDERERS: dict[str, Callable[[RefreshReport], str]] = {
    "table": refresh_table.render,
    "json": refresh_json.render,
}

__all__ = ["PREFLIGHT_RENDERERS", "REFRESH_RENDERERS"]
