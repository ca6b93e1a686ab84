"""``explain``: the sizing steps arrive at the candidate's own figures; price, power,
rejections and what would make a candidate feasible."""

from __future__ import annotations

import math

import pytest

from pulumi_aihw.catalog import Catalog
from pulumi_aihw.errors import InputError
from pulumi_aihw.planner import plan
from pulumi_aihw.planner.explain import explain
from pulumi_aihw.spec import load_spec
from pulumi_aihw.workflow import plan_workload
from tests.conftest import REPO, STACKS

INF = STACKS / "aws-inferentia-inference" / "workload.yaml"
GPU = STACKS / "aws-gpu-inference" / "workload.yaml"
TRAIN = STACKS / "gcp-tpu-training" / "workload.yaml"
COMPARE = REPO / "examples" / "compare-families" / "workload.yaml"


def _step(e, what: str) -> str:  # type: ignore[no-untyped-def]
    return next(s.result for s in (*e.sizing, *e.price, *e.power) if s.what == what)


def _number(text: str) -> float:
    return float(text.split()[0].replace(",", "").replace("$", ""))


@pytest.mark.parametrize("path", [INF, COMPARE, TRAIN, STACKS / "gcp-tpu-inference/workload.yaml"])
def test_the_steps_arrive_at_each_feasible_candidates_own_figures(catalog: Catalog, path) -> None:
    spec = load_spec(path)
    p = plan(spec, catalog)
    for c in p.feasible[:15]:
        e = explain(p, spec, c.offering.offering, c.region)
        assert e.candidate is c
        s = c.sizing
        assert s is not None
        if spec.training is None:
            assert _number(_step(e, "estimated throughput")) == pytest.approx(
                s.tokens_per_second, abs=0.5
            )
            per = _number(_step(e, "per replica"))
            assert per * (s.replicas or 0) == pytest.approx(s.tokens_per_second, rel=0.01)
        else:
            assert _number(_step(e, "time to train")) == pytest.approx(
                s.time_to_train_hours, abs=0.05
            )
        assert _number(_step(e, "per month")) == pytest.approx(c.usd_per_month, abs=0.01)
        if c.power_kw is not None and c.provider != "owned":
            parts = _number(_step(e, "accelerators")) + _number(_step(e, "hosts"))
            assert parts == pytest.approx(c.power_kw, abs=0.011)


def test_a_rejected_candidate_says_what_would_make_it_feasible(catalog: Catalog) -> None:
    spec = load_spec(INF)
    e = explain(plan(spec, catalog), spec, "g6e.xlarge")
    assert not e.candidate.feasible
    assert e.standing == "not feasible: 1 reason"
    assert e.candidate.rejected_because == ("over budget: $1,359/month > max $1,200/month",)
    assert e.remedies == (
        "+$159/month budget (constraints.max_usd_per_month: 1,359), or spot capacity "
        "(constraints.purchase_option: spot, $668/month)",
    )
    # spot is suggested only where its price fits the budget
    trn = explain(plan(spec, catalog), spec, "trn1.2xlarge")
    assert trn.remedies == (
        "+$762/month budget (constraints.max_usd_per_month: 1,962), or spot capacity "
        "(constraints.purchase_option: spot, $321/month)",
    )
    source = e.price[0]
    assert (
        source.what == "source"
        and source.how.startswith("on-demand: AWS Price List")
        and source.result == f"as of {e.candidate.as_of}"
    )
    assert [s.what for s in e.power] == ["accelerators", "hosts", "total"]
    assert "(published)" in e.power[0].how


def test_remedies_for_portability_placement_frameworks_and_deadline(catalog: Catalog) -> None:
    spec = load_spec(GPU)
    p = plan(spec, catalog)
    inf = explain(p, spec, "inf2.xlarge")
    assert "constraints.portability: preferred or none (accept the Neuron SDK)" in inf.remedies
    region = explain(p, spec, "a3-highgpu-1g")
    assert "placement.providers: add gcp" in region.remedies
    assert "placement.regions: add us-central1" in region.remedies
    inf1 = explain(p, spec, "inf1.xlarge")
    assert "frameworks without vllm (not native on AWS Inferentia)" in inf1.remedies
    loaded = load_spec(TRAIN)  # pinned to a slice too small for the 7-day deadline
    data = {**loaded.model_dump(mode="json"), "pin": {"offering": "v6e-32", "units": 1}}
    data["training"]["deadline_days"] = 7
    train = type(loaded).model_validate(data)
    tp = plan(train, catalog)
    slow = next(
        c for c in tp.rejected if any("cannot meet deadline" in r for r in c.rejected_because)
    )
    e = explain(tp, train, slow.offering.offering, slow.region)
    hours = slow.sizing.time_to_train_hours  # type: ignore[union-attr]
    assert f"training.deadline_days: {math.ceil(hours / 24):,}" in " ".join(e.remedies)


def test_the_best_placed_region_is_explained_and_the_others_listed(catalog: Catalog) -> None:
    spec = load_spec(COMPARE)
    p = plan(spec, catalog)
    e = explain(p, spec, "inf2.xlarge")
    assert e.candidate.feasible and e.candidate.region == "us-east-1"
    # one candidate for every allowed region, priced in the cheapest; the others listed
    assert e.other_regions[0] == "us-west-2 ($0.7582/instance-hour)"
    assert len(e.other_regions) == len(e.candidate.other_rows)
    assert explain(p, spec, "inf2.xlarge", "eu-west-1").candidate is e.candidate
    with pytest.raises(InputError, match="not offered in mars-1; it is offered in: "):
        explain(p, spec, "inf2.xlarge", "mars-1")
    with pytest.raises(InputError, match="no candidate named nope"):
        explain(p, spec, "nope")


def test_owned_servers_are_explained_from_the_inventory(catalog: Catalog) -> None:
    spec = load_spec(STACKS / "baremetal-gpu-inference" / "workload.yaml")
    p = plan_workload(spec, catalog)
    owned = next(c for c in p.candidates if c.provider == "owned")
    e = explain(p, spec, owned.offering.offering, owned.region)
    # the planner's power figure of the server's cards and host, times the site's PUE
    assert [s.what for s in e.power][:3] == ["accelerators", "hosts", "total"]
    assert f"x PUE {owned.pue:g}" in e.power[2].how
    assert e.to_dict()["family"] == "bare-metal-owned"
