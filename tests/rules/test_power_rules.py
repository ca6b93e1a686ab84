"""Power rules: stack cap, rack budget, high-TDP inference, unknown power."""

from __future__ import annotations

from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.rules import Status, evaluate_resource, evaluate_stack, rule_by_id, settings
from pulumi_aihw.rules.facts.stack import RACK_POWER_PROPERTY

from .test_lock_rules import INSTANCE, TPU, judge

LT = "aws:ec2/launchTemplate:LaunchTemplate"
ASG = "aws:autoscaling/group:Group"


def stack(rule_id, resources, ctx, **config):
    rule = rule_by_id(rule_id)
    return evaluate_stack(rule, resources, settings(rule, config), ctx)


# -- AIHW-POWER-001: stack cap ----------------------------------------------------------


def test_power_001_sums_workloads_and_raw_hardware_once(make_workload, make_raw, ctx):
    w = make_workload(pin={"offering": "p5.48xlarge"})  # 7.52 kW
    child = make_raw(INSTANCE, "w-node", parent=w.urn, instanceType="p5.48xlarge")
    gpu = make_raw(INSTANCE, "extra", instanceType="p5.48xlarge")  # another 7.52 kW
    [f] = stack("AIHW-POWER-001", [w, child, gpu], ctx, maxStackKw=10)
    assert f.status is Status.VIOLATION
    assert "15.04 kW > cap 10 kW" in f.message  # the Workload's child is not counted again
    [ok] = stack("AIHW-POWER-001", [w, child, gpu], ctx, maxStackKw=16)
    assert ok.status is Status.PASSED


def test_power_001_lists_every_resource_it_cannot_count(make_raw, ctx):
    """Unknown power and values unknown during preview are both named; never a pass."""
    p5 = make_raw(INSTANCE, "p5", instanceType="p5.48xlarge")  # 7.52 kW
    odd = make_raw(INSTANCE, "odd", instanceType="trn9.48xlarge")  # not in the catalog
    later = make_raw(INSTANCE, "later", instanceType=UNKNOWN)
    [f] = stack("AIHW-POWER-001", [p5, odd, later], ctx, maxStackKw=100)
    assert f.status is Status.NOT_EVALUATED
    assert "power unknown for odd (trn9.48xlarge x1)" in f.message
    assert "not known during preview: instanceType of later is unknown" in f.message
    assert "the rest draws 7.52 kW: the cap of 100 kW cannot be checked" in f.message
    [over] = stack("AIHW-POWER-001", [p5, odd, later], ctx, maxStackKw=5)
    assert over.status is Status.VIOLATION
    assert "not counted: power unknown for odd (trn9.48xlarge x1); not known" in over.message
    [preview_only] = stack("AIHW-POWER-001", [p5, later], ctx, maxStackKw=100)
    assert preview_only.message.endswith("instanceType of later is unknown during preview")


def test_power_001_resolves_launch_template_of_a_group(make_raw, ctx):
    lt = make_raw(LT, "gpu-lt", instanceType="p5.48xlarge", name="gpu-lt")
    asg = make_raw(ASG, "gpu-asg", launchTemplate={"name": "gpu-lt"}, desiredCapacity=2.0)
    [f] = stack("AIHW-POWER-001", [lt, asg], ctx, maxStackKw=10)
    assert f.status is Status.VIOLATION and "gpu-asg 15.04 kW" in f.message


def test_power_001_unknown_count_is_not_evaluated_under_the_cap(make_raw, ctx):
    lt = make_raw(LT, "gpu-lt", instanceType="p5.48xlarge", name="gpu-lt")
    asg = make_raw(ASG, "gpu-asg", launchTemplate={"name": "gpu-lt"}, desiredCapacity=UNKNOWN)
    [f] = stack("AIHW-POWER-001", [lt, asg], ctx, maxStackKw=10)
    assert f.status is Status.NOT_EVALUATED and "desiredCapacity" in f.message


def test_power_001_not_applicable_without_a_cap(make_raw, ctx):
    gpu = make_raw(INSTANCE, "gpu", instanceType="p5.48xlarge")
    [f] = stack("AIHW-POWER-001", [gpu], ctx)
    assert f.status is Status.NOT_APPLICABLE and "maxStackKw" in f.message


# -- AIHW-POWER-002: rack budget --------------------------------------------------------


def rack(name, budget, used, planned):
    return {"rack": name, "budget_kw": budget, "used_kw": used, "planned_kw": planned}


def test_power_002_fails_rack_over_budget_passes_rack_with_room(make_raw, ctx):
    servers = make_raw(
        "aihw:baremetal:Servers",
        "onprem",
        **{RACK_POWER_PROPERTY: [rack("r01", 17, 9, 10.5), rack("r02", 12, 2, 4)]},
    )
    findings = stack("AIHW-POWER-002", [servers], ctx)
    assert [f.status for f in findings] == [Status.VIOLATION]
    assert "rack r01 would draw 19.50 kW" in findings[0].message
    assert findings[0].resource.name == "onprem"


