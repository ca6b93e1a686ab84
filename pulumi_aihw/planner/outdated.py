"""``aihw outdated``: is a locked choice still the one to make? The locked offering
re-evaluated with today's catalog at its locked unit count, against the best choice of
a fresh plan: what re-planning would save per month, how power and lock-in change, and
whether the locked choice is still feasible. Pure: the CLI reads the files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from pulumi_aihw.catalog.catalog import Catalog
from pulumi_aihw.errors import LockError
from pulumi_aihw.planner.alternatives import evaluate_deployed
from pulumi_aihw.planner.economics import cost_key
from pulumi_aihw.planner.estimates import brief_dict, money
from pulumi_aihw.planner.gates import policy_view
from pulumi_aihw.planner.gating import apply_profile_gates
from pulumi_aihw.planner.lock import LockFile, lock_for
from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.planner.plan import locked_offering, plan
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.vocab import Objective, StrEnum


class LockState(StrEnum):
    UP_TO_DATE = "up to date"
    """Still feasible; re-planning saves less than the threshold."""
    SAVING = "saving"
    """Re-planning saves at least the threshold."""
    INFEASIBLE = "infeasible"
    """The locked choice no longer meets the spec with today's catalog."""
    GONE = "gone"
    """The locked offering left the catalog (or the inventory)."""
    STALE = "stale"
    """The spec changed since the lock: the lock no longer applies."""
    NO_LOCK = "no lock"


NEEDS_ACTION = frozenset({LockState.SAVING, LockState.INFEASIBLE, LockState.GONE, LockState.STALE})


def _money(c: Candidate | None) -> float | None:
    return None if c is None else money(c)


@dataclass(frozen=True)
class LockCheck:
    """One workload's lock against a fresh plan."""

    workload: str
    state: LockState
    lock: LockFile | None
    locked: Candidate | None
    """The locked choice re-evaluated today (``None``: no lock, or it left the catalog)."""
    best: Candidate | None
    """The fresh plan's choice (``None``: nothing is feasible)."""
    catalog_as_of: dt.date
    spec_hash: str
    note: str = ""

    def new_lock(self) -> LockFile | None:
        """The lock file pinning the best choice now (``None`` when nothing is feasible)."""
        c = self.best
        if c is None or c.units is None:
            return None
        return lock_for(self.workload, self.spec_hash, self.catalog_as_of, c)

    @property
    def usd_saved(self) -> float | None:
        """Locked cost minus the best cost now (per month; training: for the run)."""
        a, b = _money(self.locked), _money(self.best)
        return None if a is None or b is None else a - b

    @property
    def percent_saved(self) -> float | None:
        saved, base = self.usd_saved, _money(self.locked)
        return None if saved is None or not base else 100 * saved / base

    @property
    def kw_change(self) -> float | None:
        """Power of the best now minus the locked choice's."""
        if self.locked is None or self.best is None:
            return None
        a, b = self.best.power_kw, self.locked.power_kw
        return None if a is None or b is None else a - b

    @property
    def same_choice(self) -> bool:
        return (
            self.locked is not None
            and self.best is not None
            and self.locked.offering.key == self.best.offering.key
            and self.locked.units == self.best.units
        )

    def to_dict(self) -> dict[str, Any]:
        def side(c: Candidate | None) -> dict[str, Any] | None:
            if c is None:
                return None
            return {**brief_dict(c), "rejected_because": list(c.rejected_because)}

        saved, pct, kw = self.usd_saved, self.percent_saved, self.kw_change
        return {
            "workload": self.workload,
            "state": str(self.state),
            "needs_action": self.state in NEEDS_ACTION,
            "locked_with_catalog_as_of": None
            if self.lock is None
            else self.lock.catalog_as_of.isoformat(),
            "catalog_as_of": self.catalog_as_of.isoformat(),
            "locked": side(self.locked),
            "best_now": side(self.best),
            "usd_saved": None if saved is None else round(saved, 2),
            "percent_saved": None if pct is None else round(pct, 1),
            "power_kw_change": None if kw is None else round(kw, 3),
            "lock_in_change": None
            if self.locked is None or self.best is None
            else {"from": str(self.locked.lock_in.level), "to": str(self.best.lock_in.level)},
            "still_feasible": None if self.locked is None else self.locked.feasible,
            "note": self.note,
        }


def _locked_candidate(
    spec: WorkloadSpec, catalog: Catalog, lock: LockFile, extra: Sequence[Candidate]
) -> Candidate:
    """The locked choice at its locked units, judged against today's spec and catalog
    (:class:`LockError` when it left the catalog)."""
    want = lock.chosen
    for c in extra:
        if (c.provider, c.offering.offering, c.region) == (
            want.provider,
            want.offering,
            want.region,
        ):
            return c
    offering = locked_offering(want, catalog)
    cand = evaluate_deployed(spec, catalog, offering, want.units)
    return apply_profile_gates([cand], spec, catalog, policy_view(spec))[0]


def check_lock(
    spec: WorkloadSpec,
    catalog: Catalog,
    lock: LockFile | None,
    *,
    threshold_percent: float,
    objective: Objective | str = Objective.COST,
    extra_candidates: Sequence[Candidate] = (),
) -> LockCheck:
    """Compare ``lock`` (``None``: no lock file) with a fresh plan of ``spec``."""
    fresh = plan(spec, catalog, objective=objective, extra_candidates=extra_candidates)
    best, as_of, h = fresh.chosen, catalog.as_of, fresh.spec_hash
    if lock is None:
        return LockCheck(spec.name, LockState.NO_LOCK, None, None, best, as_of, h, "no lock file")
    try:
        locked = _locked_candidate(spec, catalog, lock, extra_candidates)
    except LockError as exc:
        return LockCheck(spec.name, LockState.GONE, lock, None, best, as_of, h, str(exc))
    out = LockCheck(spec.name, LockState.UP_TO_DATE, lock, locked, best, as_of, h)
    if lock.spec_hash != h:
        note = "the spec changed since `aihw plan --lock`: the lock no longer applies"
        return _with(out, LockState.STALE, note)
    if not locked.feasible:
        return _with(out, LockState.INFEASIBLE, "; ".join(locked.rejected_because))
    pct = out.percent_saved
    if pct is not None and pct >= threshold_percent and best is not None:
        return _with(
            out,
            LockState.SAVING,
            f"{pct:,.1f}% saved: at or above the {threshold_percent:g}% threshold",
        )
    if best is not None and not out.same_choice and cost_key(best) < cost_key(locked):
        return _with(
            out, LockState.UP_TO_DATE, f"saving under the {threshold_percent:g}% threshold"
        )
    return out


def _with(c: LockCheck, state: LockState, note: str) -> LockCheck:
    return replace(c, state=state, note=note)


@dataclass(frozen=True)
class OutdatedRow:
    spec_file: str
    lock_file: str
    check: LockCheck


@dataclass(frozen=True)
class OutdatedReport:
    rows: tuple[OutdatedRow, ...]
    threshold_percent: float

    @property
    def needing_action(self) -> list[OutdatedRow]:
        return [r for r in self.rows if r.check.state in NEEDS_ACTION]

    def to_dict(self) -> dict[str, Any]:
        return {
            "threshold_percent": self.threshold_percent,
            "needs_action": len(self.needing_action),
            "workloads": [
                {"spec": r.spec_file, "lock_file": r.lock_file, **r.check.to_dict()}
                for r in self.rows
            ],
        }
