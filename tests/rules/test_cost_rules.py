"""Cost rules: budget, idle on-demand hours, oversized choices, unknown and stale prices."""

from __future__ import annotations

import datetime as dt

from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.rules import Context, Status

from .test_lock_rules import INSTANCE, TPU, judge
from .test_power_rules import ASG

FLEET = "aws:ec2/fleet:Fleet"
VM = "gcp:compute/instance:Instance"


# -- AIHW-COST-001: over budget ---------------------------------------------------------


def test_cost_001_workload_locked_over_its_budget_fails(make_workload, ctx):
    w = make_workload(pin={"offering": "p5.48xlarge"}, constraints={"max_usd_per_month": 50000})
    props = dict(w.props)
    props["spec"] = {
        **props["spec"],
        "constraints": {**props["spec"]["constraints"], "max_usd_per_month": 20000},
    }
    over = type(w)(w.urn, w.type, w.name, w.parent, props)
    f = judge("AIHW-COST-001", over, ctx)
    assert f.status is Status.VIOLATION
    assert "$40,179/month" in f.message and "constraints.max_usd_per_month" in f.message
    assert judge("AIHW-COST-001", w, ctx).status is Status.PASSED


def _with_constraints(w, **constraints):
    props = dict(w.props)
    props["spec"] = {
        **props["spec"],
        "constraints": {**props["spec"]["constraints"], **constraints},
    }
    return type(w)(w.urn, w.type, w.name, w.parent, props)


def test_cost_001_training_run_counts_its_total_not_a_months_burn(make_workload, ctx):
    # 8B model, 20B tokens on TPU v6e: the run costs ~$1,960 over ~9.5 days while the slice
    # burns ~$63,000 a month; the planner and the rule agree that a month costs the run.
    w = make_workload(
        phase="training",
        demand=None,
        frameworks=["jax"],
        training={"tokens_billion": 20, "deadline_days": 2},
        placement={"providers": ["gcp"], "regions": ["us-central1"]},
    )
    plan = w.props["plan"]["chosen"]
    assert plan["usd_total"] < plan["usd_per_month"]
    under = _with_constraints(w, max_usd_per_month=plan["usd_total"] * 1.01)
    assert judge("AIHW-COST-001", under, ctx).status is Status.PASSED
    over_run = _with_constraints(w, max_usd_total=plan["usd_total"] / 2)
    f = judge("AIHW-COST-001", over_run, ctx)
    assert f.status is Status.VIOLATION
    assert "for the training run > budget" in f.message and "max_usd_total" in f.message


def test_cost_001_raw_fleet_spot_and_configured_budget(make_raw, ctx):
    fleet = make_raw(
        FLEET,
        "fleet",
        launchTemplateConfigs=[{"overrides": [{"instanceType": "g6e.48xlarge"}]}],
        targetCapacitySpecification={
            "totalTargetCapacity": 2.0,
            "defaultTargetCapacityType": "spot",
        },
    )
    assert judge("AIHW-COST-001", fleet, ctx).status is Status.NOT_APPLICABLE  # no budget
    f = judge("AIHW-COST-001", fleet, ctx, maxUsdPerMonth=10000)
    assert f.status is Status.VIOLATION and "(spot)" in f.message and "$11,708/month" in f.message
    assert judge("AIHW-COST-001", fleet, ctx, maxUsdPerMonth=20000).status is Status.PASSED


def test_cost_001_unknown_count_is_not_evaluated(make_raw, ctx):
    asg = make_raw(
        ASG,
        "asg",
        mixedInstancesPolicy={"launchTemplate": {"overrides": [{"instanceType": "p5.48xlarge"}]}},
        desiredCapacity=UNKNOWN,
    )
    f = judge("AIHW-COST-001", asg, ctx, maxUsdPerMonth=1000)
    assert f.status is Status.NOT_EVALUATED and "desiredCapacity" in f.message


# -- AIHW-COST-002: idle on-demand ------------------------------------------------------


