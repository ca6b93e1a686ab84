"""``outdated``: a lock against a fresh plan with today's catalog."""

from __future__ import annotations

import datetime as dt

import pytest

from pulumi_aihw.catalog import Catalog
from pulumi_aihw.planner import lock_from_plan, plan
from pulumi_aihw.planner.lock import LockedChoice, LockFile
from pulumi_aihw.planner.outdated import LockState, check_lock
from pulumi_aihw.spec import WorkloadSpec, load_spec
from tests.conftest import REPO, STACKS

INF = STACKS / "aws-inferentia-inference" / "workload.yaml"
COMPARE = REPO / "examples" / "compare-families" / "workload.yaml"


def repriced(catalog: Catalog, offering: str, usd_per_hour: float, as_of: dt.date) -> Catalog:
    """A later catalog snapshot where ``offering`` costs ``usd_per_hour`` everywhere."""
    doc = catalog.document
    rows = tuple(
        o.model_copy(update={"on_demand_usd_per_hour": usd_per_hour})
        if o.offering == offering
        else o
        for o in doc.offerings
    )
    return Catalog(doc.model_copy(update={"offerings": rows, "as_of": as_of}))


def _lock(spec: WorkloadSpec, catalog: Catalog, offering: str | None = None, units: int = 0):  # type: ignore[no-untyped-def]
    p = plan(spec, catalog)
    lock = lock_from_plan(p)
    if offering is None:
        return lock
    c = next(c for c in p.feasible if c.offering.offering == offering)
    chosen = LockedChoice(
        provider=c.provider,
        offering=offering,
        region=c.region,
        units=units or c.units or 1,
        accelerator=c.accelerator.id,
    )
    return lock.model_copy(update={"chosen": chosen})


def test_no_lock_and_an_up_to_date_lock(catalog: Catalog) -> None:
    spec = load_spec(INF)
    none = check_lock(spec, catalog, None, threshold_percent=10)
    assert none.state is LockState.NO_LOCK and none.best is not None
    same = check_lock(spec, catalog, _lock(spec, catalog), threshold_percent=10)
    assert same.state is LockState.UP_TO_DATE and same.same_choice
    assert same.usd_saved == 0 and same.locked is not None and same.locked.feasible


def test_a_lock_now_more_expensive_than_an_alternative(catalog: Catalog) -> None:
    """Locked on inf2.xlarge; the next catalog triples its price. An L40S (g6e.xlarge) is
    now the cheapest, and portable."""
    spec = load_spec(COMPARE)
    lock = _lock(spec, catalog)
    assert lock.chosen.offering == "inf2.xlarge"
    later = repriced(catalog, "inf2.xlarge", 0.7582 * 3, dt.date(2026, 12, 1))
    found = check_lock(spec, later, lock, threshold_percent=10)
    assert found.state is LockState.SAVING and found.locked is not None and found.locked.feasible
    assert found.best is not None and found.best.offering.offering == "g6e.xlarge"
    units = lock.chosen.units
    assert found.locked.usd_per_month == pytest.approx(0.7582 * 3 * units * 730, abs=0.01)
    assert found.usd_saved == pytest.approx(found.locked.usd_per_month - 1358.53, abs=0.01)
    assert found.percent_saved == pytest.approx(59.1, abs=0.1)
    assert found.to_dict()["lock_in_change"] == {"from": "high", "to": "low"}
    assert found.kw_change == pytest.approx(-0.32, abs=0.005)  # Inferentia's is an estimate
    assert check_lock(spec, later, lock, threshold_percent=60).state is LockState.UP_TO_DATE


def test_a_saving_under_the_threshold_is_reported_not_flagged(catalog: Catalog) -> None:
    spec = load_spec(COMPARE)
    lock = _lock(spec, catalog, "v6e-1")  # inf2.xlarge saves 44% of it
    flagged = check_lock(spec, catalog, lock, threshold_percent=30)
    assert flagged.state is LockState.SAVING
    quiet = check_lock(spec, catalog, lock, threshold_percent=50)
    assert quiet.state is LockState.UP_TO_DATE and "under the 50% threshold" in quiet.note


def test_a_stale_lock(catalog: Catalog) -> None:
    spec = load_spec(INF)
    lock = _lock(spec, catalog)
    changed = spec.model_copy(
        update={"demand": spec.demand.model_copy(update={"tokens_per_second": 400})}  # type: ignore[union-attr]
    )
    found = check_lock(changed, catalog, lock, threshold_percent=10)
    assert found.state is LockState.STALE and "spec changed" in found.note
    assert found.locked is not None  # still compared: it is what is deployed


def test_a_lock_no_longer_feasible(catalog: Catalog) -> None:
    spec = load_spec(INF)
    lock = _lock(spec, catalog)
    later = repriced(catalog, "inf2.xlarge", 0.7582 * 2, dt.date(2026, 12, 1))  # over $1,200
    found = check_lock(spec, later, lock, threshold_percent=10)
    assert found.state is LockState.INFEASIBLE and found.locked is not None
    assert not found.locked.feasible and found.note.startswith("over budget")
    assert found.best is None and found.new_lock() is None  # nothing else fits $1,200


def test_a_lock_on_an_offering_that_left_the_catalog(catalog: Catalog) -> None:
    spec = load_spec(INF)
    lock = _lock(spec, catalog)
    gone = lock.model_copy(
        update={"chosen": lock.chosen.model_copy(update={"offering": "inf9.mega"})}
    )
    found = check_lock(spec, catalog, gone, threshold_percent=10)
    assert found.state is LockState.GONE and "no longer has" in found.note
    assert found.new_lock() is not None and isinstance(found.new_lock(), LockFile)
