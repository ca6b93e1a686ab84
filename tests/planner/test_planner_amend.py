"""Amending a finished plan with rejections found later (preflight), then re-ranking."""

from __future__ import annotations

from pulumi_aihw.catalog import load_catalog
from pulumi_aihw.planner import lock_from_plan, plan
from pulumi_aihw.planner.amend import amend_plan
from tests.cloudfakes.specs import spec

WORKLOAD = spec(
    placement={"providers": ["aws"], "regions": ["us-east-1"]},
    constraints={"portability": "none", "max_usd_per_month": 5000},
)


def test_rejecting_the_chosen_candidate_promotes_the_next_one() -> None:
    before = plan(WORKLOAD, load_catalog())
    first, second = before.feasible[:2]
    after = amend_plan(
        before,
        WORKLOAD,
        rejections={first.offering.key: ["preflight failed: vcpu-quota: quota 0"]},
        notices=["checked"],
    )
    assert after.chosen is not None
    assert after.chosen.offering.key == second.offering.key
    assert after.chosen.rank == 1
    assert [c.rank for c in after.feasible] == list(range(1, len(before.feasible)))
    dropped = next(c for c in after.rejected if c.offering.key == first.offering.key)
    assert dropped.rejected_because == ("preflight failed: vcpu-quota: quota 0",)
    assert dropped.rank is None
    assert after.notices == (*before.notices, "checked")
    assert len(after.candidates) == len(before.candidates)


def test_warnings_only_keep_the_ranking() -> None:
    before = plan(WORKLOAD, load_catalog())
    key = before.feasible[1].offering.key
    after = amend_plan(
        before, WORKLOAD, rejections={}, warnings={key: ["preflight offered: 4 of 6"]}
    )
    assert [c.offering.key for c in after.candidates] == [c.offering.key for c in before.candidates]
    assert after.feasible[1].warnings[-1] == "preflight offered: 4 of 6"


def test_a_locked_choice_that_fails_stays_chosen_and_infeasible() -> None:
    catalog = load_catalog()
    lock = lock_from_plan(plan(WORKLOAD, catalog))
    locked = plan(WORKLOAD, catalog, lock=lock)
    assert locked.chosen is not None and locked.chosen.locked
    key = locked.chosen.offering.key
    after = amend_plan(locked, WORKLOAD, rejections={key: ["preflight failed: offered: no"]})
    assert after.chosen is not None
    assert after.chosen.offering.key == key
    assert not after.chosen.feasible
    assert after.chosen.rejected_because[-1] == "preflight failed: offered: no"
