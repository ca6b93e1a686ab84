"""``aihw preflight`` for Google Cloud TPUs end to end: google-cloud-tpu talks to a local
fake TPU API through the ``AIHW_TPU_EMULATOR_HOST`` seam."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cloudfakes.cli import FAST_LIMITS, TPU_SPEC, run
from tests.cloudfakes.env import isolate
from tests.cloudfakes.tpu import FakeTpu, Zone


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    isolate(monkeypatch, tmp_path)
    monkeypatch.chdir(tmp_path)


TPU_ZONES = {
    "us-central1-a": Zone(
        types=["v6e-32", "v6e-64", "v6e-128", "v6e-256"], runtimes=["v2-alpha-tpuv6e"]
    ),
    "us-central2-b": Zone(types=["v4-8"], runtimes=["tpu-ubuntu2204-base"]),
}


@pytest.fixture
def gcp(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeTpu]:
    monkeypatch.setenv("GOOGLE_CLOUD_PROJECT", "proj-1")
    with FakeTpu(TPU_ZONES) as fake:
        monkeypatch.setenv("AIHW_TPU_EMULATOR_HOST", fake.host)
        yield fake


def test_tpu_preflight_through_the_emulator_seam(gcp: FakeTpu, tmp_path: Path) -> None:
    # A budget that also lets a GPU offering through, so one candidate has no TPU checks.
    text = Path(TPU_SPEC).read_text().replace("max_usd_total: 40000", "max_usd_total: 70000")
    (tmp_path / "workload.yaml").write_text(text)
    code, _out, err = run("preflight", "workload.yaml", "--top", "5", "-f", "json", "-o", "r.json")
    assert code == 0
    assert all(line.startswith("[") for line in err.splitlines())  # progress lines only
    report = json.loads((tmp_path / "r.json").read_text())
    by_offering = {c["offering"]: c for c in report["candidates"]}
    v6e = {c["name"]: c for c in by_offering["v6e-32"]["checks"]}
    assert v6e["tpu-accelerator-type"]["zone"] == "us-central1-a"
    assert v6e["tpu-runtime-version"]["status"] == "pass"
    gpus = [c for name, c in by_offering.items() if not name.startswith(("v4", "v5", "v6e"))]
    assert all(c["checks"][0]["status"] == "skip" for c in gpus)  # TPU checks skip GPU VMs
    (notice,) = report["notices"]
    assert notice.startswith("clouds asked: gcp; candidates checked: ")


@pytest.mark.parametrize(("status", "reason"), [(429, "throttled (HTTP 429"), (500, "HTTP 500 (")])
def test_tpu_faults_exit_3_with_nothing_written(
    gcp: FakeTpu, tmp_path: Path, status: int, reason: str
) -> None:
    gcp.fail_status = status
    code, _out, err = run("preflight", TPU_SPEC, *FAST_LIMITS, "-o", "r.json")
    assert code == 3
    assert f"tpu.locations.list in projects/proj-1 failed after retries: {reason}" in err
    assert not (tmp_path / "r.json").exists()


def test_tpu_timeout_exits_3(gcp: FakeTpu, tmp_path: Path) -> None:
    gcp.delay_seconds = 1.0
    code, _, err = run("preflight", TPU_SPEC, *FAST_LIMITS, "-o", "r.json")
    assert code == 3
    assert "timed out (0.2 s per attempt" in err
    assert not (tmp_path / "r.json").exists()


def test_missing_google_credentials_exit_2(tmp_path: Path) -> None:
    code, _, err = run("preflight", TPU_SPEC, "-o", "r.json")
    assert code == 2
    assert err.startswith("error: Google Cloud credentials not found")
    assert not (tmp_path / "r.json").exists()
