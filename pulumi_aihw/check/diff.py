"""``aihw diff``: cost, power and lock-in deltas between two ``aihw check --format json``
results (base branch and pull request), per workload and in total, plus the
violations the change adds or fixes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pulumi_aihw.errors import InputError, Problem
from pulumi_aihw.vocab import LockInLevel

Row = Mapping[str, Any]


@dataclass(frozen=True)
class WorkloadDelta:
    stack_dir: str
    name: str
    base: Row | None
    head: Row | None

    def _delta(self, key: str) -> float | None:
        old = self.base.get(key) if self.base else 0.0
        new = self.head.get(key) if self.head else 0.0
        if old is None or new is None:
            return None
        return float(new) - float(old)

    @property
    def usd_per_month(self) -> float | None:
        return self._delta("usd_per_month")

    @property
    def power_kw(self) -> float | None:
        return self._delta("power_kw")

    @property
    def lock_in_change(self) -> int:
        """+1 more lock-in, -1 less, 0 same or unknown."""
        old, new = (r.get("lock_in") if r else None for r in (self.base, self.head))
        if old not in LockInLevel.values() or new not in LockInLevel.values():
            return 0
        diff = LockInLevel(new).rank - LockInLevel(old).rank
        return (diff > 0) - (diff < 0)


@dataclass(frozen=True)
class DiffReport:
    workloads: tuple[WorkloadDelta, ...]
    added: tuple[Row, ...]
    """Violations in head that base does not have."""
    fixed: tuple[Row, ...]
    """Violations in base that head no longer has."""

    def total(self, side: str, key: str) -> tuple[float, list[str]]:
        """Sum of the known values on one side, and the workloads whose value is unknown."""
        total, unknown = 0.0, []
        for w in self.workloads:
            row = getattr(w, side)
            if row is None:
                continue
            value = row.get(key)
            if value is None:
                unknown.append(w.name)
            else:
                total += float(value)
        return total, unknown


def _require(data: Any, source: str) -> Mapping[str, Any]:
    ok = (
        isinstance(data, Mapping)
        and data.get("version") == 1
        and isinstance(data.get("stacks"), list)
        and isinstance(data.get("findings"), list)
    )
    if not ok:
        raise InputError(
            Problem(
                "not an `aihw check --format json` result (version 1 with stacks and "
                "findings). To fix: write it with `aihw check STACK... --format json -o FILE`",
                file=source,
            )
        )
    return data  # type: ignore[no-any-return]


def _rows(data: Mapping[str, Any]) -> dict[tuple[str, str], Row]:
    out = {}
    for stack in data["stacks"]:
        for w in stack.get("workloads", []):
            out[(str(stack.get("stack_dir")), str(w.get("name")))] = w
    return out


def _violations(data: Mapping[str, Any]) -> dict[tuple[str, str, str], Row]:
    return {
        (f["rule_id"], f["stack_dir"], f["resource"]["name"]): f
        for f in data["findings"]
        if f.get("status") == "violation"
    }


def diff(base: Any, head: Any, base_name: str = "BASE", head_name: str = "HEAD") -> DiffReport:
    b, h = _require(base, base_name), _require(head, head_name)
    old, new = _rows(b), _rows(h)
    keys = sorted(set(old) | set(new))
    deltas = tuple(WorkloadDelta(s, n, old.get((s, n)), new.get((s, n))) for s, n in keys)
    vb, vh = _violations(b), _violations(h)
    return DiffReport(
        deltas,
        tuple(vh[k] for k in sorted(set(vh) - set(vb))),
        tuple(vb[k] for k in sorted(set(vb) - set(vh))),
    )
