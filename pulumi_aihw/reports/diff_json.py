"""``aihw diff --format json``: the same deltas as the PR comment, for scripts.

Unknown values are ``null``, never 0; totals count known values and name the
workloads left out.
"""

from __future__ import annotations

import json
from typing import Any

from pulumi_aihw.check.diff import DiffReport, Sum, WorkloadDelta

FORMAT_VERSION = 1


def _side(row: Any, key: str) -> Any:
    return None if row is None else row.get(key)


def _workload(w: WorkloadDelta) -> dict[str, Any]:
    return {
        "stack_dir": w.stack_dir,
        "name": w.name,
        "status": w.status,
        "hardware": {"base": _side(w.base, "hardware"), "head": _side(w.head, "hardware")},
        "cost": {
            "per": "run" if w.is_training else "month",
            "base": _side(w.base, w.cost_key),
            "head": _side(w.head, w.cost_key),
            "change": w.cost,
        },
        "usd_per_month": {
            "base": _side(w.base, "usd_per_month"),
            "head": _side(w.head, "usd_per_month"),
            "change": w.usd_per_month,
        },
        "power_kw": {
            "base": _side(w.base, "power_kw"),
            "head": _side(w.head, "power_kw"),
            "change": w.power_kw,
        },
        "lock_in": {
            "base": _side(w.base, "lock_in"),
            "head": _side(w.head, "lock_in"),
            "change": w.lock_in_change,
        },
    }


def _total(d: DiffReport, key: str) -> dict[str, Any]:
    (base, base_unknown), (head, head_unknown) = d.total("base", key), d.total("head", key)
    return {
        "base": round(base, 4),
        "head": round(head, 4),
        "change": round(head - base, 4),
        "unknown": sorted(set(base_unknown + head_unknown)),
    }


def _change(s: Sum) -> dict[str, Any]:
    """A total change: the known part and how many changes are unknown (never 0 for them)."""
    return {"known": round(s.known, 4), "unknown": s.unknown}


def to_dict(d: DiffReport) -> dict[str, Any]:
    t = d.totals()
    return {
        "version": FORMAT_VERSION,
        "tool": "aihw diff",
        "totals": {key: _total(d, key) for key in ("usd_per_month", "power_kw")},
        "changes": {
            "usd_per_month": _change(t.monthly),
            "usd_per_run": _change(t.per_run),
            "power_kw": _change(t.power_kw),
        },
        "workloads_changed": {
            "added": t.added,
            "removed": t.removed,
            "changed": t.changed,
            "unchanged": t.unchanged,
        },
        "more_lock_in": t.more_lock_in,
        "less_lock_in": t.less_lock_in,
        "lock_in_unknown": t.lock_in_unknown,
        "workloads": [_workload(w) for w in d.changed],
        "added_violations": [dict(f) for f in d.added],
        "fixed_violations": [dict(f) for f in d.fixed],
        "failed_stacks": [dict(f) for f in d.failed],
    }


def render(d: DiffReport) -> str:
    return json.dumps(to_dict(d), indent=2) + "\n"
