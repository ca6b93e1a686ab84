"""``--shard K/N``: a deterministic share of the stacks, for a CI matrix.

A stack belongs to shard ``sha256(path) mod N + 1`` (the path as reports show it). The
share of a stack never depends on the other stacks, so adding one moves no other stack
to another shard (each runner's preview cache stays warm), and the base branch's copy of
a stack lands in the same shard as the pull request's. Every stack is in exactly one
shard; shares are even on average, not exactly.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from pulumi_aihw.check.models import Shard
from pulumi_aihw.errors import ConfigError

T = TypeVar("T")
MAX_SHARDS = 1000
_SHARD = re.compile(r"^\s*(\d{1,4})\s*/\s*(\d{1,4})\s*$")


def parse_shard(text: str) -> Shard:
    """``"2/4"`` -> ``Shard(2, 4)``; :class:`ConfigError` (exit 2) for anything else."""
    match = _SHARD.match(text)
    if match is not None:
        index, count = int(match.group(1)), int(match.group(2))
        if 1 <= index <= count <= MAX_SHARDS:
            return Shard(index, count)
    raise ConfigError(
        f"--shard: '{text}' is not K/N with 1 <= K <= N <= {MAX_SHARDS} (e.g. 2/4: the "
        "second of four shares)"
    )


def shard_of(path: str, count: int) -> int:
    """The 1-based shard ``path`` belongs to among ``count``."""
    digest = hashlib.sha256(path.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def select(items: Sequence[T], shard: Shard | None, path: Callable[[T], str]) -> list[T]:
    """The items of ``shard`` (all of them without one), in their order."""
    if shard is None:
        return list(items)
    return [i for i in items if shard_of(path(i), shard.count) == shard.index]
