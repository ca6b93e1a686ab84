"""AWS checks against moto (offerings, instance types) and Stubber (Service Quotas)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from pulumi_aihw.preflight.aws import AwsChecker
from pulumi_aihw.preflight.aws_clients import AwsClients
from pulumi_aihw.preflight.limits import Limits
from pulumi_aihw.preflight.models import Check, CheckName, Status
from tests.cloudfakes.specs import candidate, spec

pytestmark = pytest.mark.usefixtures("moto_ec2", "aws_credentials")

REGION = "us-east-1"
ALL_ZONES = [f"us-east-1{z}" for z in "abcdef"]


@pytest.fixture(scope="module")
def clients(moto_ec2: None) -> AwsClients:
    """Shared by the module (client creation is the slow part); each test builds its own
    checker, so no answer is remembered between tests."""
    return AwsClients(Limits(), session=boto3.session.Session())


@pytest.fixture
def quotas(clients: AwsClients) -> Iterator[Stubber]:
    stubber = Stubber(clients.client("service-quotas", REGION))
    with stubber:
        yield stubber
    stubber.assert_no_pending_responses()


def quota_answer(stubber: Stubber, code: str, vcpus: float) -> None:
    stubber.add_response(
        "get_service_quota",
        {"Quota": {"QuotaCode": code, "QuotaName": f"Running instances {code}", "Value": vcpus}},
        {"ServiceCode": "ec2", "QuotaCode": code},
    )


def by_name(checks: list[Check]) -> dict[CheckName, Check]:
    return {c.name: c for c in checks}


def test_type_offered_in_every_zone_with_matching_facts_and_quota_passes(
    clients: AwsClients, quotas: Stubber
) -> None:
    quota_answer(quotas, "L-417A185B", 384)
    checks = by_name(AwsChecker(clients).check(candidate("p5.48xlarge", units=2), spec()))
    assert checks[CheckName.OFFERED].status is Status.PASS
    assert "all 6 zones" in checks[CheckName.OFFERED].message
    assert checks[CheckName.CATALOG_DRIFT].status is Status.PASS
    assert "8 x H100" in checks[CheckName.CATALOG_DRIFT].message
    quota = checks[CheckName.VCPU_QUOTA]
    assert quota.status is Status.PASS
    assert "384 vCPUs; the plan needs 384 vCPUs (2 x p5.48xlarge x 192 vCPUs)" in quota.message
    assert CheckName.CAPACITY_BLOCK not in checks


def test_type_missing_from_some_zones_warns_naming_them(
    clients: AwsClients, quotas: Stubber
) -> None:
    quota_answer(quotas, "L-417A185B", 1000)
    offered = by_name(AwsChecker(clients).check(candidate("p4d.24xlarge"), spec()))[
        CheckName.OFFERED
    ]
    assert offered.status is Status.WARN
    assert "offered in 4 of 6 zones of us-east-1" in offered.message
    assert "not in us-east-1e, us-east-1f" in offered.message
    assert "To fix: use subnets in us-east-1a, us-east-1b, us-east-1c, us-east-1d" in (
        offered.message
    )


def test_type_not_offered_in_the_region_fails(clients: AwsClients, quotas: Stubber) -> None:
    quota_answer(quotas, "L-2C3B7624", 1000)
    checks = by_name(AwsChecker(clients).check(candidate("trn2.48xlarge", REGION), spec()))
    offered = checks[CheckName.OFFERED]
    assert offered.status is Status.FAIL
    assert "trn2.48xlarge is not offered in any of the 6 zones of us-east-1" in offered.message
    assert "To fix: choose another region" in offered.message
    # AWS reports Trainium2 memory wrongly (524288 MiB): a known quirk, not drift.
    drift = checks[CheckName.CATALOG_DRIFT]
    assert drift.status is Status.PASS
    assert "known AWS quirk" in drift.message


@pytest.mark.parametrize(
    ("offering", "changes", "accelerator_changes", "expected"),
    [
        ("p4d.24xlarge", {"accelerators_per_unit": 4.0}, None, "count 8 vs 4"),
        (
            "p5.48xlarge",
            {},
            {"memory_gib": 40.0},
            "memory 80.0 GiB vs 40 GiB per chip",
        ),
        ("inf2.xlarge", {"accelerator_id": "inferentia"}, None, "accelerator Inferentia2 is not"),
    ],
)
def test_catalog_row_that_differs_from_aws_is_drift_naming_both_values(
    clients: AwsClients,
    quotas: Stubber,
    offering: str,
    changes: dict[str, Any],
    accelerator_changes: dict[str, Any] | None,
    expected: str,
) -> None:
    quotas.add_response("get_service_quota", {"Quota": {"Value": 1000.0}})
    cand = candidate(offering, accelerator_changes=accelerator_changes, **changes)
    drift = by_name(AwsChecker(clients).check(cand, spec()))[CheckName.CATALOG_DRIFT]
    assert drift.status is Status.WARN
    assert drift.message.startswith(f"catalog drift for {offering}: AWS reports ")
    assert "the catalog says" in drift.message
    assert expected in drift.message


def test_fractional_gpu_and_usable_memory_are_not_drift(
    clients: AwsClients, quotas: Stubber
) -> None:
    quota_answer(quotas, "L-DB2E81BA", 64)  # G and VT: asked once for both
    checker = AwsChecker(clients)
    # g6f: a quarter of an L4; g6e: 45776 MiB usable of a 48 GB L40S.
    for offering in ("g6f.2xlarge", "g6e.xlarge"):
        drift = by_name(checker.check(candidate(offering), spec()))[CheckName.CATALOG_DRIFT]
        assert drift.status is Status.PASS, drift.message


def test_quota_too_small_fails_with_the_increase_to_request(
    clients: AwsClients, quotas: Stubber
) -> None:
    quota_answer(quotas, "L-1945791B", 4)
    quota = by_name(AwsChecker(clients).check(candidate("inf2.xlarge", units=2), spec()))[
        CheckName.VCPU_QUOTA
    ]
    assert quota.status is Status.FAIL
    assert "is 4 vCPUs but the plan needs 8 vCPUs (2 x inf2.xlarge x 4 vCPUs)" in quota.message
    assert "--quota-code L-1945791B --desired-value 8 --region us-east-1" in quota.message


def test_spot_plans_read_the_spot_quota(clients: AwsClients, quotas: Stubber) -> None:
    quota_answer(quotas, "L-7212CCBC", 192)
    workload = spec(constraints={"purchase_option": "spot"})
    quota = by_name(AwsChecker(clients).check(candidate("p5.48xlarge"), workload))[
        CheckName.VCPU_QUOTA
    ]
    assert quota.status is Status.PASS
    assert "(L-7212CCBC)" in quota.message


def test_unknown_quota_code_in_region_is_a_warning(clients: AwsClients, quotas: Stubber) -> None:
    quotas.add_client_error(
        "get_service_quota", service_error_code="NoSuchResourceException", http_status_code=400
    )
    quota = by_name(AwsChecker(clients).check(candidate("g5.xlarge"), spec()))[CheckName.VCPU_QUOTA]
    assert quota.status is Status.WARN
    assert "quota L-DB2E81BA (G and VT on-demand) not found in us-east-1" in quota.message


def test_answers_are_asked_once_per_run(clients: AwsClients, quotas: Stubber) -> None:
    quota_answer(quotas, "L-DB2E81BA", 1000)  # one answer serves both candidates
    checker = AwsChecker(clients)
    for units in (1, 3):
        checks = by_name(checker.check(candidate("g5.xlarge", units=units), spec()))
        assert checks[CheckName.VCPU_QUOTA].status is Status.PASS


def test_missing_permission_is_a_warning_naming_it(clients: AwsClients, quotas: Stubber) -> None:
    quotas.add_client_error(
        "get_service_quota", service_error_code="AccessDeniedException", http_status_code=400
    )
    quota = by_name(AwsChecker(clients).check(candidate("g5.xlarge"), spec()))[CheckName.VCPU_QUOTA]
    assert quota.status is Status.WARN
    assert quota.message.startswith(
        "not checked: not allowed to call servicequotas:GetServiceQuota"
    )
    assert "To fix: grant servicequotas:GetServiceQuota" in quota.message
