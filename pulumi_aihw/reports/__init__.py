"""Renderers: one module per output format, ``render(report) -> str``, chosen from a dict."""

from __future__ import annotations

from collections.abc import Callable

from pulumi_aihw.contracts import StackPreview
from pulumi_aihw.planner.models import Plan
from pulumi_aihw.reports import plan_json, plan_markdown, plan_table, preview_json, preview_table

PlanRenderer = Callable[[Plan, "int | None"], str]
PreviewRenderer = Callable[[StackPreview], str]

PLAN_RENDERERS: dict[str, PlanRenderer] = {
    "table": plan_table.render,
    "json": plan_json.render,
    "markdown": plan_markdown.render,
}

PREVIEW_RENDERERS: dict[str, PreviewRenderer] = {
    "table": preview_table.render,
    "json": preview_json.render,
}

__all__ = ["PLAN_RENDERERS", "PREVIEW_RENDERERS", "PlanRenderer", "PreviewRenderer"]
