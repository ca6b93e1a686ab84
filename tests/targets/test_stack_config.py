"""The Workload's override inputs and ``workload_args``, the one place a stack program turns
its config (the keys the templates prompt for) into those inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from pulumi_aihw.contracts import WORKLOAD_PROFILE_PROPERTY
from pulumi_aihw.errors import ConfigError, SpecError
from pulumi_aihw.preview import run_program
from pulumi_aihw.spec import spec_from_dict
from tests.conftest import STACKS
from tests.specs import gpu_inference
from tests.targets.engine import SECURITY_GROUP, WORKLOAD, one, preview_workload

PROFILE = STACKS / "profiles" / "platform.yaml"


def test_override_inputs_change_the_planned_spec() -> None:
    p = preview_workload(
        gpu_inference(),
        workload_name="chat-eu",
        region="us-east-1",
        max_usd_per_month=2900.0,
        profile=str(PROFILE),
    )
    w = one(p, WORKLOAD)
    spec = w.inputs["spec"]
    assert spec["name"] == "chat-eu" and spec["placement"]["regions"] == ["us-east-1"]
    assert spec["constraints"]["max_usd_per_month"] == 2900 and spec["extends"] == str(PROFILE)
    assert one(p, SECURITY_GROUP).inputs["tags"]["aihw-workload"] == "chat-eu"
    assert w.inputs[WORKLOAD_PROFILE_PROPERTY]["name"] == "ml-platform"
    assert w.inputs[WORKLOAD_PROFILE_PROPERTY]["policy"]["aihw-cost-over-budget"]


def test_a_spec_without_profile_registers_no_profile_property() -> None:
    assert WORKLOAD_PROFILE_PROPERTY not in one(preview_workload(gpu_inference()), WORKLOAD).inputs


def test_override_errors_name_the_input() -> None:
    with pytest.raises(SpecError, match=r"Workload 'chat' input maxUsdPerMonth: .*ceiling 60000"):
        preview_workload(gpu_inference(), profile=str(PROFILE), max_usd_per_month=61000.0)


def test_overrides_refuse_a_spec_object() -> None:
    def program() -> None:
        from pulumi_aihw import Workload

        Workload("chat", {"spec": spec_from_dict(gpu_inference()), "region": "us-east-1"})  # type: ignore[typeddict-item]

    with pytest.raises(SpecError, match="not to a spec object"):
        run_program(program)


def stack_program(directory: Path):
    def program() -> None:
        from pulumi_aihw import Workload, workload_args

        Workload("chat", workload_args(str(directory / "workload.yaml")))

    return program


def test_workload_args_reads_every_key_of_the_stack_config(tmp_path: Path) -> None:
    (tmp_path / "workload.yaml").write_text(yaml.safe_dump(gpu_inference()))
    config = {
        "proj:workloadName": "chat-b",
        "proj:region": "us-east-1",
        "proj:maxUsdPerMonth": "2800",
        "proj:profile": str(PROFILE),
        "proj:objective": "power",
        "proj:deploy": json.dumps({"aws": {"vpc_id": "vpc-cfg", "subnet_ids": ["subnet-cfg"]}}),
    }
    p = run_program(stack_program(tmp_path), project="proj", config=config)
    w = one(p, WORKLOAD).inputs
    assert w["spec"]["name"] == "chat-b" and w["spec"]["placement"]["regions"] == ["us-east-1"]
    assert w["spec"]["constraints"]["max_usd_per_month"] == 2800
    assert w["spec"]["extends"] == str(PROFILE) and w["plan"]["objective"] == "power"
    assert one(p, SECURITY_GROUP).inputs["vpcId"] == "vpc-cfg"


def test_workload_args_without_config_plans_the_file_as_written(tmp_path: Path) -> None:
    (tmp_path / "workload.yaml").write_text(yaml.safe_dump(gpu_inference()))
    with_args = one(run_program(stack_program(tmp_path), project="proj"), WORKLOAD).inputs
    plain = one(preview_workload(spec_file=str(tmp_path / "workload.yaml")), WORKLOAD).inputs
    assert with_args["spec"] == plain["spec"] and with_args["plan"] == plain["plan"]


def test_workload_args_names_a_bad_config_value(tmp_path: Path) -> None:
    (tmp_path / "workload.yaml").write_text(yaml.safe_dump(gpu_inference()))
    with pytest.raises(ConfigError, match=r"stack config proj:maxUsdPerMonth: 'cheap'"):
        run_program(
            stack_program(tmp_path), project="proj", config={"proj:maxUsdPerMonth": "cheap"}
        )
