"""A markdown comment under a size budget (GitHub's comment limit is 65,536 characters).

A comment is a list of :class:`Section`: a head, items (blocks of lines) and a tail. When
the whole comment is over the budget, sections are kept in priority order (lower first):
each kept section keeps its head and tail (so every ``<details>`` and code fence stays
closed) and as many of its items, in order, as still fit; a cut section says how many
items it leaves out, and a note at the end says the comment was cut and links the full
report. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

GITHUB_COMMENT_LIMIT = 65_536
DEFAULT_MAX_CHARS = 65_000
"""The default budget: GitHub's limit with room for what a workflow adds around it."""


@dataclass(frozen=True)
class Section:
    head: tuple[str, ...]
    items: tuple[tuple[str, ...], ...] = ()
    tail: tuple[str, ...] = ()
    priority: int = 0
    """Lower is kept first when the comment is over its budget."""
    what: str = "items"
    """What one item is, for "... 12 more findings not shown"."""
    more: Callable[[int, str], str] | None = field(default=None, compare=False)
    """The line that says how many items were cut (default: an italic markdown line)."""

    def more_line(self, count: int) -> str:
        if self.more is not None:
            return self.more(count, self.what)
        return f"- _... {count} more {self.what} not shown (comment size limit)_"


def _size(lines: Sequence[str]) -> int:
    return sum(len(line) + 1 for line in lines)


def _fit_one(s: Section, room: int) -> tuple[list[str], int] | None:
    """The section's lines within ``room`` (None if not even its head and tail fit), and
    how many of its items were left out."""
    frame = _size(s.head) + _size(s.tail)
    if frame > room:
        return None
    if frame + sum(_size(i) for i in s.items) <= room:
        return [*s.head, *(line for i in s.items for line in i), *s.tail], 0
    reserve = len(s.more_line(len(s.items))) + 1
    kept: list[str] = []
    used = frame + reserve
    count = 0
    for item in s.items:
        if used + _size(item) > room:
            break
        kept += item
        used += _size(item)
        count += 1
    cut = len(s.items) - count
    if frame + reserve > room:
        return [*s.head, *s.tail], cut
    return [*s.head, *kept, s.more_line(cut), *s.tail], cut


def cut_note(max_chars: int, cut_items: int, dropped: int, report_url: str | None) -> list[str]:
    where = (
        f"[the full report]({report_url})"
        if report_url
        else "the full report (`aihw check --format markdown` without a size limit)"
    )
    parts = [f"{cut_items} items"] if cut_items else []
    if dropped:
        parts.append(f"{dropped} sections")
    return [
        "",
        f"> :scissors: Cut to fit {max_chars:,} characters (GitHub's comment limit is "
        f"{GITHUB_COMMENT_LIMIT:,}): {' and '.join(parts) or 'some lines'} not shown. "
        f"See {where}.",
    ]


def fit(sections: Sequence[Section], max_chars: int, report_url: str | None = None) -> str:
    """The comment: every section in order, cut to ``max_chars`` when over it."""
    whole = [
        line for s in sections for line in (*s.head, *(x for i in s.items for x in i), *s.tail)
    ]
    if _size(whole) <= max_chars:
        return "\n".join(whole).rstrip() + "\n"
    room = max_chars - _size(cut_note(max_chars, 10**6, 10**4, report_url)) - 1
    chosen: dict[int, list[str]] = {}
    cut_items = dropped = 0
    for index in sorted(range(len(sections)), key=lambda n: (sections[n].priority, n)):
        found = _fit_one(sections[index], room)
        if found is None:
            dropped += 1
            cut_items += len(sections[index].items)
            continue
        lines, cut = found
        chosen[index] = lines
        room -= _size(lines)
        cut_items += cut
    out = [line for n in range(len(sections)) for line in chosen.get(n, [])]
    out += cut_note(max_chars, cut_items, dropped, report_url)
    return "\n".join(out).rstrip() + "\n"
