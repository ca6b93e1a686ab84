"""Horizontal bar charts as monospaced text: one bar per row, the label on the left, the
value beside the bar. They read the same in a PR comment (a ``text`` code block), a job
summary and a terminal, at 3 workloads or 300: labels never overlap.

Bars are drawn in eighths of a character (``█▉▊▋▌▍▎▏``); a second glyph (``▒``) marks a
bar whose value is an estimate or a measurement rather than a published figure.
Diverging charts (a change up or down) draw decreases with ``░`` to the left of the axis.
Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

BAR_WIDTH = 30
LABEL_WIDTH = 56
_EIGHTHS = " ▏▎▍▌▋▊▉█"
SOLID, HATCHED, DOWN = "█", "▒", "░"


@dataclass(frozen=True)
class Bar:
    label: str
    """Unique in its chart (``stack/name``)."""
    value: float
    text: str
    """The value as shown beside the bar (``$40,179``, ``7.52 kW``)."""
    glyph: str = SOLID
    """``SOLID`` or ``HATCHED`` (an estimate, marked in the legend)."""


def shorten(label: str, width: int) -> str:
    """``stacks/very-long…/name``: the start and the end kept, the middle elided."""
    if len(label) <= width:
        return label
    tail = max(width // 2, width - 24)
    return label[: width - tail - 1] + "…" + label[-tail:]


def labels(names: Sequence[str], width: int = LABEL_WIDTH) -> list[str]:
    """Labels at most ``width`` wide while they stay unique; else the full labels."""
    short = [shorten(n, width) for n in names]
    return short if len(set(short)) == len(set(names)) else list(names)


def _bar(value: float, top: float, glyph: str, width: int) -> str:
    if top <= 0 or value <= 0:
        return ""
    eighths = round(value / top * width * 8)
    if glyph != SOLID:
        return glyph * max(1, round(eighths / 8))
    full, part = divmod(max(eighths, 1), 8)
    return SOLID * full + (_EIGHTHS[part] if part else "")


def bar_lines(bars: Sequence[Bar], width: int = BAR_WIDTH) -> list[str]:
    """One line per bar: label, bar, value; the bars scaled to the largest value."""
    if not bars:
        return []
    top = max(b.value for b in bars)
    names = labels([b.label for b in bars])
    pad = max(len(n) for n in names)
    return [
        f"{n.ljust(pad)}  {_bar(b.value, top, b.glyph, width).ljust(width)}  {b.text}".rstrip()
        for n, b in zip(names, bars, strict=True)
    ]


def diverging_lines(bars: Sequence[Bar], width: int = BAR_WIDTH // 2) -> list[str]:
    """Changes around an axis: decreases (``░``) to its left, increases to its right (a
    side with no bar takes no room)."""
    if not bars:
        return []
    top = max(abs(b.value) for b in bars)
    left_width = width if any(b.value < 0 for b in bars) else 0
    right_width = width if any(b.value > 0 for b in bars) else 0
    names = labels([b.label for b in bars])
    pad = max(len(n) for n in names)
    out = []
    for n, b in zip(names, bars, strict=True):
        left = _bar(-b.value, top, DOWN, width) if b.value < 0 else ""
        right = _bar(b.value, top, SOLID, width) if b.value > 0 else ""
        line = f"{n.ljust(pad)}  {left.rjust(left_width)}│{right.ljust(right_width)}  {b.text}"
        out.append(line.rstrip())
    return out
