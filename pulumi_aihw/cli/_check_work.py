"""How ``aihw check`` gets each stack's result: from the result cache (nothing runs),
else from a cached preview (only the pack runs), else by previewing it (``--jobs`` at a
time, each program isolated) and checking it. What it computes is stored for next time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pulumi_aihw.check.cache import PreviewCache, stack_key
from pulumi_aihw.check.models import StackResult
from pulumi_aihw.check.parallel import Runner
from pulumi_aihw.check.result_cache import ResultCache, result_key
from pulumi_aihw.cli._common import note, warn
from pulumi_aihw.cli._stacks import Previews, preview_stacks


@dataclass(frozen=True)
class CheckInputs:
    """What a stack's check result depends on besides the stack itself."""

    config: Mapping[str, Any]
    today: dt.date
    catalog: Path | None
    pass_env: tuple[str, ...] = ()


@dataclass
class Work:
    results: dict[str, StackResult] = field(default_factory=dict)
    """Stacks whose result came from the cache."""
    previews: Previews = field(default_factory=Previews)
    """Previews (cached or fresh) of the stacks still to check, and failed stacks."""
    result_keys: dict[str, str] = field(default_factory=dict)


def _warn_once(directory: Path) -> Callable[[bool], None]:
    said = [False]

    def check(ok: bool) -> None:
        if not ok and not said[0]:
            said[0] = True
            warn(f"cannot write the cache in {directory}: results not kept")

    return check


def gather(
    stacks: Sequence[str],
    cache_dir: Path | None,
    inputs: CheckInputs,
    runner: Runner,
    jobs: int,
) -> Work:
    """The cached results and the previews of ``stacks`` (``cache_dir`` None: no cache)."""
    work = Work()
    if cache_dir is None:
        preview_stacks(stacks, runner, jobs, work.previews)
        return work
    previews, results = PreviewCache(cache_dir), ResultCache(cache_dir)
    preview_keys: dict[str, str] = {}
    for stack in stacks:
        key = preview_keys[stack] = stack_key(stack, env=inputs.pass_env)
        rkey = work.result_keys[stack] = result_key(
            key, stack, inputs.config, inputs.today, inputs.catalog
        )
        hit = results.get(rkey, stack)
        if hit is not None:
            work.results[stack] = hit
            continue
        preview = previews.get(key, stack)
        if preview is not None:
            work.previews.previews[stack] = preview
    if work.results or work.previews.previews:
        note(
            f"{len(work.results) + len(work.previews.previews)} of {len(stacks)} stacks "
            f"unchanged: {len(work.results)} results and {len(work.previews.previews)} "
            f"previews from {cache_dir}"
        )
    todo = [s for s in stacks if s not in work.results and s not in work.previews.previews]
    preview_stacks(todo, runner, jobs, work.previews, done=len(stacks) - len(todo))
    stored = _warn_once(cache_dir)
    for stack in todo:
        fresh = work.previews.previews.get(stack)
        if fresh is not None:
            stored(previews.put(preview_keys[stack], fresh))
    return work


def keep(cache_dir: Path | None, work: Work, checked: Sequence[StackResult]) -> None:
    """Store the results just computed."""
    if cache_dir is None:
        return
    results, stored = ResultCache(cache_dir), _warn_once(cache_dir)
    for stack in checked:
        key = work.result_keys.get(stack.stack_dir)
        if key is not None:
            stored(results.put(key, stack))
