"""Capacity Block offerings (moto has none): the whole AWS checker over botocore Stubber,
which validates every request and response against the EC2 service model."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.stub import ANY, Stubber

from pulumi_aihw.preflight.aws import AwsChecker
from pulumi_aihw.preflight.aws_clients import AwsClients
from pulumi_aihw.preflight.limits import Limits
from pulumi_aihw.preflight.models import CheckName, Status
from tests.cloudfakes.specs import candidate, spec

pytestmark = pytest.mark.usefixtures("aws_credentials")

REGION = "us-east-1"
START = dt.datetime(2026, 12, 1, 11, 30, tzinfo=dt.timezone.utc)
H100 = {
    "InstanceType": "p5.48xlarge",
    "VCpuInfo": {"DefaultVCpus": 192},
    "GpuInfo": {
        "Gpus": [
            {
                "Name": "H100",
                "Manufacturer": "NVIDIA",
                "Count": 8,
                "MemoryInfo": {"SizeInMiB": 81920},
            }
        ]
    },
}


def block_spec(**capacity_block: Any) -> Any:
    return spec(
        constraints={"purchase_option": "capacity-block"},
        deploy={"aws": {"capacity_block": {"purchase": True, **capacity_block}}},
    )


def offer(zone: str, count: int = 2) -> dict[str, Any]:
    return {
        "CapacityBlockOfferingId": "cb-0123456789abcdef0",
        "InstanceType": "p5.48xlarge",
        "AvailabilityZone": zone,
        "InstanceCount": count,
        "StartDate": START,
        "EndDate": START + dt.timedelta(hours=48),
        "CapacityBlockDurationHours": 48,
        "UpfrontFee": "5283.84",
        "CurrencyCode": "USD",
    }


@pytest.fixture
def stubs() -> Iterator[tuple[AwsClients, Stubber, Stubber]]:
    clients = AwsClients(Limits(), session=boto3.session.Session())
    ec2 = Stubber(clients.client("ec2", REGION))
    quotas = Stubber(clients.client("service-quotas", REGION))
    with ec2, quotas:
        yield clients, ec2, quotas
    ec2.assert_no_pending_responses()
    quotas.assert_no_pending_responses()


def answer_zone_checks(ec2: Stubber, quotas: Stubber, zones: list[str], vcpus_quota: float) -> None:
    ec2.add_response(
        "describe_availability_zones",
        {"AvailabilityZones": [{"ZoneName": z, "State": "available"} for z in zones]},
        {"Filters": ANY},
    )
    ec2.add_response(
        "describe_instance_type_offerings",
        {
            "InstanceTypeOfferings": [
                {"InstanceType": "p5.48xlarge", "LocationType": "availability-zone", "Location": z}
                for z in zones
            ]
        },
        {"LocationType": "availability-zone", "Filters": ANY},
    )
    ec2.add_response(
        "describe_instance_types", {"InstanceTypes": [H100]}, {"InstanceTypes": ["p5.48xlarge"]}
    )
    quotas.add_response(
        "get_service_quota",
        {"Quota": {"QuotaCode": "L-417A185B", "Value": vcpus_quota}},
        {"ServiceCode": "ec2", "QuotaCode": "L-417A185B"},
    )


def test_block_on_offer_for_count_duration_and_start_passes(
    stubs: tuple[AwsClients, Stubber, Stubber],
) -> None:
    clients, ec2, quotas = stubs
    answer_zone_checks(ec2, quotas, ["us-east-1a", "us-east-1b"], 384)
    ec2.add_response(
        "describe_capacity_block_offerings",
        {"CapacityBlockOfferings": [offer("us-east-1b")]},
        {
            "InstanceType": "p5.48xlarge",
            "InstanceCount": 2,
            "CapacityDurationHours": 48,
            "StartDateRange": dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc),
        },
    )
    workload = block_spec(duration_hours=48, start_date="2026-12-01")
    checks = {
        c.name: c for c in AwsChecker(clients).check(candidate("p5.48xlarge", units=2), workload)
    }
    block = checks[CheckName.CAPACITY_BLOCK]
    assert block.status is Status.PASS
    assert block.zone == "us-east-1b"
    assert "1 Capacity Block offering(s) for 2 x p5.48xlarge for 48 h in us-east-1" in block.message
    assert "earliest starts 2026-12-01 11:30 UTC in us-east-1b, upfront fee 5283.84 USD" in (
        block.message
    )


def test_no_block_on_offer_fails(stubs: tuple[AwsClients, Stubber, Stubber]) -> None:
    clients, ec2, quotas = stubs
    answer_zone_checks(ec2, quotas, ["us-east-1a"], 384)
    ec2.add_response("describe_capacity_block_offerings", {"CapacityBlockOfferings": []})
    checks = {c.name: c for c in AwsChecker(clients).check(candidate("p5.48xlarge"), block_spec())}
    block = checks[CheckName.CAPACITY_BLOCK]
    assert block.status is Status.FAIL
    assert block.message.startswith(
        "no Capacity Block offering for 1 x p5.48xlarge for 24 h in us-east-1. To fix:"
    )


def test_block_only_outside_the_subnets_zones_fails(
    stubs: tuple[AwsClients, Stubber, Stubber],
) -> None:
    clients, ec2, quotas = stubs
    ec2.add_response(
        "describe_subnets",
        {"Subnets": [{"SubnetId": "subnet-0a", "AvailabilityZone": "us-east-1a"}]},
        {"SubnetIds": ["subnet-0a"]},
    )
    ec2.add_response(
        "describe_instance_type_offerings",
        {"InstanceTypeOfferings": [{"InstanceType": "p5.48xlarge", "Location": "us-east-1a"}]},
        {
            "LocationType": "availability-zone",
            "Filters": [
                {"Name": "instance-type", "Values": ["p5.48xlarge"]},
                {"Name": "location", "Values": ["us-east-1a"]},
            ],
        },
    )
    ec2.add_response("describe_instance_types", {"InstanceTypes": [H100]})
    quotas.add_response("get_service_quota", {"Quota": {"Value": 384.0}})
    ec2.add_response(
        "describe_capacity_block_offerings", {"CapacityBlockOfferings": [offer("us-east-1c")]}
    )
    workload = spec(
        constraints={"purchase_option": "capacity-block"},
        deploy={"aws": {"subnet_ids": ["subnet-0a"], "capacity_block": {"purchase": True}}},
    )
    checks = {c.name: c for c in AwsChecker(clients).check(candidate("p5.48xlarge"), workload)}
    assert checks[CheckName.OFFERED].status is Status.PASS
    assert "(the zones of deploy.aws.subnet_ids)" in checks[CheckName.OFFERED].message
    block = checks[CheckName.CAPACITY_BLOCK]
    assert block.status is Status.FAIL
    assert "offered only in us-east-1c, not in us-east-1a" in block.message


def test_a_held_reservation_or_too_many_instances_ask_nothing(
    stubs: tuple[AwsClients, Stubber, Stubber],
) -> None:
    clients, ec2, quotas = stubs
    answer_zone_checks(ec2, quotas, ["us-east-1a"], 100_000)
    checker = AwsChecker(clients)
    held = spec(
        constraints={"purchase_option": "capacity-block"},
        deploy={"aws": {"capacity_block": {"reservation_id": "cr-0abc"}}},
    )
    checks = {c.name: c for c in checker.check(candidate("p5.48xlarge"), held)}
    assert checks[CheckName.CAPACITY_BLOCK].status is Status.SKIP
    assert "cr-0abc" in checks[CheckName.CAPACITY_BLOCK].message
    checks = {c.name: c for c in checker.check(candidate("p5.48xlarge", units=65), block_spec())}
    assert checks[CheckName.CAPACITY_BLOCK].status is Status.FAIL
    assert "a Capacity Block holds at most 64" in checks[CheckName.CAPACITY_BLOCK].message


def test_quota_shortfall_is_only_a_warning_for_capacity_blocks(
    stubs: tuple[AwsClients, Stubber, Stubber],
) -> None:
    clients, ec2, quotas = stubs
    answer_zone_checks(ec2, quotas, ["us-east-1a"], 0)
    ec2.add_response(
        "describe_capacity_block_offerings", {"CapacityBlockOfferings": [offer("us-east-1a", 1)]}
    )
    checks = {c.name: c for c in AwsChecker(clients).check(candidate("p5.48xlarge"), block_spec())}
    assert checks[CheckName.VCPU_QUOTA].status is Status.WARN
    assert checks[CheckName.CAPACITY_BLOCK].status is Status.PASS
