"""The Workload component under the mock engine: its own inputs, outputs, lock files,
errors. (The schema Pulumi infers for it: tests/test_component_provider.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pulumi_aihw.contracts import (
    TAG_OFFERING,
    TAG_OWNER,
    TAG_WORKLOAD,
    UNKNOWN,
    WORKLOAD_PLAN_PROPERTY,
    WORKLOAD_SPEC_PROPERTY,
)
from pulumi_aihw.errors import NoFeasiblePlanError, SpecError
from pulumi_aihw.planner import LOCK_FILENAME, dump_lock, lock_from_plan
from pulumi_aihw.preview import run_program
from pulumi_aihw.spec import spec_from_dict
from pulumi_aihw.targets.resolve import resolve_workload
from tests.specs import deploy_aws, gpu_inference, pinned
from tests.targets.engine import (
    INSTANCE,
    SECURITY_GROUP,
    STACK,
    TARGET,
    WORKLOAD,
    one,
    preview_workload,
    types,
)


def test_workload_carries_spec_and_plan_for_policies():
    p = preview_workload(gpu_inference())
    w = one(p, WORKLOAD)
    assert w.parent == one(p, STACK).urn and not w.custom
    spec = w.inputs[WORKLOAD_SPEC_PROPERTY]
    assert spec["name"] == "chat" and spec["constraints"]["max_usd_per_month"] == 3000
    plan = w.inputs[WORKLOAD_PLAN_PROPERTY]
    assert plan["chosen"]["offering"] == "g6e.xlarge" and plan["chosen"]["units"] == 2
    assert plan["objective"] == "cost" and plan["spec_hash"].startswith("sha256:")


def test_workload_outputs():
    p = preview_workload(gpu_inference())
    out = one(p, WORKLOAD).outputs
    assert out["offering"] == "g6e.xlarge" and out["region"] == "us-east-1"
    assert out["units"] == 2 and out["lock_in_level"] == "low"
    assert out["usd_per_hour"] == pytest.approx(3.722) and out["usd_per_month"] > 2700
    assert out["power_kw"] > 0
    assert out["target"]["instance_ids"] is UNKNOWN  # known after deployment
    assert out["target"].get("group_name") is None  # no fleet (None values are not sent)
    assert out["plan"]["chosen"]["offering"] == "g6e.xlarge"
    # stack-level policies (AnalyzeStack) read a component's outputs: the spec is there too
    assert out["spec"]["name"] == "chat" and out["spec"]["phase"] == "inference"
    target_out = one(p, TARGET).outputs  # None values (no group, no reservation) are not sent
    assert set(target_out) == {
        "instance_ids",
        "private_ips",
        "launch_template_id",
        "security_group_id",
    }


def test_outputs_resolve_after_an_up():
    def program():
        import pulumi

        from pulumi_aihw import Workload

        w = Workload("chat", {"spec": gpu_inference()})
        pulumi.export("ids", w.target.apply(lambda t: t["instance_ids"]))
        pulumi.export("power_kw", w.power_kw)

    p = run_program(program, dry_run=False)
    assert [i.split("-")[0] for i in p.outputs["ids"]] == ["instance", "instance"]
    assert p.outputs["power_kw"] > 0


def test_estimated_power_is_an_output_with_its_basis():
    p = preview_workload(pinned("inf2.xlarge", 1))
    w = one(p, WORKLOAD)
    assert w.outputs["offering"] == "inf2.xlarge" and w.outputs.get("power_kw") == 0.385
    chosen = w.inputs["plan"]["chosen"]
    assert chosen["power_basis"] == "estimate" and chosen["power_high_kw"] == 0.385
    assert chosen["power_low_kw"] < chosen["power_kw"]


def test_everything_is_tagged_with_the_workload():
    p = preview_workload(gpu_inference())
    for r in p.of_type(INSTANCE) + p.of_type(SECURITY_GROUP):
        tags = r.inputs["tags"]
        assert tags[TAG_WORKLOAD] == "chat" and tags[TAG_OWNER] == "team-chat"
        assert tags[TAG_OFFERING] == "g6e.xlarge" and tags["cost-center"] == "ml-4711"


def write_spec(directory: Path, data: dict) -> Path:
    path = directory / "workload.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def lock_for(data: dict, offering: str, units: int = 1) -> str:
    """A lock file pinning ``units`` x ``offering`` for the spec ``data``."""
    r = resolve_workload("x", spec=pinned(offering, units))
    lock = lock_from_plan(r.plan)
    spec = spec_from_dict(data)
    from pulumi_aihw.planner import spec_hash

    return dump_lock(lock.model_copy(update={"spec_hash": spec_hash(spec), "workload": "chat"}))


def test_lock_file_beside_the_spec_is_honoured(tmp_path, monkeypatch):
    data = gpu_inference(constraints={"max_usd_per_month": 10000, "portability": "required"})
    assert resolve_workload("x", spec=data).chosen.offering.offering == "g6e.xlarge"
    path = write_spec(tmp_path, data)
    (tmp_path / LOCK_FILENAME).write_text(lock_for(data, "g6e.4xlarge", units=2))
    monkeypatch.chdir(tmp_path)
    p = preview_workload(spec_file=path.name)
    plan = one(p, WORKLOAD).inputs[WORKLOAD_PLAN_PROPERTY]
    assert plan["lock_status"] == "honoured"
    assert plan["chosen"]["offering"] == "g6e.4xlarge" and plan["chosen"]["units"] == 2
    assert not p.diagnostics


def test_stale_lock_is_logged_and_ignored(tmp_path, monkeypatch):
    path = write_spec(tmp_path, gpu_inference())
    (tmp_path / LOCK_FILENAME).write_text(
        lock_for(gpu_inference(frameworks=["pytorch"]), "g6.xlarge")
    )
    monkeypatch.chdir(tmp_path)
    p = preview_workload(spec_file=str(path))
    plan = one(p, WORKLOAD).inputs[WORKLOAD_PLAN_PROPERTY]
    assert plan["lock_status"] == "stale" and plan["chosen"]["offering"] == "g6e.xlarge"
    assert any(d.startswith("warning:") and "aihw plan --lock" in d for d in p.diagnostics)


def test_infeasible_locked_choice_is_an_error(tmp_path, monkeypatch):
    data = gpu_inference(constraints={"max_usd_per_month": 3000, "portability": "required"})
    path = write_spec(tmp_path, data)
    (tmp_path / LOCK_FILENAME).write_text(lock_for(data, "p5.48xlarge"))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(
        NoFeasiblePlanError, match=r"locked choice p5\.48xlarge .* no longer feasible"
    ):
        preview_workload(spec_file=path.name)


def test_no_feasible_plan_lists_the_top_reasons():
    data = gpu_inference(constraints={"max_usd_per_month": 10, "portability": "required"})
    with pytest.raises(NoFeasiblePlanError) as err:
        preview_workload(data)
    assert "over budget" in str(err.value) and "To fix" in str(err.value)
    assert err.value.exit_code == 1


def test_spec_must_be_given_one_way():
    with pytest.raises(SpecError, match="exactly one"):
        preview_workload()
    with pytest.raises(SpecError, match="exactly one"):
        preview_workload(gpu_inference(), spec_file="workload.yaml")


def test_bad_spec_data_is_a_spec_error():
    with pytest.raises(SpecError, match="phase"):
        preview_workload(gpu_inference(phase="serving"))


def test_deploy_argument_overrides_the_spec():
    data = gpu_inference(deploy=deploy_aws(vpc_id="vpc-spec", subnet_ids=["subnet-spec"]))
    p = preview_workload(data, deploy={"aws": {"vpc_id": "vpc-cfg", "subnet_ids": ["subnet-cfg"]}})
    assert one(p, SECURITY_GROUP).inputs["vpcId"] == "vpc-cfg"
    assert {i.inputs["subnetId"] for i in p.of_type(INSTANCE)} == {"subnet-cfg"}
    assert one(p, WORKLOAD).inputs["spec"]["deploy"]["aws"]["vpc_id"] == "vpc-cfg"


def test_bad_deploy_argument_names_it():
    with pytest.raises(SpecError, match="deploy argument"):
        preview_workload(gpu_inference(), deploy={"aws": {"fleet_threshold": 0}})


def test_objective_argument():
    p = preview_workload(gpu_inference(), objective="power")
    assert one(p, WORKLOAD).inputs["plan"]["objective"] == "power"
    with pytest.raises(SpecError, match="objective 'fastest'"):
        preview_workload(gpu_inference(), objective="fastest")


def test_unsupported_target_fails_before_registering(monkeypatch):
    from pulumi_aihw.targets.registry import TARGETS

    monkeypatch.delitem(TARGETS, "gcp-gpu")  # a kind whose target has not landed
    data = gpu_inference(placement={"providers": ["gcp"], "regions": ["us-central1"]})
    data["constraints"] = {"portability": "required"}
    registered = []

    def program():
        from pulumi_aihw import Workload

        try:
            Workload("chat", {"spec": data})
        except SpecError as exc:
            registered.append(str(exc))

    p = run_program(program)
    assert "'gcp-gpu' target" in registered[0] and "supported targets: aws" in registered[0]
    assert WORKLOAD not in types(p)


def test_from_spec_object():
    def program():
        from pulumi_aihw import Workload

        Workload.from_spec("chat", spec_from_dict(pinned("g6.xlarge", 1)), objective="balanced")

    p = run_program(program)
    assert one(p, WORKLOAD).inputs["plan"]["chosen"]["offering"] == "g6.xlarge"
    assert one(p, WORKLOAD).inputs["plan"]["objective"] == "balanced"
