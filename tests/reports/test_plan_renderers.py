"""Plan renderers: golden markdown, table content, JSON equal to Plan.to_dict()."""

from __future__ import annotations

import json

import pytest

from pulumi_aihw.catalog import Catalog
from pulumi_aihw.planner import plan
from pulumi_aihw.planner.summary import category, rejection_summary
from pulumi_aihw.reports import PLAN_RENDERERS
from pulumi_aihw.spec import load_spec
from tests.conftest import STACKS
from tests.reports.golden import check_golden


@pytest.mark.parametrize("stack", ["aws-inferentia-inference", "gcp-tpu-training"])
def test_markdown_golden(catalog: Catalog, stack: str) -> None:
    p = plan(load_spec(STACKS / stack / "workload.yaml"), catalog)
    check_golden(f"plan-{stack}.md", PLAN_RENDERERS["markdown"](p, 5))


def test_markdown_without_a_feasible_candidate(catalog: Catalog, make_spec) -> None:
    p = plan(make_spec(constraints={"max_usd_per_month": 5}), catalog)
    text = PLAN_RENDERERS["markdown"](p, 5)
    assert "**No feasible candidate.**" in text
    assert "| over budget |" in text


def test_table_shows_unknowns_as_unknown(catalog: Catalog) -> None:
    p = plan(load_spec(STACKS / "gcp-tpu-training" / "workload.yaml"), catalog)
    text = PLAN_RENDERERS["table"](p, 3)
    assert "Chosen: gcp v6e-32 x1 slice in us-central1" in text
    assert "kW est. (" in text and "estimate: " in text  # TPU v6e power: an estimate
    assert " 0.00 " not in text  # an unknown is never printed as zero


def test_json_is_the_plan_dict(catalog: Catalog, make_spec) -> None:
    p = plan(make_spec(), catalog)
    assert json.loads(PLAN_RENDERERS["json"](p, 3)) == json.loads(json.dumps(p.to_dict()))


def test_reason_categories() -> None:
    assert category("over budget: $5 > $1") == "over budget"
    assert category("no colon here") == "no colon here"


def test_rejection_summary_counts_each_candidate_once_per_category(
    catalog: Catalog, make_spec
) -> None:
    p = plan(make_spec(placement={"regions": ["us-east-1"]}), catalog)
    summary = dict(rejection_summary(p.rejected))
    assert summary["region not allowed"] == sum(
        1 for c in p.rejected if any(r.startswith("region not allowed") for r in c.rejected_because)
    )


def test_a_demand_met_only_optimistically_is_a_warning_in_table_and_markdown(
    catalog: Catalog, make_spec
) -> None:
    # One inf2.xlarge is estimated at 529 tokens/s, likely up to 713: 600 wanted.
    spec = make_spec(
        pin={"offering": "inf2.xlarge", "units": 1},
        demand={"tokens_per_second": 600},
        constraints={"portability": "none"},
    )
    p = plan(spec, catalog)
    warning = (
        "demand met only at the optimistic end of the estimate: estimated 529 tokens/s < "
        "600 tokens/s wanted (range up to 713 tokens/s)"
    )
    assert f"  warning: {warning}\n" in PLAN_RENDERERS["table"](p, 3)
    assert f"- :warning: {warning}\n" in PLAN_RENDERERS["markdown"](p, 3)
