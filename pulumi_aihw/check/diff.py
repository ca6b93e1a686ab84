"""``aihw diff``: cost, power and lock-in deltas between two ``aihw check --format json``
results (base branch and pull request), per workload and in total, plus the
violations the change adds or fixes.

Workloads are matched by stack folder and name. A value unknown on either side makes
that workload's change unknown, never 0; totals add the known changes and count the
unknown ones. A workload that is not there counts as no cost, no power and no lock-in
(``none``): an added workload with high lock-in is a lock-in increase. Training runs
are compared by the cost of the run, services by the monthly cost.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pulumi_aihw.check.result_model import CheckResultDoc, parse_result
from pulumi_aihw.vocab import LockInLevel

Row = Mapping[str, Any]
COMPARED = ("hardware", "usd_per_month", "usd_total", "power_kw", "lock_in")
"""What makes a workload changed (any differs between base and head)."""


def _number(row: Row | None, key: str) -> float | None:
    """The value on one side: 0 where the workload is absent, ``None`` where unknown."""
    if row is None:
        return 0.0
    value = row.get(key)
    return None if value is None else float(value)


@dataclass(frozen=True)
class WorkloadDelta:
    stack_dir: str
    name: str
    base: Row | None
    head: Row | None

    def _delta(self, key: str) -> float | None:
        old, new = _number(self.base, key), _number(self.head, key)
        return None if old is None or new is None else new - old

    @property
    def label(self) -> str:
        return f"{self.stack_dir}/{self.name}"

    @property
    def status(self) -> str:
        """``added``, ``removed``, ``changed`` or ``unchanged``."""
        if self.base is None:
            return "added"
        if self.head is None:
            return "removed"
        same = all(self.base.get(k) == self.head.get(k) for k in COMPARED)
        return "unchanged" if same else "changed"

    @property
    def is_training(self) -> bool:
        """A training run on either side: its cost is compared per run."""
        return any(r is not None and r.get("usd_total") is not None for r in (self.base, self.head))

    @property
    def cost_key(self) -> str:
        return "usd_total" if self.is_training else "usd_per_month"

    @property
    def cost(self) -> float | None:
        """The change of the run's cost (training) or of the monthly cost."""
        return self._delta(self.cost_key)

    @property
    def usd_per_month(self) -> float | None:
        return self._delta("usd_per_month")

    @property
    def power_kw(self) -> float | None:
        return self._delta("power_kw")

    def _level(self, row: Row | None) -> LockInLevel | None:
        if row is None:
            return LockInLevel.NONE  # not there: no lock-in
        value = row.get("lock_in")
        return LockInLevel(value) if value in LockInLevel.values() else None

    @property
    def lock_in_change(self) -> int | None:
        """+1 more lock-in, -1 less, 0 the same; ``None`` when a side's level is unknown."""
        old, new = self._level(self.base), self._level(self.head)
        if old is None or new is None:
            return None
        diff = new.rank - old.rank
        return (diff > 0) - (diff < 0)


@dataclass(frozen=True)
class Sum:
    """The known part of a total change, and how many changes are unknown."""

    known: float = 0.0
    unknown: int = 0
    counted: int = 0

    def add(self, value: float | None) -> Sum:
        if value is None:
            return Sum(self.known, self.unknown + 1, self.counted)
        return Sum(self.known + value, self.unknown, self.counted + 1)


@dataclass(frozen=True)
class Totals:
    monthly: Sum
    """Services: the monthly cost change."""
    per_run: Sum
    """Training runs: the change of the runs' cost."""
    power_kw: Sum
    more_lock_in: int
    less_lock_in: int
    lock_in_unknown: int
    added: int
    removed: int
    changed: int
    unchanged: int


@dataclass(frozen=True)
class DiffReport:
    workloads: tuple[WorkloadDelta, ...]
    added: tuple[Row, ...]
    """Violations in head that base does not have."""
    fixed: tuple[Row, ...]
    """Violations in base that head no longer has."""
    failed: tuple[Row, ...] = ()
    """Stacks of head whose program failed (not judged: their deltas are missing)."""

    @property
    def changed(self) -> tuple[WorkloadDelta, ...]:
        """Added, removed and changed workloads (unchanged ones are only counted)."""
        return tuple(w for w in self.workloads if w.status != "unchanged")

    def totals(self) -> Totals:
        monthly, per_run, power = Sum(), Sum(), Sum()
        lock = {1: 0, -1: 0, 0: 0, None: 0}
        for w in self.changed:
            if w.is_training:
                per_run = per_run.add(w.cost)
            else:
                monthly = monthly.add(w.cost)
            power = power.add(w.power_kw)
            lock[w.lock_in_change] += 1
        status = [w.status for w in self.workloads]
        return Totals(
            monthly,
            per_run,
            power,
            lock[1],
            lock[-1],
            lock[None],
            status.count("added"),
            status.count("removed"),
            status.count("changed"),
            status.count("unchanged"),
        )

    def side_total(self, side: str, training: bool) -> Sum:
        """One side's total cost of its services per month (``training=False``) or of its
        training runs (``True``): known values added, unknown ones counted."""
        out = Sum()
        for w in self.workloads:
            row = getattr(w, side)
            if row is not None and w.is_training is training:
                value = row.get(w.cost_key)
                out = out.add(None if value is None else float(value))
        return out

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
    """Workloads by (stack, name); a name used twice in a stack gets ``#2``, ``#3``."""
    out: dict[tuple[str, str], Row] = {}
    for stack in doc.stacks:
        for w in stack.workloads:
            name, n = w.name, 1
            while (stack.stack_dir, name) in out:
                n += 1
                name = f"{w.name}#{n}"
            out[(stack.stack_dir, name)] = w.model_dump()
    return out


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
