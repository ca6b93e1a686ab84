"""Plain-text tables that fit a width: one line per row, columns dropped by priority.

Every cell stays on one line. When the table is wider than the terminal, the flexible
column (a "why") shrinks to its minimum with an ellipsis, then whole columns are dropped,
least important first, and the table says which. Pure: text in, lines out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

GAP = 2
ELLIPSIS = "…"


@dataclass(frozen=True)
class Column:
    header: str
    right: bool = False
    """Right-aligned (numbers)."""
    drop: int = 0
    """Drop order when the table is too wide: the highest goes first; 0 is never dropped."""
    flexible: bool = False
    """Shrinks (cut with an ellipsis) to ``min_width`` before anything is dropped; the room
    left goes to flexible columns in drop order (the lowest ``drop`` first)."""
    min_width: int = 0
    """A flexible column narrower than this is dropped instead."""


def _natural(col: Column, cells: Sequence[str]) -> int:
    return max([len(col.header), *(len(c) for c in cells)])


def fit(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> dict[int, int]:
    """Kept column index -> its width, so that the table fits ``width`` if it can: drop
    columns (highest ``drop`` first) until the rest fits with flexible columns at their
    minimum, then give flexible columns the room left, up to their natural width."""
    natural = {i: _natural(c, [r[i] for r in rows]) for i, c in enumerate(columns)}

    def least(i: int) -> int:
        c = columns[i]
        return min(natural[i], max(c.min_width, len(c.header))) if c.flexible else natural[i]

    kept = list(natural)
    while sum(least(i) for i in kept) + GAP * (len(kept) - 1) > width:
        droppable = [i for i in kept if columns[i].drop > 0]
        if not droppable:
            break
        kept.remove(max(droppable, key=lambda i: (columns[i].drop, i)))
    widths = {i: least(i) for i in kept}
    room = width - sum(widths.values()) - GAP * (len(kept) - 1)
    for i in sorted((i for i in kept if columns[i].flexible), key=lambda i: columns[i].drop):
        extra = min(max(room, 0), natural[i] - widths[i])
        widths[i] += extra
        room -= extra
    return widths


def _cell(text: str, width: int, right: bool) -> str:
    if len(text) > width:
        text = text[: max(0, width - 1)] + ELLIPSIS
    return text.rjust(width) if right else text.ljust(width)


def render(
    title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int
) -> list[str]:
    """The table's lines (title, header, rule, rows; a note naming dropped columns)."""
    widths = fit(columns, rows, width)
    kept = sorted(widths)
    sep = " " * GAP

    def line(cells: Sequence[str]) -> str:
        return sep.join(_cell(cells[i], widths[i], columns[i].right) for i in kept).rstrip()

    out = [title] if title else []
    out.append(line([c.header for c in columns]))
    out.append(sep.join("─" * widths[i] for i in kept))
    out += [line(r) for r in rows]
    dropped = [c.header for i, c in enumerate(columns) if i not in widths]
    if dropped:
        note = f"(not shown at {width} columns: {', '.join(dropped)}; see --format json)"
        out += wrap(note, width, "", " ")
    return out


def wrap(text: str, width: int, first: str = "", rest: str = "    ") -> list[str]:
    """``text`` wrapped to ``width``: ``first`` before the first line, ``rest`` before the
    others (a long line of a report never runs past the terminal)."""
    import textwrap

    return textwrap.wrap(
        text,
        width=max(20, width),
        initial_indent=first,
        subsequent_indent=rest,
        break_on_hyphens=False,
    ) or [first.rstrip()]
