"""``aihw diff``: cost, power and lock-in deltas between two ``aihw check --format json``
results (base branch and pull request), per workload and in total, plus the
violations the change adds or fixes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pulumi_aihw.check.result_model import CheckResultDoc, parse_result
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
    failed: tuple[Row, ...] = ()
    """Stacks of head whose program failed (not judged: their deltas are missing)."""

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


def _rows(doc: CheckResultDoc) -> dict[tuple[str, str], Row]:
    return {
        (stack.stack_dir, w.name): w.model_dump() for stack in doc.stacks for w in stack.workloads
    }


def _violations(doc: CheckResultDoc) -> dict[tuple[str, str, str], Row]:
    return {
        (f.rule_id, f.stack_dir, f.resource.name): f.model_dump()
        for f in doc.findings
        if f.status == "violation"
    }


def diff(base: Any, head: Any, base_name: str = "BASE", head_name: str = "HEAD") -> DiffReport:
    """The deltas between two parsed JSON results; each is validated first
    (:func:`~pulumi_aihw.check.result_model.parse_result`: :class:`InputError` per problem)."""
    b, h = parse_result(base, base_name), parse_result(head, head_name)
    old, new = _rows(b), _rows(h)
    keys = sorted(set(old) | set(new))
    deltas = tuple(WorkloadDelta(s, n, old.get((s, n)), new.get((s, n))) for s, n in keys)
    vb, vh = _violations(b), _violations(h)
    return DiffReport(
        deltas,
        tuple(vh[k] for k in sorted(set(vh) - set(vb))),
        tuple(vb[k] for k in sorted(set(vb) - set(vh))),
        tuple(f.model_dump() for f in h.failed_stacks),
    )
