"""Loading, overriding and planning before any resource exists (no Pulumi)."""

from __future__ import annotations

import pytest
import yaml

from pulumi_aihw.errors import LockError, SpecError
from pulumi_aihw.planner import LOCK_FILENAME
from pulumi_aihw.spec import spec_from_dict
from pulumi_aihw.targets.resolve import resolve_workload, with_deploy
from tests.specs import deploy_aws, gpu_inference


def test_spec_file_relative_to_cwd(tmp_path):
    (tmp_path / "w.yaml").write_text(yaml.safe_dump(gpu_inference()))
    r = resolve_workload("t", spec_file="w.yaml", cwd=tmp_path)
    assert r.chosen.offering.offering == "g6e.xlarge"
    assert r.lock_path == tmp_path / LOCK_FILENAME and r.warnings == ()


def test_spec_data_extends_a_profile_relative_to_cwd(tmp_path):
    (tmp_path / "profile.yaml").write_text(
        "name: p\ndefaults: {tags: {managed-by: aihw}}\nceilings: {max_usd_per_month: 5000}\n"
    )
    r = resolve_workload("t", spec={**gpu_inference(), "extends": "profile.yaml"}, cwd=tmp_path)
    assert r.spec.tags["managed-by"] == "aihw"


def test_missing_spec_file_names_it(tmp_path):
    with pytest.raises(SpecError, match="workload spec not found"):
        resolve_workload("t", spec_file="nope.yaml", cwd=tmp_path)


def test_explicit_lock_file_must_exist(tmp_path):
    with pytest.raises(LockError, match="lock file not found"):
        resolve_workload("t", spec=gpu_inference(), lock_file="pins.json", cwd=tmp_path)


def test_broken_lock_file_is_a_lock_error(tmp_path):
    (tmp_path / LOCK_FILENAME).write_text("{not json")
    with pytest.raises(LockError, match="not valid JSON"):
        resolve_workload("t", spec=gpu_inference(), cwd=tmp_path)


def test_with_deploy_merges_deeply_and_revalidates():
    spec = spec_from_dict(gpu_inference(deploy=deploy_aws(fleet_threshold=8, vpc_id="vpc-a")))
    merged = with_deploy(spec, {"aws": {"subnet_ids": ["subnet-a"]}}, "t")
    assert merged.deploy.aws.fleet_threshold == 8 and merged.deploy.aws.vpc_id == "vpc-a"
    assert merged.deploy.aws.subnet_ids == ["subnet-a"]
    with pytest.raises(SpecError, match="capacity_block is set but"):
        with_deploy(spec, {"aws": {"capacity_block": {"reservation_id": "cr-0abc"}}}, "t")


def test_catalog_file_relative_to_cwd(tmp_path):
    from pulumi_aihw.catalog.load import packaged_catalog_path

    (tmp_path / "cat.json").write_text(packaged_catalog_path().read_text())
    r = resolve_workload("t", spec=gpu_inference(), catalog_file="cat.json", cwd=tmp_path)
    assert r.chosen.offering.offering == "g6e.xlarge"
