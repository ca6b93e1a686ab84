"""Lock-in rules: the resources that pass and those that fail, Workload components and
hand-written resources, and values unknown during preview."""

from __future__ import annotations

from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.rules import Status, evaluate_resource, rule_by_id, settings


def judge(rule_id, resource, ctx, **config):
    rule = rule_by_id(rule_id)
    return evaluate_resource(rule, resource, settings(rule, config), ctx)


INSTANCE = "aws:ec2/instance:Instance"
TPU = "gcp:tpu/v2Vm:V2Vm"


def with_spec(resource, **constraints):
    """A Workload whose spec changed after its (locked) plan was made."""
    props = dict(resource.props)
    props["spec"] = {
        **props["spec"],
        "constraints": {**props["spec"]["constraints"], **constraints},
    }
    return type(resource)(resource.urn, resource.type, resource.name, resource.parent, props)


# -- AIHW-LOCK-001 / 002: vendor SDK ----------------------------------------------------


def test_lock_001_fails_workload_on_inferentia_requiring_portability(make_workload, ctx):
    locked = with_spec(make_workload(), portability="required")  # plan chose inf2.xlarge
    f = judge("AIHW-LOCK-001", locked, ctx)
    assert f.status is Status.VIOLATION
    assert "inf2.xlarge x1" in f.message and "Neuron SDK" in f.message


def test_lock_001_passes_gpu_workload(make_workload, ctx):
    gpu = make_workload(constraints={"portability": "required"})  # plan chose g6e.xlarge
    assert judge("AIHW-LOCK-001", gpu, ctx).status is Status.PASSED


def test_lock_001_raw_resources_only_when_configured(make_raw, ctx):
    inf = make_raw(INSTANCE, "inf", instanceType="inf2.xlarge")
    assert judge("AIHW-LOCK-001", inf, ctx).status is Status.PASSED
    f = judge("AIHW-LOCK-001", inf, ctx, portabilityWithoutSpec="required")
    assert f.status is Status.VIOLATION and "portabilityWithoutSpec" in f.message


def test_lock_002_fails_raw_tpu_and_inferentia_passes_gpu(make_raw, ctx):
    tpu = make_raw(TPU, "tpu", acceleratorType="v5litepod-8", zone="us-central1-a")
    inf = make_raw(INSTANCE, "inf", instanceType="inf2.xlarge")
    gpu = make_raw(INSTANCE, "gpu", instanceType="g6e.xlarge")
    assert "XLA/libtpu" in judge("AIHW-LOCK-002", tpu, ctx).message
    assert judge("AIHW-LOCK-002", inf, ctx).status is Status.VIOLATION
    assert judge("AIHW-LOCK-002", gpu, ctx).status is Status.PASSED


def test_lock_002_workload_with_portability_none_passes(make_workload, ctx):
    assert judge("AIHW-LOCK-002", make_workload(), ctx).status is Status.PASSED
    preferred = with_spec(make_workload(), portability="preferred")
    assert judge("AIHW-LOCK-002", preferred, ctx).status is Status.VIOLATION


def test_lock_002_config_narrows_vendor_sdks(make_raw, ctx):
    inf = make_raw(INSTANCE, "inf", instanceType="inf2.xlarge")
    assert judge("AIHW-LOCK-002", inf, ctx, vendorSdks=["XLA/libtpu"]).status is Status.PASSED


def test_vendor_sdk_unknown_instance_type_is_not_evaluated(make_raw, ctx):
    unknown = make_raw(INSTANCE, "later", instanceType=UNKNOWN)
    f = judge("AIHW-LOCK-002", unknown, ctx)
    assert f.status is Status.NOT_EVALUATED
    assert "instanceType of later is unknown during preview" in f.message


# -- AIHW-LOCK-003: frameworks ----------------------------------------------------------


