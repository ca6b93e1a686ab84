"""Fault injection for both clouds: throttling, HTTP 500, timeouts and missing
credentials, through the SDKs' real HTTP, retry and timeout code."""

from __future__ import annotations

import datetime as dt
import time

import boto3
import pytest

from pulumi_aihw.catalog import load_catalog
from pulumi_aihw.errors import EXIT_SERVICE, CredentialsError
from pulumi_aihw.planner import plan
from pulumi_aihw.preflight.aws import AwsChecker
from pulumi_aihw.preflight.aws_clients import AwsClients
from pulumi_aihw.preflight.clouds import default_checkers
from pulumi_aihw.preflight.gcp import GcpChecker
from pulumi_aihw.preflight.gcp_clients import tpu_api_factory
from pulumi_aihw.preflight.limits import Limits
from pulumi_aihw.preflight.models import Check, Status
from pulumi_aihw.preflight.runner import candidates_to_check, run_preflight
from tests.cloudfakes.aws import AwsFaultServer
from tests.cloudfakes.specs import candidate, spec
from tests.cloudfakes.tpu import FakeTpu, Zone

LIMITS = Limits(timeout_seconds=0.2, max_attempts=3, backoff_seconds=0.01)
GCP_LIMITS = Limits(timeout_seconds=0.2, max_attempts=2, backoff_seconds=0.01)


def aws_checks(
    monkeypatch: pytest.MonkeyPatch, server: AwsFaultServer, limits: Limits = LIMITS
) -> list[Check]:
    monkeypatch.setenv("AWS_ENDPOINT_URL", server.url)
    checker = AwsChecker(AwsClients(limits, session=boto3.session.Session()))
    return checker.check(candidate("p5.48xlarge"), spec())


def quota_calls(server: AwsFaultServer) -> int:
    return sum("X-Amz-Target" in r.headers for r in server.requests)


@pytest.mark.usefixtures("aws_credentials", "fast_retries")
@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("throttling", "throttled after 3 attempts (RequestLimitExceeded: injected fault)"),
        ("http500", "HTTP 500 after 3 attempts (InternalError: injected fault)"),
    ],
)
def test_aws_throttling_and_5xx_are_retried_then_failed_service_checks(
    monkeypatch: pytest.MonkeyPatch, kind: str, reason: str
) -> None:
    with AwsFaultServer(kind) as server:
        checks = aws_checks(monkeypatch, server)
        ec2_calls = len(server.requests) - quota_calls(server)
        sq_calls = quota_calls(server)
    assert all(c.status is Status.FAIL and c.service_error for c in checks)
    first = checks[0].message
    assert first.startswith(
        f"ec2:DescribeAvailabilityZones in us-east-1 failed after retries: {reason}"
    )
    assert "To fix: retry later; if it persists, raise --max-attempts or --timeout-seconds" in first
    # the first EC2 call was tried 3 times; later EC2 questions were not asked again
    assert ec2_calls == 3
    assert "ec2:DescribeInstanceTypes in us-east-1 not called: an earlier call" in checks[1].message
    assert sq_calls == 3  # Service Quotas is another service: asked (and retried) once


@pytest.mark.usefixtures("aws_credentials")
def test_aws_timeouts_are_retried_then_failed_service_checks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started = time.monotonic()
    limits = Limits(timeout_seconds=0.2, max_attempts=2)
    with AwsFaultServer("timeout", delay_seconds=2.0) as server:
        checks = aws_checks(monkeypatch, server, limits)
        calls = len(server.requests)
    assert time.monotonic() - started < 4
    assert all(c.status is Status.FAIL and c.service_error for c in checks)
    assert "failed after retries: timed out (0.2 s per attempt, 2 attempts)" in checks[0].message
    assert calls == 4  # 2 attempts each for EC2 and Service Quotas


def test_aws_missing_credentials_name_the_chain_and_the_fix() -> None:
    with pytest.raises(CredentialsError) as info:
        default_checkers(LIMITS)["aws"]()
    message = str(info.value)
    assert message.startswith("AWS credentials not found: the standard chain")
    assert "To fix: set AWS_PROFILE" in message
    assert "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY" in message


