"""Plain-text terminal rendering with rich: no colour, no markup surprises, no padding.

Every table renderer uses :class:`TextConsole` so that width, colour and trailing
whitespace are handled in one place. rich is imported on first use (~50 ms).
"""

from __future__ import annotations

import io
from typing import Any


class TextConsole:
    """Collects rich output as plain text."""

    def __init__(self, width: int) -> None:
        from rich.console import Console

        self._buf = io.StringIO()
        self.console = Console(
            file=self._buf, width=width, no_color=True, highlight=False, soft_wrap=False
        )

    def line(self, text: str) -> None:
        """One line of plain text (square brackets are text, not markup)."""
        self.console.print(text, markup=False)

    def print(self, renderable: Any) -> None:
        self.console.print(renderable)

    def text(self) -> str:
        """Everything printed, each line without trailing padding."""
        return "\n".join(line.rstrip() for line in self._buf.getvalue().splitlines()) + "\n"