def test_lock_003_fails_jax_workload_locked_on_inferentia(make_workload, ctx):
    w = make_workload()
    props = dict(w.props)
    props["spec"] = {**props["spec"], "frameworks": ["jax"]}
    locked = type(w)(w.urn, w.type, w.name, w.parent, props)
    f = judge("AIHW-LOCK-003", locked, ctx)
    assert f.status is Status.VIOLATION and "does not run jax natively" in f.message


def test_lock_003_raw_needs_configured_frameworks(make_raw, ctx):
    inf = make_raw(INSTANCE, "inf", instanceType="inf1.xlarge")
    assert judge("AIHW-LOCK-003", inf, ctx).status is Status.NOT_APPLICABLE
    f = judge("AIHW-LOCK-003", inf, ctx, frameworksWithoutSpec=["pytorch", "vllm"])
    assert f.status is Status.VIOLATION and "vllm" in f.message
    gpu = make_raw(INSTANCE, "gpu", instanceType="p5.48xlarge")
    ok = judge("AIHW-LOCK-003", gpu, ctx, frameworksWithoutSpec=["pytorch", "jax"])
    assert ok.status is Status.PASSED


# -- AIHW-LOCK-004: single cloud --------------------------------------------------------


def test_lock_004_fails_when_no_candidate_elsewhere(make_workload, ctx):
    f = judge("AIHW-LOCK-004", make_workload(), ctx)  # inferentia, placement aws only
    assert f.status is Status.VIOLATION
    assert "sold only by aws" in f.message and "placement.providers: aws" in f.message


def test_lock_004_passes_with_an_alternative_or_gpus(make_workload, ctx):
    open_placement = make_workload(placement={"providers": None, "regions": None})
    assert judge("AIHW-LOCK-004", open_placement, ctx).status is Status.PASSED
    gpu = make_workload(constraints={"portability": "required"})
    assert judge("AIHW-LOCK-004", gpu, ctx).status is Status.PASSED


def test_lock_004_raw_tpu_fails_and_can_be_accepted(make_raw, ctx):
    tpu = make_raw(TPU, "tpu", acceleratorConfig={"type": "V6E", "topology": "2x4"})
    f = judge("AIHW-LOCK-004", tpu, ctx)
    assert f.status is Status.VIOLATION and "v6e-8" in f.message and "no workload spec" in f.message
    assert judge("AIHW-LOCK-004", tpu, ctx, ignoreFamilies=["tpu"]).status is Status.PASSED


# -- AIHW-LOCK-005: purchases that cannot be undone -------------------------------------


def test_lock_005_fails_capacity_block_resource(make_raw, ctx):
    cb = make_raw(
        "aws:ec2/capacityBlockReservation:CapacityBlockReservation",
        "block",
        capacityBlockOfferingId="cbr-0123",
        instancePlatform="Linux/UNIX",
    )
    f = judge("AIHW-LOCK-005", cb, ctx)
    assert f.status is Status.VIOLATION and "cannot be cancelled" in f.message


def test_lock_005_gcp_commitment_term_and_unknown_plan(make_raw, ctx):
    commit = make_raw("gcp:compute/regionCommitment:RegionCommitment", "cud", plan="TWELVE_MONTH")
    assert "365 days" in judge("AIHW-LOCK-005", commit, ctx).message
    assert judge("AIHW-LOCK-005", commit, ctx, maxTermDays=400).status is Status.PASSED
    later = make_raw("gcp:compute/regionCommitment:RegionCommitment", "cud2", plan=UNKNOWN)
    assert judge("AIHW-LOCK-005", later, ctx).status is Status.NOT_EVALUATED


def test_lock_005_workload_buying_a_capacity_block(make_workload, ctx):
    buys = make_workload(
        pin={"offering": "p4d.24xlarge"},
        constraints={"purchase_option": "capacity-block"},
        deploy={"aws": {"capacity_block": {"purchase": True, "duration_hours": 48}}},
    )
    f = judge("AIHW-LOCK-005", buys, ctx)
    assert f.status is Status.VIOLATION and "48 hours" in f.message
    assert judge("AIHW-LOCK-005", make_workload(), ctx).status is Status.PASSED