def test_power_002_sums_planned_power_of_several_resources_and_headroom(make_raw, ctx):
    a = make_raw("command:remote:Command", "a", **{RACK_POWER_PROPERTY: [rack("r02", 12, 2, 4)]})
    b = make_raw("command:remote:Command", "b", **{RACK_POWER_PROPERTY: [rack("r02", 12, 2, 4)]})
    [ok] = stack("AIHW-POWER-002", [a, b], ctx)
    assert ok.status is Status.PASSED  # 2 + 4 + 4 = 10 kW <= 12 kW
    [f] = stack("AIHW-POWER-002", [a, b], ctx, headroomPercent=20)
    assert f.status is Status.VIOLATION and "budget 9.60 kW" in f.message


def test_power_002_unknown_rack_power_is_not_evaluated(make_raw, ctx):
    a = make_raw("command:remote:Command", "a", **{RACK_POWER_PROPERTY: UNKNOWN})
    [f] = stack("AIHW-POWER-002", [a], ctx)
    assert f.status is Status.NOT_EVALUATED


# -- AIHW-POWER-003: high-TDP inference -------------------------------------------------


def test_power_003_fails_h100_inference_with_lower_power_alternative(make_workload, ctx):
    w = make_workload(pin={"offering": "p5.48xlarge"})
    f = judge("AIHW-POWER-003", w, ctx)
    assert f.status is Status.VIOLATION
    assert "700 W per card" in f.message and "saves" in f.message and " W, saves $" in f.message


def test_power_003_passes_low_tdp_and_raw_needs_spec(make_workload, make_raw, ctx):
    l40s = make_workload(constraints={"portability": "required"})  # 350 W cards
    assert judge("AIHW-POWER-003", l40s, ctx).status is Status.PASSED
    raw = make_raw(INSTANCE, "gpu", instanceType="p5.48xlarge")
    assert judge("AIHW-POWER-003", raw, ctx).status is Status.NOT_APPLICABLE


# -- AIHW-POWER-004: unknown power ------------------------------------------------------


def test_power_004_estimates_pass_and_unknown_types_fail(make_workload, make_raw, ctx):
    # Inferentia2 and TPU v6e carry estimated power (with a range): a cap can be checked
    assert judge("AIHW-POWER-004", make_workload(), ctx).status is Status.PASSED
    tpu = make_raw(TPU, "tpu", acceleratorType="v6e-8")
    assert judge("AIHW-POWER-004", tpu, ctx).status is Status.PASSED
    old = make_raw(INSTANCE, "old", instanceType="g3.4xlarge")
    assert "g3.4xlarge is not in the catalog" in judge("AIHW-POWER-004", old, ctx).message


def test_power_004_passes_published_tdp_and_ignored_accelerators(make_raw, ctx):
    gpu = make_raw(INSTANCE, "gpu", instanceType="g6e.xlarge")
    assert judge("AIHW-POWER-004", gpu, ctx).status is Status.PASSED
    tpu = make_raw(TPU, "tpu", acceleratorType="v6e-8")
    assert judge("AIHW-POWER-004", tpu, ctx, ignoreAccelerators=["tpu-v6e"]).status is Status.PASSED


def test_non_accelerator_resources_yield_no_finding(make_raw, ctx):
    web = make_raw(INSTANCE, "web", instanceType="t3.micro")
    sg = make_raw("aws:ec2/securityGroup:SecurityGroup", "sg")
    rule = rule_by_id("AIHW-POWER-004")
    assert evaluate_resource(rule, web, settings(rule, {}), ctx) is None
    assert evaluate_resource(rule, sg, settings(rule, {}), ctx) is None


def test_power_003_compares_it_power_so_a_sites_pue_does_not_count(make_workload, ctx):
    # An 8B chat model pinned on a p5.48xlarge (8 x 700 W H100): 7.52 kW of IT power, while a
    # g6e.xlarge pair meets the demand at 0.9 kW. Owned hardware reports power x PUE; the
    # rule must compare power at the PDUs, so PUE 1.4 gives the same finding.
    cloud = make_workload(pin={"offering": "p5.48xlarge"})
    f = judge("AIHW-POWER-003", cloud, ctx)
    assert f.status is Status.VIOLATION and "7.52 kW IT power" in f.message
    props = dict(cloud.props)
    chosen = {**props["plan"]["chosen"], "pue": 1.4}
    chosen["power_kw"] = chosen["power_kw"] * 1.4
    props["plan"] = {**props["plan"], "chosen": chosen}
    owned = type(cloud)(cloud.urn, cloud.type, cloud.name, cloud.parent, props)
    g = judge("AIHW-POWER-003", owned, ctx)
    assert g.status is Status.VIOLATION and g.message == f.message
