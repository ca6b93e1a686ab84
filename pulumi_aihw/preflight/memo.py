"""Remember each cloud answer for one run: candidates sharing a region, zone or quota
cost one call, and a failed question is reported once, never retried again."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any


class Memo:
    def __init__(self) -> None:
        self._hits: dict[Hashable, Any] = {}

    def get(self, key: Hashable, fetch: Callable[[], Any]) -> Any:
        """``fetch()``'s answer for ``key``, or the exception it raised, raised again."""
        if key not in self._hits:
            try:
                self._hits[key] = fetch()
            except Exception as exc:
                self._hits[key] = exc
        hit = self._hits[key]
        if isinstance(hit, Exception):
            raise hit
        return hit
