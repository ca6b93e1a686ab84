"""Renderers: one module per output format, ``render(report) -> str``, registered in
:mod:`pulumi_aihw.reports.registry` and imported only when used."""

from __future__ import annotations

from pulumi_aihw.reports.registry import RENDERERS, Renderer, Renderers, render, renderers

PLAN_RENDERERS = RENDERERS["plan"]
"""``aihw plan --format``."""
CATALOG_RENDERERS = RENDERERS["catalog"]
"""``aihw catalog --format``."""
PREVIEW_RENDERERS = RENDERERS["preview"]
"""``aihw preview --format``."""
FINDINGS_RENDERERS = RENDERERS["findings"]
"""``aihw check --format``."""
PREFLIGHT_RENDERERS = RENDERERS["preflight"]
"""``aihw preflight --format``."""
REFRESH_RENDERERS = RENDERERS["refresh"]
"""``aihw catalog refresh --format``."""

__all__ = [
    "CATALOG_RENDERERS",
    "FINDINGS_RENDERERS",
    "PLAN_RENDERERS",
    "PREFLIGHT_RENDERERS",
    "PREVIEW_RENDERERS",
    "REFRESH_RENDERERS",
    "RENDERERS",
    "Renderer",
    "Renderers",
    "render",
    "renderers",
]
