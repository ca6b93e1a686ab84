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
    what: str = "item"
    """What one item is (singular), for "... 12 more findings not shown"."""
    more: Callable[[int, str], str] | None = field(default=None, compare=False)
    """The line that says how many items were cut (default: an italic markdown line)."""
    heads: int = 0
    """A heading over the next ``heads`` sections: shown only if one of them is."""

    def more_line(self, count: int) -> str:
        what = self.what if count == 1 else f"{self.what}s"
        if self.more is not None:
            return self.more(count, what)
        return f"- _... {count} more {what} not shown (comment size limit)_"


def _size(lines: Sequence[str]) -> int:
    return sum(len(line) + 1 for line in lines)


def _lines(s: Section, items: int, cut: int) -> list[str]:
    kept = [line for i in s.items[:items] for line in i]
    return [*s.head, *kept, *([s.more_line(cut)] if cut else []), *s.tail]


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


def _frame(s: Section) -> int:
    more = len(s.more_line(len(s.items))) + 1 if s.items else 0
    return _size(s.head) + _size(s.tail) + more


def fit(
    sections: Sequence[Section],
    max_chars: int,
    report_url: str | None = None,
    frames_from: int = 0,
) -> str:
    """The comment: every section in order, cut to ``max_chars`` when over it.

    Over the budget, lower priorities first: a level below ``frames_from`` gets its frames
    (head, tail and room for an "N more" line) and then its items before the next level;
    from ``frames_from`` on, every remaining section's frame is placed first and the items
    after, level by level (so a long table does not push out the headings below it). A
    section takes its items in order until the next one does not fit."""
    whole = [line for s in sections for line in _lines(s, len(s.items), 0)]
    if _size(whole) <= max_chars:
        return "\n".join(whole).rstrip() + "\n"
    room = max_chars - _size(cut_note(max_chars, 10**6, 10**4, report_url)) - 1
    kept: dict[int, int] = {}
    levels = sorted({s.priority for s in sections})
    tiers = [[lv] for lv in levels if lv < frames_from]
    tiers.append([lv for lv in levels if lv >= frames_from])
    for tier in tiers:
        here = [n for lv in tier for n, s in enumerate(sections) if s.priority == lv]
        for n in here:
            if _frame(sections[n]) <= room:
                kept[n] = 0
                room -= _frame(sections[n])
        for n in here:
            for item in sections[n].items if n in kept else ():
                if _size(item) > room:
                    break
                kept[n] += 1
                room -= _size(item)
    for n, s in enumerate(sections):
        if s.heads and n in kept and not any(m in kept for m in range(n + 1, n + 1 + s.heads)):
            del kept[n]
    out = [
        line
        for n, s in enumerate(sections)
        if n in kept
        for line in _lines(s, kept[n], len(s.items) - kept[n])
    ]
    cut_items = sum(len(s.items) - kept.get(n, 0) for n, s in enumerate(sections))
    dropped = len(sections) - len(kept)
    out += cut_note(max_chars, cut_items, dropped, report_url)
    return "\n".join(out).rstrip() + "\n"