def test_aws_unknown_profile_is_a_credentials_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_PROFILE", "no-such-profile")
    with pytest.raises(CredentialsError, match="AWS profile not found"):
        default_checkers(LIMITS)["aws"]()


@pytest.mark.usefixtures("aws_credentials")
def test_aws_rejected_credentials_stop_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    with AwsFaultServer("bad-credentials") as server, pytest.raises(CredentialsError) as info:
        aws_checks(monkeypatch, server)
    assert str(info.value).startswith("AWS rejected the credentials (AuthFailure: injected fault)")


@pytest.mark.usefixtures("aws_credentials", "fast_retries")
def test_a_service_failure_makes_the_report_exit_3(monkeypatch: pytest.MonkeyPatch) -> None:
    workload = spec(placement={"providers": ["aws"], "regions": ["us-east-1"]})
    result = plan(workload, load_catalog())
    with AwsFaultServer("http500") as server:
        monkeypatch.setenv("AWS_ENDPOINT_URL", server.url)
        report = run_preflight(
            result,
            workload,
            candidates_to_check(result, 1),
            default_checkers(LIMITS),
            now=dt.datetime(2026, 11, 21, tzinfo=dt.timezone.utc),
        )
    assert report.exit_code == EXIT_SERVICE
    assert report.service_errors
    assert report.to_dict()["service_error"] is True


TPU_ZONES = {"us-central1-b": Zone(types=["v6e-8"], runtimes=["v2-alpha-tpuv6e"])}


def gcp_checker(server: FakeTpu) -> GcpChecker:
    return GcpChecker(tpu_api_factory(GCP_LIMITS, {"AIHW_TPU_EMULATOR_HOST": server.host}))


TPU_SPEC = spec(frameworks=["jax"], deploy={"gcp": {"project": "proj-1"}})


def tpu_check(checker: GcpChecker, offering: str, region: str) -> Check:
    (check,) = checker.check(candidate(offering, region, workload=TPU_SPEC), TPU_SPEC)
    return check


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (429, "throttled (HTTP 429: injected; retried for 0.4 s)"),
        (500, "HTTP 500 (injected; retried for 0.4 s)"),
    ],
)
def test_gcp_throttling_and_5xx_are_retried_then_failed_service_checks(
    status: int, reason: str
) -> None:
    with FakeTpu(TPU_ZONES, fail_status=status) as server:
        checker = gcp_checker(server)
        check = tpu_check(checker, "v6e-8", "us-central1")
        calls = len(server.requests)
        later = tpu_check(checker, "v6e-8", "europe-west4")
        assert len(server.requests) == calls  # the broken API is not asked again
    assert check.status is Status.FAIL and check.service_error
    assert check.message.startswith(
        f"tpu.locations.list in projects/proj-1 failed after retries: {reason}"
    )
    assert calls > 1  # retried with backoff by google-api-core
    assert later.service_error
    assert "not called: an earlier call to the same service failed" in later.message


def test_gcp_timeouts_are_retried_then_failed_service_checks() -> None:
    with FakeTpu(TPU_ZONES, delay_seconds=2.0) as server:
        check = tpu_check(gcp_checker(server), "v6e-8", "us-central1")
        calls = len(server.requests)
    assert check.status is Status.FAIL and check.service_error
    assert "timed out (0.2 s per attempt; retried for 0.4 s)" in check.message
    assert calls >= 2


def test_gcp_missing_adc_names_what_is_missing_and_the_fix() -> None:
    factory = tpu_api_factory(LIMITS, {})
    workload = spec(frameworks=["jax"])
    with pytest.raises(CredentialsError) as info:
        GcpChecker(factory).check(candidate("v6e-8", workload=workload), workload)
    message = str(info.value)
    assert message.startswith("Google Cloud credentials not found: Application Default Credentials")
    assert "To fix: run `gcloud auth application-default login`" in message
    assert "roles/tpu.viewer" in message
