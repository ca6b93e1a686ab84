"""Rejection wording shared by everything that explains a plan: the CLI, reports and the
``Workload`` component. A rejection reason reads ``category: detail``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from pulumi_aihw.planner.models import Candidate


def category(reason: str) -> str:
    """``over budget: $X > $Y`` -> ``over budget``."""
    head, sep, _ = reason.partition(": ")
    return head if sep else reason


def rejection_summary(cands: Iterable[Candidate]) -> list[tuple[str, int]]:
    """How many rejected candidates each reason category accounts for, most first.

    A candidate counts once per category it hit.
    """
    counts: Counter[str] = Counter()
    for c in cands:
        counts.update({category(r) for r in c.rejected_because})
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def top_rejections(cands: Iterable[Candidate], limit: int = 4) -> str:
    """``over budget (95), region not allowed (77)``: the commonest categories, counted."""
    return ", ".join(f"{cat} ({n})" for cat, n in rejection_summary(cands)[:limit])
