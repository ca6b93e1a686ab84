"""The runner and the plan filter end to end: moto for EC2, a local fake Service Quotas
endpoint (AWS_ENDPOINT_URL_SERVICE_QUOTAS), the default checker registry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from pulumi_aihw.catalog import load_catalog
from pulumi_aihw.errors import EXIT_BLOCKING, EXIT_OK
from pulumi_aihw.planner import plan
from pulumi_aihw.preflight.clouds import default_checkers
from pulumi_aihw.preflight.filter import filter_plan
from pulumi_aihw.preflight.limits import Limits
from pulumi_aihw.preflight.models import CheckName, Status
from pulumi_aihw.preflight.runner import candidates_to_check, run_preflight
from pulumi_aihw.spec import load_spec
from tests.cloudfakes.aws import FakeAwsJson
from tests.cloudfakes.specs import spec

NOW = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.timezone.utc)
WORKLOAD = spec(
    placement={"providers": ["aws"], "regions": ["us-east-1"]},
    constraints={"portability": "none", "max_usd_per_month": 5000},
)
PLAN = plan(WORKLOAD, load_catalog())


@pytest.fixture
def quotas(
    monkeypatch: pytest.MonkeyPatch, moto_ec2: None, aws_credentials: None
) -> Iterator[FakeAwsJson]:
    # Inf quota 0: the Inferentia candidates cannot run; the other families can.
    with FakeAwsJson(quotas={"L-1945791B": 0, "L-2C3B7624": 512, "L-DB2E81BA": 512}) as fake:
        monkeypatch.setenv("AWS_ENDPOINT_URL_SERVICE_QUOTAS", fake.url)
        yield fake


def test_candidates_are_the_chosen_and_the_next_n() -> None:
    keys = [c.offering.key for c in candidates_to_check(PLAN, 2)]
    assert keys == [c.offering.key for c in PLAN.feasible[:3]]
    assert [c.offering.key for c in candidates_to_check(PLAN, 0)] == keys[:1]


def test_bare_metal_is_not_applicable_and_no_cloud_is_asked() -> None:
    workload = load_spec("stacks/baremetal-gpu-inference/workload.yaml")
    result = plan(workload, load_catalog())
    # no credentials for either cloud here: building a checker would raise
    report = run_preflight(
        result, workload, candidates_to_check(result, 3), default_checkers(Limits()), now=NOW
    )
    assert report.candidates
    for cand in report.candidates:
        (check,) = cand.checks
        assert (check.name, check.status) == (CheckName.APPLICABLE, Status.SKIP)
        assert check.message.startswith("not applicable: bare metal")
    assert report.exit_code == EXIT_OK
    assert report.notices == (f"clouds asked: none; candidates checked: {len(report.candidates)}",)


def test_failed_candidates_are_dropped_from_the_plan(quotas: FakeAwsJson) -> None:
    cands = candidates_to_check(PLAN, 3)
    families = [c.offering.offering.split(".")[0] for c in cands]
    assert families[0] == "inf2" and any(not f.startswith("inf") for f in families)
    # an AWS-only plan never builds the Google checker (no ADC here would raise)
    report = run_preflight(PLAN, WORKLOAD, cands, default_checkers(Limits()), now=NOW)
    assert report.exit_code == EXIT_BLOCKING
    assert report.notices[0] == "clouds asked: aws; candidates checked: 4"
    failed = {c.key for c in report.candidates if c.failed}
    assert failed == {c.offering.key for c in cands if c.offering.offering.startswith("inf")}

    filtered = filter_plan(PLAN, WORKLOAD, report)
    assert filtered.chosen is not None
    assert not filtered.chosen.offering.offering.startswith("inf")
    assert filtered.chosen.rank == 1
    for key in failed:
        dropped = next(c for c in filtered.rejected if c.offering.key == key)
        assert dropped.rejected_because[-1].startswith("preflight failed: vcpu-quota: ")
        assert "is 0 vCPUs but the plan needs" in dropped.rejected_because[-1]
    assert filtered.notices[-1].startswith(
        f"preflight checked 4 candidate(s) with the clouds: {len(failed)} failed and were dropped"
    )
    passed = next(c for c in report.candidates if c.key == filtered.chosen.offering.key)
    warned = [chk for chk in passed.checks if chk.status is Status.WARN]
    assert [w for w in filtered.chosen.warnings if w.startswith("preflight ")] == [
        f"preflight {w.name}: {w.message}" for w in warned
    ]
