"""Google Cloud TPU checks: google-cloud-tpu (tpu_v2, REST) against a local fake TPU API,
reached through the AIHW_TPU_EMULATOR_HOST seam with anonymous credentials."""

from __future__ import annotations

import pytest

from pulumi_aihw.errors import ConfigError
from pulumi_aihw.preflight.gcp import GcpChecker
from pulumi_aihw.preflight.gcp_clients import tpu_api_factory
from pulumi_aihw.preflight.limits import Limits
from pulumi_aihw.preflight.models import Check, CheckName, Status
from pulumi_aihw.spec import WorkloadSpec
from tests.cloudfakes.specs import candidate, spec
from tests.cloudfakes.tpu import FakeTpu, Zone

V6E = "v2-alpha-tpuv6e"
ZONES = {
    "us-central1-a": Zone(types=["v5litepod-8"], runtimes=["v2-alpha-tpuv5-lite"]),
    "us-central1-b": Zone(types=["v6e-1", "v6e-4", "v6e-8"], runtimes=[V6E]),
    "us-central1-e": Zone(types=["v6e-8", "v6e-16"], runtimes=["tpu-ubuntu2204-base"]),
    "us-east5-a": Zone(types=["v6e-8"], runtimes=[V6E]),
}


def tpu_spec(**deploy_gcp: str) -> WorkloadSpec:
    return spec(
        frameworks=["jax"],
        placement={"providers": ["gcp"]},
        deploy={"gcp": {"project": "proj-1", **deploy_gcp}},
    )


def run(
    fake: FakeTpu, offering: str, workload: WorkloadSpec, region: str = "us-central1"
) -> dict[CheckName, Check]:
    factory = tpu_api_factory(Limits(), {"AIHW_TPU_EMULATOR_HOST": fake.host})
    checks = GcpChecker(factory).check(candidate(offering, region, workload=workload), workload)
    return {c.name: c for c in checks}


def test_zone_is_the_first_listing_the_type_and_the_runtime() -> None:
    with FakeTpu(ZONES) as fake:
        checks = run(fake, "v6e-8", tpu_spec())
    offered = checks[CheckName.TPU_ACCELERATOR_TYPE]
    assert offered.status is Status.PASS
    assert offered.message == "v6e-8 is offered in us-central1-b, us-central1-e"
    runtime = checks[CheckName.TPU_RUNTIME_VERSION]
    assert runtime.status is Status.PASS
    assert runtime.zone == "us-central1-b"
    assert runtime.message == (
        f"runtime version {V6E} (the default for v6e with jax) is available in us-central1-b; "
        "chose us-central1-b, the first zone with v6e-8 and this runtime (set deploy.gcp.zone "
        "to choose another)"
    )


def test_spec_zone_is_used_and_a_missing_runtime_version_fails() -> None:
    with FakeTpu(ZONES) as fake:
        checks = run(fake, "v6e-8", tpu_spec(zone="us-central1-e"))
        paths = [r.path.split("?")[0] for r in fake.requests]
    assert checks[CheckName.TPU_ACCELERATOR_TYPE].status is Status.PASS
    assert "(deploy.gcp.zone)" in checks[CheckName.TPU_ACCELERATOR_TYPE].message
    runtime = checks[CheckName.TPU_RUNTIME_VERSION]
    assert runtime.status is Status.FAIL
    assert f"runtime version {V6E}" in runtime.message
    assert "is not available in us-central1-e; it has tpu-ubuntu2204-base" in runtime.message
    assert "To fix: set deploy.gcp.runtime_version" in runtime.message
    # the spec's zone is asked directly: no zone listing
    assert paths == [
        "/v2/projects/proj-1/locations/us-central1-e/acceleratorTypes",
        "/v2/projects/proj-1/locations/us-central1-e/runtimeVersions",
    ]


def test_type_not_in_the_spec_zone_fails_naming_what_it_offers() -> None:
    with FakeTpu(ZONES) as fake:
        checks = run(fake, "v6e-16", tpu_spec(zone="us-central1-b"))
    offered = checks[CheckName.TPU_ACCELERATOR_TYPE]
    assert offered.status is Status.FAIL
    assert (
        "v6e-16 is not offered in us-central1-b (deploy.gcp.zone); it offers v6e-1, v6e-4, v6e-8"
        in offered.message
    )
    assert CheckName.TPU_RUNTIME_VERSION not in checks


def test_type_in_no_zone_of_the_region_fails() -> None:
    with FakeTpu(ZONES) as fake:
        checks = run(fake, "v5p-8", tpu_spec())
    offered = checks[CheckName.TPU_ACCELERATOR_TYPE]
    assert offered.status is Status.FAIL
    assert (
        "v5p-8 is not offered in any TPU zone of us-central1 "
        "(zones checked: us-central1-a, us-central1-b, us-central1-e)" in offered.message
    )


def test_zone_choice_follows_the_runtime_and_fails_if_no_zone_has_it() -> None:
    with FakeTpu(ZONES) as fake:
        base = run(fake, "v6e-8", tpu_spec(runtime_version="tpu-ubuntu2204-base"))
        missing = run(fake, "v6e-8", tpu_spec(runtime_version="v2-nightly"))
    runtime = base[CheckName.TPU_RUNTIME_VERSION]
    assert runtime.status is Status.PASS
    assert runtime.zone == "us-central1-e"  # us-central1-b lists v6e-8 but lacks the runtime
    assert "(deploy.gcp.runtime_version) is available in us-central1-e" in runtime.message
    runtime = missing[CheckName.TPU_RUNTIME_VERSION]
    assert runtime.status is Status.FAIL
    assert (
        "v2-nightly (deploy.gcp.runtime_version) is not available in any of us-central1-b, "
        f"us-central1-e; us-central1-b has {V6E}" in runtime.message
    )


def test_spec_zone_outside_the_candidate_region_fails() -> None:
    with FakeTpu(ZONES) as fake:
        elsewhere = run(fake, "v6e-8", tpu_spec(zone="us-east5-a"))
        assert fake.requests == []
    assert elsewhere[CheckName.TPU_ACCELERATOR_TYPE].status is Status.FAIL
    assert "deploy.gcp.zone us-east5-a is not in the candidate's region us-central1" in (
        elsewhere[CheckName.TPU_ACCELERATOR_TYPE].message
    )


def test_gpu_vms_are_skipped_without_asking_google() -> None:
    with FakeTpu(ZONES) as fake:
        checks = run(fake, "a3-highgpu-8g", tpu_spec())
        assert fake.requests == []
    assert checks[CheckName.APPLICABLE].status is Status.SKIP
    assert "GPU VM" in checks[CheckName.APPLICABLE].message


def test_no_project_anywhere_is_a_config_error() -> None:
    workload = spec(frameworks=["jax"])
    with FakeTpu(ZONES) as fake:
        factory = tpu_api_factory(Limits(), {"AIHW_TPU_EMULATOR_HOST": fake.host})
        with pytest.raises(ConfigError, match="no Google Cloud project to check TPUs in"):
            GcpChecker(factory).check(candidate("v6e-8", workload=workload), workload)


def test_forbidden_is_a_warning_naming_the_role() -> None:
    with FakeTpu(ZONES, fail_status=403) as fake:
        checks = run(fake, "v6e-8", tpu_spec())
    offered = checks[CheckName.TPU_ACCELERATOR_TYPE]
    assert offered.status is Status.WARN
    assert "not allowed to call tpu.locations.list" in offered.message
    assert (
        "To fix: grant tpu.locations.list (roles/tpu.viewer has it) on the project"
        in offered.message
    )
