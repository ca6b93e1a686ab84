"""``aihw preflight`` for Azure end to end: azure-mgmt-compute talks to a local fake ARM
endpoint through the ``AIHW_AZURE_ARM_ENDPOINT`` seam (no credentials)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cloudfakes.azure import SUBSCRIPTION, FakeArm, Region, sku, usage
from tests.cloudfakes.cli import FAST_LIMITS, ROOT, run
from tests.cloudfakes.env import isolate

SPEC = str(ROOT / "stacks/azure-gpu-inference/workload.yaml")
NC = "Standard_NC24ads_A100_v4"  # the stack plans two of them
FAMILY = "standardNCADSA100v4Family"
EASTUS = Region(
    skus=[sku(NC, "eastus", vcpus=24, memory_gb=220, gpus=1, family=FAMILY)],
    usages=[usage(FAMILY, 96, 0, "Standard NCADS_A100_v4 Family vCPUs"), usage("cores", 500)],
)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    isolate(monkeypatch, tmp_path)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def arm(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeArm]:
    monkeypatch.setenv("AZURE_SUBSCRIPTION_ID", SUBSCRIPTION)
    with FakeArm({"eastus": EASTUS}) as fake:
        monkeypatch.setenv("AIHW_AZURE_ARM_ENDPOINT", fake.url)
        yield fake


def test_azure_preflight_through_the_arm_seam(arm: FakeArm, tmp_path: Path) -> None:
    code, _out, err = run("preflight", SPEC, "--top", "1", "-f", "json", "-o", "r.json")
    report = json.loads((tmp_path / "r.json").read_text())
    chosen = report["candidates"][0]
    assert (chosen["offering"], chosen["chosen"]) == (NC, True)
    checks = {c["name"]: c["status"] for c in chosen["checks"]}
    assert checks == {
        "offered": "pass",
        "catalog-drift": "pass",
        "security-features": "pass",
        "vcpu-quota": "pass",
    }
    assert code == 1  # the next candidate's size is missing from the fake region
    assert "is not offered in eastus" in err
    assert report["notices"] == ["clouds asked: azure; candidates checked: 2"]


@pytest.mark.parametrize(("status", "reason"), [(429, "throttled (HTTP 429"), (500, "HTTP 500 (")])
def test_azure_faults_exit_3_with_nothing_written(
    arm: FakeArm, tmp_path: Path, status: int, reason: str
) -> None:
    arm.fail_status = status
    code, _out, err = run("preflight", SPEC, *FAST_LIMITS, "-o", "r.json")
    assert code == 3
    assert f"Microsoft.Compute/skus/read in eastus failed after retries: {reason}" in err
    assert not (tmp_path / "r.json").exists()


def test_missing_subscription_exits_2(tmp_path: Path) -> None:
    code, _, err = run("preflight", SPEC, "-o", "r.json")
    assert code == 2
    assert "no Azure subscription to check. To fix: set AZURE_SUBSCRIPTION_ID" in err
    assert not (tmp_path / "r.json").exists()
