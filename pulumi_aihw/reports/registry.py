"""Every output format of every report, in one registry, loaded lazily.

Each report kind (``plan``, ``catalog``, ``preview``, ``findings``, ``preflight``,
``refresh``, ``diff``) maps formats to the renderer that writes them, named as
``"module:function"``: a renderer module is imported only when its format is asked
for, so listing the formats (``--format`` help and validation) costs nothing. A
renderer is ``render(report, ...) -> str`` with no I/O.

Adding a format is one module under ``pulumi_aihw/reports/`` and one line here
(docs/extending.md); the CLI's ``--format`` choices follow.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any, cast

Renderer = Callable[..., str]


class Renderers(Mapping[str, Renderer]):
    """Format -> renderer for one report kind; a renderer is imported on first use."""

    __slots__ = ("_loaded", "_refs", "kind")

    def __init__(self, kind: str, refs: Mapping[str, str]) -> None:
        self.kind = kind
        self._refs = dict(refs)
        self._loaded: dict[str, Renderer] = {}

    def __getitem__(self, fmt: str) -> Renderer:
        hit = self._loaded.get(fmt)
        if hit is None:
            module, _, function = self._refs[fmt].partition(":")
            hit = self._loaded[fmt] = cast(
                Renderer, getattr(importlib.import_module(module), function)
            )
        return hit

    def __iter__(self) -> Iterator[str]:
        return iter(self._refs)

    def __len__(self) -> int:
        return len(self._refs)

    def ref(self, fmt: str) -> str:
        """The ``"module:function"`` of a format's renderer."""
        return self._refs[fmt]

    def help(self) -> str:
        """``table, json or markdown``: for ``--format`` help texts."""
        names = list(self._refs)
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _refs(formats: Mapping[str, str]) -> dict[str, str]:
    return {fmt: f"pulumi_aihw.reports.{module}:render" for fmt, module in formats.items()}


RENDERERS: dict[str, Renderers] = {
    kind: Renderers(kind, _refs(formats))
    for kind, formats in {
        "plan": {"table": "plan_table", "json": "plan_json", "markdown": "plan_markdown"},
        "catalog": {"table": "catalog_table", "json": "catalog_json"},
        "preview": {"table": "preview_table", "json": "preview_json"},
        "findings": {
            "table": "findings_table",
            "markdown": "findings_markdown",
            "sarif": "findings_sarif",
            "junit": "findings_junit",
            "json": "findings_json",
        },
        "preflight": {"table": "preflight_table", "json": "preflight_json"},
        "refresh": {"table": "refresh_table", "json": "refresh_json"},
        "diff": {"markdown": "diff_markdown", "json": "diff_json"},
    }.items()
}
"""Report kind -> its formats. The CLI's ``--format`` of each command reads one entry."""


def renderers(kind: str) -> Renderers:
    """The formats of ``kind`` (``KeyError`` names an unknown kind)."""
    return RENDERERS[kind]


def render(kind: str, fmt: str, *args: Any) -> str:
    """Render with the ``fmt`` renderer of ``kind``."""
    return RENDERERS[kind][fmt](*args)
