"""``aihw preflight`` and ``aihw plan --preflight`` for AWS end to end.

AWS is faked only at its edges, through seams a user has too: moto serves EC2
in-process; ``AWS_ENDPOINT_URL[_SERVICE_QUOTAS]`` points boto3 at a local fake
Service Quotas endpoint or a fault server.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cloudfakes.aws import AwsFaultServer, FakeAwsJson
from tests.cloudfakes.cli import FAST_LIMITS, INF_SPEC, ROOT, run
from tests.cloudfakes.env import fake_aws_credentials, fast_aws_backoff, isolate

OK_QUOTAS = {"L-1945791B": 512, "L-2C3B7624": 512, "L-DB2E81BA": 512, "L-417A185B": 512}


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    isolate(monkeypatch, tmp_path)
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="module")
def moto_ec2() -> Iterator[None]:
    from moto import mock_aws

    with mock_aws():
        yield


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch, moto_ec2: None) -> None:
    fake_aws_credentials(monkeypatch)
    fast_aws_backoff(monkeypatch)


def quotas_at(monkeypatch: pytest.MonkeyPatch, fake: FakeAwsJson) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL_SERVICE_QUOTAS", fake.url)


@pytest.mark.usefixtures("aws")
def test_preflight_passes_with_warnings_and_writes_the_report(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with FakeAwsJson(quotas=OK_QUOTAS) as fake:
        quotas_at(monkeypatch, fake)
        code, out, err = run("preflight", INF_SPEC, "--format", "json", "-o", "report.json")
    assert (code, out) == (0, "")
    assert "error" not in err
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["workload"] == "chat-llama3-8b"
    assert report["status"] == "warn"  # inf2.xlarge is missing from two us-east-1 zones
    assert report["service_error"] is False
    chosen = report["candidates"][0]
    assert (chosen["offering"], chosen["region"], chosen["chosen"]) == (
        "inf2.xlarge",
        "us-east-1",
        True,
    )
    statuses = {c["name"]: c["status"] for c in chosen["checks"]}
    assert statuses == {"offered": "warn", "catalog-drift": "pass", "vcpu-quota": "pass"}


@pytest.mark.usefixtures("aws")
def test_preflight_failed_check_exits_1_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeAwsJson(quotas={"L-1945791B": 0}) as fake:
        quotas_at(monkeypatch, fake)
        code, out, err = run("preflight", INF_SPEC)
    assert code == 1
    assert "Preflight for chat-llama3-8b: FAIL" in out
    assert err.startswith("error: aws:inf2.xlarge@us-east-1: vcpu-quota: Running instances quota")
    assert "To fix: request an increase" in err


@pytest.mark.usefixtures("aws")
def test_plan_preflight_drops_failed_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = Path("wide.yaml")
    profile = ROOT / "stacks/profiles/platform.yaml"
    spec.write_text(
        Path(INF_SPEC)
        .read_text()
        .replace("max_usd_per_month: 1200", "max_usd_per_month: 5000")
        .replace("../profiles/platform.yaml", str(profile))
    )
    with FakeAwsJson(quotas={**OK_QUOTAS, "L-1945791B": 0}) as fake:
        quotas_at(monkeypatch, fake)
        code, out, err = run("plan", str(spec), "--preflight", "--format", "json")
    assert code == 0, err
    plan = json.loads(out)
    assert not plan["chosen"]["offering"].startswith("inf")
    dropped = next(c for c in plan["candidates"] if c["offering"] == "inf2.xlarge")
    assert dropped["feasible"] is False
    assert dropped["rejected_because"][-1].startswith("preflight failed: vcpu-quota: ")
    assert any(n.startswith("preflight checked 4 candidate(s)") for n in plan["notices"])


@pytest.mark.usefixtures("aws")
@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("throttling", "throttled after 2 attempts (RequestLimitExceeded"),
        ("http500", "HTTP 500 after 2 attempts (InternalError"),
        ("timeout", "timed out (0.2 s per attempt, 2 attempts)"),
    ],
)
def test_aws_faults_exit_3_with_nothing_written(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, kind: str, reason: str
) -> None:
    with AwsFaultServer(kind) as server:
        monkeypatch.setenv("AWS_ENDPOINT_URL", server.url)
        code, _out, err = run("preflight", INF_SPEC, *FAST_LIMITS, "-o", "report.json")
        monkeypatch.setenv("AIHW_PREFLIGHT_MAX_ATTEMPTS", "2")
        monkeypatch.setenv("AIHW_PREFLIGHT_TIMEOUT_SECONDS", "0.2")
        plan_code, _, plan_err = run("plan", INF_SPEC, "--preflight", "--lock", "-o", "plan.json")
    assert code == 3
    assert f"failed after retries: {reason}" in err
    assert "error: report.json not written: the preflight is incomplete" in err
    assert "Traceback" not in err
    assert plan_code == 3
    assert "error: preflight incomplete" in plan_err
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no report, plan or lock file


def test_missing_aws_credentials_exit_2_with_nothing_written(tmp_path: Path) -> None:
    code, _out, err = run("preflight", INF_SPEC, "-o", "report.json")
    assert code == 2
    assert err.startswith("error: AWS credentials not found")
    assert "To fix: set AWS_PROFILE" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.usefixtures("aws")
def test_bad_limits_are_usage_errors() -> None:
    code, _, err = run("preflight", INF_SPEC, "--timeout-seconds", "0")
    assert code == 2
    assert "timeout_seconds must be above 0" in err


def test_catalog_listing_still_works() -> None:
    code, out, _ = run("catalog", "--provider", "aws", "--accelerator", "inf2")
    assert code == 0
    assert "inf2.xlarge" in out


def test_plain_plan_imports_no_cloud_sdk_or_pulumi() -> None:
    probe = (
        "import sys\n"
        "from pulumi_aihw.cli import app\n"
        "try:\n"
        f"    app(['plan', {INF_SPEC!r}, '-f', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('boto3', 'botocore', 'pulumi') or m.startswith('google.cloud'))\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60
    )
    assert '"chosen"' in done.stdout
    assert "HEAVY []" in done.stderr