def test_cost_002_fails_workload_needed_8_hours_a_day(make_workload, ctx):
    w = make_workload(
        demand={"tokens_per_second": 500, "hours_per_day": 8},
        constraints={"portability": "required"},
        placement={"providers": ["aws"], "regions": ["us-east-1"], "accelerators": ["l40s"]},
    )
    f = judge("AIHW-COST-002", w, ctx)
    assert f.status is Status.VIOLATION
    assert "8 h/day" in f.message and "$1,359/month around the clock" in f.message
    assert "spot for those hours" in f.message


def test_cost_002_passes_around_the_clock_and_spot(make_workload, make_raw, ctx):
    assert judge("AIHW-COST-002", make_workload(), ctx).status is Status.PASSED
    spot = make_raw(
        VM,
        "vm",
        machineType="g2-standard-8",
        zone="us-central1-a",
        scheduling={"provisioningModel": "SPOT"},
    )
    assert judge("AIHW-COST-002", spot, ctx, hoursPerDayWithoutSpec=6).status is Status.PASSED
    ondemand = make_raw(VM, "vm2", machineType="g2-standard-8", zone="us-central1-a")
    f = judge("AIHW-COST-002", ondemand, ctx, hoursPerDayWithoutSpec=6)
    assert f.status is Status.VIOLATION and "g2-standard-8 x1" in f.message


# -- AIHW-COST-003: oversized -----------------------------------------------------------


def test_cost_003_fails_h100_pinned_for_small_demand(make_workload, ctx):
    f = judge("AIHW-COST-003", make_workload(pin={"offering": "p5.48xlarge"}), ctx)
    assert f.status is Status.VIOLATION
    assert "tokens/s for 500 wanted" in f.message and "instead of $40,179" in f.message


def test_cost_003_passes_planned_choice_and_needs_demand(make_workload, make_raw, ctx):
    assert judge("AIHW-COST-003", make_workload(), ctx).status is Status.PASSED
    raw = make_raw(INSTANCE, "gpu", instanceType="p5.48xlarge")
    assert judge("AIHW-COST-003", raw, ctx).status is Status.NOT_APPLICABLE


# -- AIHW-COST-004: price unknown -------------------------------------------------------


def test_cost_004_fails_unpriced_types_and_options(make_raw, ctx):
    p5e = make_raw(INSTANCE, "p5e", instanceType="p5e.48xlarge", region="us-east-2")
    assert "no on-demand price for p5e.48xlarge" in judge("AIHW-COST-004", p5e, ctx).message
    spot = make_raw(
        INSTANCE, "p5", instanceType="p5.4xlarge", instanceMarketOptions={"marketType": "spot"}
    )
    assert "no spot price" in judge("AIHW-COST-004", spot, ctx).message
    p4 = make_raw(
        VM,
        "p4",
        machineType="n1-standard-8",
        zone="us-central1-a",
        guestAccelerators=[{"type": "nvidia-tesla-p4", "count": 1}],
    )
    assert "n1-standard-8 with 1 nvidia-tesla-p4 is not in the catalog" in (
        judge("AIHW-COST-004", p4, ctx).message
    )
    t4 = make_raw(
        VM,
        "t4",
        machineType="n1-standard-8",
        zone="us-central1-a",
        guestAccelerators=[{"type": "nvidia-tesla-t4", "count": 1}],
    )
    assert judge("AIHW-COST-004", t4, ctx).status is Status.PASSED  # N1 + T4 is priced


def test_cost_004_passes_priced_and_ignored(make_raw, ctx):
    gpu = make_raw(INSTANCE, "gpu", instanceType="g6e.xlarge")
    assert judge("AIHW-COST-004", gpu, ctx).status is Status.PASSED
    p5e = make_raw(INSTANCE, "p5e", instanceType="p5e.48xlarge")
    ok = judge("AIHW-COST-004", p5e, ctx, ignoreOfferings=["p5e.48xlarge"])
    assert ok.status is Status.PASSED


