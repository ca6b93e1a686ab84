"""Every objective ranks by what it says; portability: preferred takes a portable
candidate within its premium under the cost objective, and says so."""

from __future__ import annotations

import math

import pytest

from pulumi_aihw.catalog import Catalog
from pulumi_aihw.planner import plan
from pulumi_aihw.planner.economics import cost_key, is_portable
from pulumi_aihw.planner.estimates import (
    metric_basis,
    million_tokens_per_usd,
    run_kwh,
    tokens_per_kwh,
)
from pulumi_aihw.spec import WorkloadSpec, load_spec
from pulumi_aihw.vocab import Objective, Portability
from tests.conftest import REPO, STACKS

COMPARE = REPO / "examples" / "compare-families" / "workload.yaml"
TRAINING = STACKS / "gcp-tpu-training" / "workload.yaml"


def _with(spec: WorkloadSpec, **constraints: object) -> WorkloadSpec:
    return spec.model_copy(update={"constraints": spec.constraints.model_copy(update=constraints)})


def _descending_known_first(values: list[float | None]) -> bool:
    known = [v for v in values if v is not None]
    unknown_last = [v is None for v in values] == sorted(v is None for v in values)
    return known == sorted(known, reverse=True) and unknown_last


def test_every_objective_is_accepted_and_ranks_every_feasible_candidate(catalog: Catalog) -> None:
    spec = load_spec(COMPARE)
    counts = {str(o): len(plan(spec, catalog, objective=o).feasible) for o in Objective}
    assert len(set(counts.values())) == 1 and min(counts.values()) > 5


def test_perf_per_watt_ranks_tokens_per_kwh_with_unknown_power_last(catalog: Catalog) -> None:
    spec = load_spec(COMPARE)
    p = plan(spec, catalog, objective="perf-per-watt")
    basis = metric_basis(spec)
    values = [tokens_per_kwh(c, basis).value for c in p.feasible]
    assert _descending_known_first(values)
    assert p.chosen is not None and p.chosen.power_kw is not None
    assert p.chosen.rank_reason.startswith(f"most tokens per kWh of {len(p.feasible)} feasible: ")
    # every chip has a power figure now (published, measured or an estimate with a range);
    # an estimate's range shows in its reason
    estimated = [c for c in p.feasible if c.power.basis == "estimate"]
    assert estimated and all(" (" in c.rank_reason for c in estimated)
    unknown = [c for c in p.feasible if c.power_kw is None]
    assert all(c.rank_reason.startswith("energy unknown") for c in unknown)


def test_perf_per_watt_for_training_is_the_least_energy_for_the_run(catalog: Catalog) -> None:
    p = plan(load_spec(TRAINING), catalog, objective="perf-per-watt")
    energy = [run_kwh(c).value for c in p.feasible]
    known = [e for e in energy if e is not None]
    assert known == sorted(known) and energy[0] is not None
    assert p.chosen is not None and "kWh for the run" in p.chosen.rank_reason


def test_perf_per_dollar_ranks_tokens_per_dollar(catalog: Catalog) -> None:
    spec = load_spec(COMPARE)
    p = plan(spec, catalog, objective="perf-per-dollar")
    basis = metric_basis(spec)
    values = [million_tokens_per_usd(c, basis).value for c in p.feasible]
    assert _descending_known_first(values)
    assert p.chosen is not None
    # more tokens per dollar than the cheapest plan: surplus capacity per dollar counts
    cheapest = plan(spec, catalog).chosen
    assert cheapest is not None
    best, cheap = million_tokens_per_usd(p.chosen, basis), million_tokens_per_usd(cheapest, basis)
    assert best.value is not None and cheap.value is not None and best.value > cheap.value
    assert p.chosen.rank_reason.startswith("most tokens per dollar")
    assert "M tokens/$" in p.feasible[1].rank_reason and "vs #1" in p.feasible[1].rank_reason


def test_cost_objective_ranks_by_cost(catalog: Catalog) -> None:
    p = plan(_with(load_spec(COMPARE), portability=Portability.NONE), catalog)
    costs = [cost_key(c) for c in p.feasible]
    assert costs == sorted(costs)


def test_power_objective_ranks_by_power(catalog: Catalog) -> None:
    p = plan(load_spec(COMPARE), catalog, objective="power")
    known = [c.power_kw for c in p.feasible if c.power_kw is not None]
    assert known == sorted(known)
    assert p.chosen is not None and p.chosen.rank_reason.startswith("lowest power of")


def test_balanced_objective_scores(catalog: Catalog) -> None:
    p = plan(load_spec(COMPARE), catalog, objective="balanced")
    assert p.chosen is not None and p.chosen.rank_reason.startswith("best balanced score")
    assert "#2 " in p.chosen.rank_reason


def test_preferred_portability_takes_a_portable_candidate_within_the_premium(
    catalog: Catalog,
) -> None:
    spec = load_spec(COMPARE)
    cheapest = plan(_with(spec, portability=Portability.NONE), catalog).chosen
    assert cheapest is not None and not is_portable(cheapest.accelerator)
    portable = plan(_with(spec, portability=Portability.REQUIRED), catalog).chosen
    assert portable is not None
    premium = 100 * (cost_key(portable) / cost_key(cheapest) - 1)  # about 23%
    within = plan(_with(spec, portability_premium_percent=math.ceil(premium)), catalog)
    assert within.chosen is not None and within.chosen.offering.key == portable.offering.key
    why = within.chosen.rank_reason
    assert why.startswith("portable, preferred over the cheapest, aws inf2.xlarge")
    assert f"within the {math.ceil(premium)}% premium of portability: preferred" in why
    # the cheaper vendor-SDK candidate says why it lost
    runner_up = within.feasible[1]
    assert runner_up.offering.key == cheapest.offering.key
    assert (
        runner_up.rank_reason.startswith("-$") and "needs the Neuron SDK" in runner_up.rank_reason
    )


def test_preferred_portability_outside_the_premium_says_what_portability_would_cost(
    catalog: Catalog,
) -> None:
    p = plan(load_spec(COMPARE), catalog)  # the default 15% premium
    assert p.chosen is not None and p.chosen.accelerator.id == "inferentia2"
    assert "the cheapest portable, aws g6e.xlarge, costs +$252/month (+23%)" in (
        p.chosen.rank_reason
    )
    assert "more than the 15% premium portability: preferred accepts" in p.chosen.rank_reason
    none = plan(_with(load_spec(COMPARE), portability=Portability.NONE), catalog)
    assert none.chosen is not None and "portable" not in none.chosen.rank_reason


@pytest.mark.parametrize("objective", ["power", "balanced", "perf-per-watt", "perf-per-dollar"])
def test_the_premium_applies_under_the_cost_objective_only(
    catalog: Catalog, objective: str
) -> None:
    spec = _with(load_spec(COMPARE), portability_premium_percent=1000)
    reasons = [c.rank_reason for c in plan(spec, catalog, objective=objective).feasible]
    assert not any("premium" in r for r in reasons)
