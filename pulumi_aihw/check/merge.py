"""``aihw merge``: the shard results of one check (``--shard K/N``, ``--format json``)
combined into the report an unsharded run gives.

The shards must come from one run: the same date, catalog and policy config file, the
same shard count, each shard once, every stack in one shard only, and together every
stack discovery found. Anything else is an :class:`InputError` (exit 2) naming the
files, since a silently missing shard would hide its stacks' findings.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pulumi_aihw.check.engine import rule_infos
from pulumi_aihw.check.models import CheckReport
from pulumi_aihw.check.serialize import report_from_dict
from pulumi_aihw.errors import InputError, Problem


def _same(reports: Sequence[tuple[str, CheckReport]], what: str, key: Any) -> None:
    values = {json.dumps(key(r), sort_keys=True, default=str): name for name, r in reports}
    if len(values) > 1:
        files = ", ".join(sorted(values.values()))
        raise InputError(
            Problem(
                f"the results differ in {what} ({files}): merge the shards of one run. "
                "To fix: run every shard with the same options and catalog on the same day "
                "(--today)"
            )
        )


def _check_shards(reports: Sequence[tuple[str, CheckReport]]) -> None:
    shards = [(name, r.shard) for name, r in reports]
    if all(s is None for _, s in shards):
        return
    if any(s is None for _, s in shards):
        raise InputError("mix of sharded and unsharded results: merge the shards of one run")
    _same(reports, "shard count", lambda r: r.shard.count)
    seen: dict[int, str] = {}
    for name, shard in shards:
        assert shard is not None
        if shard.index in seen:
            raise InputError(f"shard {shard} is given twice ({seen[shard.index]}, {name})")
        seen[shard.index] = name
    count = reports[0][1].shard.count  # type: ignore[union-attr]
    missing = [str(k) for k in range(1, count + 1) if k not in seen]
    if missing:
        raise InputError(
            f"shards {', '.join(missing)} of {count} are missing: their stacks would go "
            "unreported. To fix: pass every shard's --format json result"
        )


def merge(documents: Sequence[tuple[str, Any]]) -> CheckReport:
    """One report from ``(file name, parsed JSON)`` pairs of ``aihw check --format json``."""
    if not documents:
        raise InputError("no results to merge")
    reports = [(name, report_from_dict(data, name)) for name, data in documents]
    _same(reports, "date (--today)", lambda r: r.today.isoformat())
    _same(reports, "catalog", lambda r: r.catalog_as_of.isoformat())
    _same(reports, "policy config", lambda r: r.policy_config or {})
    _check_shards(reports)
    owner: dict[str, str] = {}
    for name, r in reports:
        for path in [s.stack_dir for s in r.stacks] + [f.stack_dir for f in r.failed]:
            if path in owner:
                raise InputError(f"stack {path} is in two results ({owner[path]}, {name})")
            owner[path] = name
    first = reports[0][1]
    stacks = tuple(sorted((s for _, r in reports for s in r.stacks), key=lambda s: s.stack_dir))
    not_checked = sorted((n for _, r in reports for n in r.not_checked), key=lambda n: n.stack_dir)
    found = {r.stacks_found for _, r in reports}
    covered = len(owner) + len(not_checked)
    if first.shard is not None and found != {covered}:
        raise InputError(
            f"the shards cover {covered} stacks but discovery found "
            f"{', '.join(str(n) for n in found)}: were they "
            "run on the same folders with the same --exclude?"
        )
    configs = [s.policy_config for s in stacks]
    rules = first.rules
    if configs and all(c is not None for c in configs):
        rules = rule_infos([dict(c or {}) for c in configs], first.policy_config)
    return CheckReport(
        stacks=stacks,
        rules=rules,
        today=first.today,
        catalog_as_of=first.catalog_as_of,
        failed=tuple(sorted((f for _, r in reports for f in r.failed), key=lambda f: f.stack_dir)),
        not_checked=tuple(not_checked),
        skipped=tuple(
            sorted(
                {s.path: s for _, r in reports for s in r.skipped}.values(), key=lambda s: s.path
            )
        ),
        policy_config=first.policy_config,
        shard=None,
        stacks_found=first.stacks_found,
    )