def test_cost_004_unknown_tpu_type_is_not_evaluated(make_raw, ctx):
    tpu = make_raw(TPU, "tpu", acceleratorType=UNKNOWN)
    assert judge("AIHW-COST-004", tpu, ctx).status is Status.NOT_EVALUATED


# -- AIHW-COST-005: stale catalog -------------------------------------------------------


def test_cost_005_stale_prices_fail_fresh_pass(make_workload, make_raw, ctx):
    later = Context(ctx.catalog, dt.date(2027, 6, 1))
    gpu = make_raw(INSTANCE, "gpu", instanceType="g6e.xlarge")
    f = judge("AIHW-COST-005", gpu, later)
    # the on-demand price of g6e.xlarge is from the AWS Price List snapshot of 2026-01-21
    assert f.status is Status.VIOLATION and "2026-01-21 (496 days old, max 180 days)" in f.message
    # the AWS price list snapshot is 284 days old on 2026-11-01: fresh only under a wider limit
    assert judge("AIHW-COST-005", gpu, ctx, maxCatalogAgeDays=300).status is Status.PASSED
    assert judge("AIHW-COST-005", make_workload(), later).status is Status.VIOLATION
    assert judge("AIHW-COST-005", gpu, later, maxCatalogAgeDays=500).status is Status.PASSED


def test_cost_rules_judge_a_workload_at_the_specs_own_rates(make_workload, ctx):
    # p5.48xlarge costs $40,179/month at list price (above); 50% off AWS halves it.
    w = make_workload(
        pin={"offering": "p5.48xlarge"},
        constraints={"max_usd_per_month": 50000},
        pricing={"discount_percent": {"aws": 50}},
    )
    assert judge("AIHW-COST-001", _with_constraints(w, max_usd_per_month=30000), ctx).status is (
        Status.PASSED
    )
    f = judge("AIHW-COST-001", _with_constraints(w, max_usd_per_month=15000), ctx)
    assert f.status is Status.VIOLATION and "$20,090/month" in f.message  # half of $40,179


def test_cost_004_an_unpriced_offering_with_your_price_is_priced(make_workload, ctx):
    w = make_workload(
        pin={"offering": "a4-highgpu-8g"},
        placement={"providers": ["gcp"], "regions": ["us-central1"]},
        pricing={
            "offerings": [{"provider": "gcp", "offering": "a4-highgpu-8g", "usd_per_hour": 90}]
        },
    )
    assert w.props["plan"]["chosen"]["your_rate"]
    assert judge("AIHW-COST-004", w, ctx).status is Status.PASSED


# -- AIHW-COST-006: demand met only at the optimistic end of the estimate -------------


def test_cost_006_a_pin_that_meets_the_demand_only_optimistically_is_reported(make_workload, ctx):
    from pulumi_aihw.planner.alternatives import evaluate_deployed
    from pulumi_aihw.spec import spec_from_dict

    pinned = make_workload(pin={"offering": "g6e.xlarge"})
    spec = spec_from_dict(pinned.props["spec"])
    offering = ctx.catalog.find(offering="g6e.xlarge", region="us-east-1")[0]
    sizing = evaluate_deployed(spec, ctx.catalog, offering, 1).sizing
    est, (_, high) = sizing.tokens_per_second, sizing.tokens_per_second_range
    assert judge("AIHW-COST-006", pinned, ctx).status is Status.PASSED  # 500 t/s: met
    hopeful = make_workload(
        pin={"offering": "g6e.xlarge"}, demand={"tokens_per_second": round((est + high) / 2)}
    )
    f = judge("AIHW-COST-006", hopeful, ctx)
    assert f.status is Status.VIOLATION
    assert "demand met only at the optimistic end of the estimate" in f.message
    beyond = make_workload(
        pin={"offering": "g6e.xlarge"}, demand={"tokens_per_second": round(high * 2)}
    )
    # beyond the optimistic end the pin is infeasible: no plan, nothing hopeful to report
    assert judge("AIHW-COST-006", beyond, ctx).status is Status.NOT_APPLICABLE
