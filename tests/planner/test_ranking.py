"""Ranking by cost, power and balance; determinism; a brute-force cross-check."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest

from pulumi_aihw.catalog import Catalog
from pulumi_aihw.planner import DEFAULT_ASSUMPTIONS, plan
from pulumi_aihw.planner.candidates import Evaluator
from pulumi_aihw.planner.ranking import cost_key
from pulumi_aihw.spec import WorkloadSpec
from tests.conftest import INFERENCE, TRAINING, merged

MakeSpec = Callable[..., WorkloadSpec]


def test_cost_ranking_is_ascending_and_explained(catalog: Catalog, make_spec: MakeSpec) -> None:
    p = plan(make_spec(constraints={"portability": "none"}), catalog)
    costs = [cost_key(c) for c in p.feasible]
    assert costs == sorted(costs) and len(costs) > 5
    assert [c.rank for c in p.feasible] == list(range(1, len(costs) + 1))
    assert p.chosen is p.feasible[0]
    assert p.chosen.rank_reason.startswith("cheapest feasible: $553/month")
    second = p.feasible[1]
    delta = cost_key(second) - cost_key(p.chosen)
    assert second.rank_reason.startswith(f"+${delta:,.0f}/month (+")


def test_rejected_candidates_come_after_feasible_ones(
    catalog: Catalog, make_spec: MakeSpec
) -> None:
    p = plan(make_spec(), catalog)
    flags = [c.feasible for c in p.candidates]
    assert flags == sorted(flags, reverse=True)
    assert all(c.rank is None for c in p.rejected)
    # every offering is a candidate: one per offering, priced in its cheapest allowed region
    assert len(p.candidates) == len(catalog.groups)
    assert {c.offering.offering for c in p.candidates} == set(catalog.offering_names())


def test_power_objective(catalog: Catalog, make_spec: MakeSpec) -> None:
    p = plan(make_spec(), catalog, objective="power")
    known = [c.power_kw for c in p.feasible if c.power_kw is not None]
    assert known == sorted(known)
    unknown_after = [c.power_kw is None for c in p.feasible]
    assert unknown_after == sorted(unknown_after)  # unknown power ranks last, never as 0
    assert p.chosen is not None and p.chosen.rank_reason.startswith("lowest power")
    estimated = [c for c in p.feasible if c.power.basis == "estimate"]
    assert estimated  # Inferentia2: power is an estimate, ranked with its range shown
    assert all(" kW est. (" in c.rank_reason for c in estimated), estimated[0].rank_reason


def test_balanced_objective_weighs_lock_in(catalog: Catalog, make_spec: MakeSpec) -> None:
    preferred = plan(make_spec(), catalog, objective="balanced")
    assert preferred.chosen is not None
    assert preferred.chosen.rank_reason.startswith("best balanced score")
    # cost alone picks Inferentia; portability preferred doubles lock-in penalties, so the
    # balanced choice is never more locked in than with no portability preference
    assert plan(make_spec(), catalog).chosen.accelerator.id == "inferentia2"
    indifferent = plan(
        make_spec(constraints={"portability": "none"}), catalog, objective="balanced"
    ).chosen
    assert indifferent is not None
    assert preferred.chosen.lock_in.level.rank <= indifferent.lock_in.level.rank


def test_ties_break_deterministically_on_footprint_then_units(
    catalog: Catalog, make_spec: MakeSpec
) -> None:
    # Without fitted factors (no scale-out penalty) TPU slices priced linearly cost the same
    # for the run whatever their size.
    linear = Catalog(catalog.document.model_copy(update={"efficiency": None}))
    p = plan(make_spec(TRAINING), linear)
    same = [c for c in p.feasible if cost_key(c) == cost_key(p.feasible[0])]
    assert len(same) > 1  # linear TPU prices: several slices cost the same for the run
    burns = [c.usd_per_month for c in same]
    assert burns == sorted(burns)
    assert p.chosen.offering.offering == "v6e-32"
    assert "same cost as #1" in same[1].rank_reason


@pytest.mark.parametrize("objective", ["cost", "power", "balanced"])
def test_planning_is_deterministic(catalog: Catalog, make_spec: MakeSpec, objective: str) -> None:
    spec = make_spec()
    first = plan(spec, catalog, objective=objective).to_dict()
    for _ in range(3):
        assert plan(spec, catalog, objective=objective).to_dict() == first


VARIANTS = [
    merged(
        INFERENCE,
        demand={"tokens_per_second": tps, "hours_per_day": hours},
        constraints={"portability": port, "purchase_option": option},
    )
    for tps, hours, port, option in itertools.product(
        (50, 500, 5000), (6, 24), ("none", "required"), ("on-demand", "spot")
    )
] + [
    merged(
        INFERENCE,
        model={"name": "l70", "parameters_billion": 70, "context_length_tokens": 4096},
        demand={"tokens_per_second": 2000},
    ),
    merged(TRAINING, frameworks=["pytorch"]),
    merged(TRAINING, training={"tokens_billion": 50, "deadline_days": 30}, frameworks=["jax"]),
]


@pytest.mark.parametrize("data", VARIANTS, ids=range(len(VARIANTS)))
def test_brute_force_chosen_is_cheapest_feasible(catalog: Catalog, data: dict) -> None:
    """Independently search every offering x unit count for the cheapest feasible layout."""
    from pulumi_aihw.spec import spec_from_dict

    spec = spec_from_dict(data)
    p = plan(spec, catalog)
    ev = Evaluator(spec, catalog, DEFAULT_ASSUMPTIONS)
    best = None
    for o in catalog.offerings:
        for units in range(1, 41):
            c = ev.evaluate(o, units=units)
            # a pinned count the estimate misses but its optimistic end meets is feasible with a
            # warning; the planner's own sizing always meets the estimate itself
            hopeful = any("only at the optimistic end" in w for w in c.warnings)
            if c.feasible and not hopeful:
                key = cost_key(c)
                best = key if best is None else min(best, key)
                break  # more units of the same offering cost more
    if best is None:
        assert p.chosen is None
    else:
        assert p.chosen is not None and cost_key(p.chosen) == pytest.approx(best)
