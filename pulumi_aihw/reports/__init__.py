"""Renderers: one module per output format, ``render(report) -> str``, chosen from a dict."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pulumi_aihw.catalog.catalog import Catalog
from pulumi_aihw.catalog.models import Offering
from pulumi_aihw.check.models import CheckReport
from pulumi_aihw.contracts import StackPreview
from pulumi_aihw.planner.models import Plan
from pulumi_aihw.reports import (
    catalog_json,
    catalog_table,
    findings_json,
    findings_junit,
    findings_markdown,
    findings_sarif,
    findings_table,
    plan_json,
    plan_markdown,
    plan_table,
    preview_json,
    preview_table,
)

PlanRenderer = Callable[[Plan, "int | None"], str]
CatalogRenderer = Callable[[Catalog, Sequence[Offering]], str]

CATALOG_RENDERERS: dict[str, CatalogRenderer] = {
    "table": catalog_table.render,
    "json": catalog_json.render,
}
"""``aihw catalog --format``."""
PreviewRenderer = Callable[[StackPreview], str]

PLAN_RENDERERS: dict[str, PlanRenderer] = {
    "table": plan_table.render,
    "json": plan_json.render,
    "markdown": plan_markdown.render,
}

FindingsRenderer = Callable[[CheckReport], str]

FINDINGS_RENDERERS: dict[str, FindingsRenderer] = {
    "table": findings_table.render,
    "markdown": findings_markdown.render,
    "sarif": findings_sarif.render,
    "junit": findings_junit.render,
    "json": findings_json.render,
}
"""``aihw check --format``: one renderer per format."""

PREVIEW_RENDERERS: dict[str, PreviewRenderer] = {
    "table": preview_table.render,
    "json": preview_json.render,
}
"""``aihw preview --format``."""

__all__ = [
    "CATALOG_RENDERERS",
    "FINDINGS_RENDERERS",
    "PLAN_RENDERERS",
    "PREVIEW_RENDERERS",
    "CatalogRenderer",
    "FindingsRenderer",
    "PlanRenderer",
    "PreviewRenderer",
]
