"""Azure preflight against a local fake ARM endpoint, through azure-mgmt-compute's real HTTP,
retry and timeout code: offered / restricted / zones, catalog drift, Trusted Launch and
encryption at host, family and Spot quotas, and fault injection (429, 5xx, timeouts,
missing and rejected credentials)."""

from __future__ import annotations

import time

import pytest
from azure.identity import CredentialUnavailableError

from pulumi_aihw.errors import ConfigError, CredentialsError
from pulumi_aihw.preflight.azure import AzureChecker
from pulumi_aihw.preflight.azure_clients import compute_api_factory
from pulumi_aihw.preflight.limits import Limits
from pulumi_aihw.preflight.models import CheckName, Status
from tests.cloudfakes.azure import SUBSCRIPTION, FakeArm, Region, sku, usage
from tests.cloudfakes.specs import candidate, spec

LIMITS = Limits(timeout_seconds=0.3, max_attempts=3, backoff_seconds=0.01)
ND = "Standard_ND96isr_H100_v5"
FAMILY = "standardNDSH100v5Family"
EASTUS = Region(
    skus=[sku(ND, "eastus", vcpus=96, memory_gb=1900, gpus=8, zones=("1", "2"))],
    usages=[
        usage(FAMILY, 192, 0, "Standard NDSH100v5 Family vCPUs"),
        usage("cores", 500, 100, "Total Regional vCPUs"),
        usage("lowPriorityCores", 50, 0, "Total Regional Low-priority vCPUs"),
    ],
)
AZURE = {"providers": ["azure"]}


def checker(server: FakeArm, limits: Limits = LIMITS) -> AzureChecker:
    env = {"AIHW_AZURE_ARM_ENDPOINT": server.url, "AZURE_SUBSCRIPTION_ID": SUBSCRIPTION}
    return AzureChecker(compute_api_factory(limits, env))


def by_name(checks: list) -> dict[str, list]:
    out: dict[str, list] = {}
    for c in checks:
        out.setdefault(str(c.name), []).append(c)
    return out


def checks_of(server: FakeArm, units: int = 1, **spec_fields: object) -> dict[str, list]:
    workload = spec(placement=AZURE, **spec_fields)
    cand = candidate(ND, "eastus", units=units, workload=workload)
    return by_name(checker(server).check(cand, workload))


def test_offered_drift_security_and_quota_pass() -> None:
    with FakeArm({"eastus": EASTUS}) as server:
        got = checks_of(server, units=2)
        paths = [r.path for r in server.requests]
    assert [c.status for c in got["offered"]] == [Status.PASS]
    assert got["offered"][0].message == f"{ND} is offered in eastus (zones 1, 2)"
    assert got["catalog-drift"][0].status is Status.PASS
    assert "GPUs 8" in got["catalog-drift"][0].message
    assert got["security-features"][0].message == (
        f"{ND} supports Trusted Launch and encryption at host"
    )
    family, regional = got["vcpu-quota"]
    assert family.status is Status.PASS and "192 of 192 vCPUs free" in family.message
    assert "needs 192 vCPUs (2 x Standard_ND96isr_H100_v5 x 96 vCPUs)" in family.message
    assert regional.status is Status.PASS and "Total Regional vCPUs" in regional.message
    assert sum("/skus" in p for p in paths) == 1 and sum("/usages" in p for p in paths) == 1
    assert all(f"/subscriptions/{SUBSCRIPTION}/" in p for p in paths)


def test_quota_shortfall_fails_with_the_quota_to_raise() -> None:
    with FakeArm({"eastus": EASTUS}) as server:
        family, _ = checks_of(server, units=3)["vcpu-quota"]
    assert family.status is Status.FAIL
    assert "192 of 192 vCPUs free" in family.message and "needs 288 vCPUs" in family.message
    assert f"To fix: request a quota increase for '{FAMILY}' to at least 288" in family.message


def test_spot_uses_the_regional_spot_quota() -> None:
    with FakeArm({"eastus": EASTUS}) as server:
        (spot,) = checks_of(server, constraints={"purchase_option": "spot"})["vcpu-quota"]
    assert spot.status is Status.FAIL
    assert "Total Regional Low-priority vCPUs in eastus: 50 of 50 vCPUs free" in spot.message


def test_size_missing_or_restricted_in_the_region_fails() -> None:
    with FakeArm({"eastus": Region(skus=[], usages=EASTUS.usages)}) as server:
        (missing,) = checks_of(server)["offered"]
    assert missing.status is Status.FAIL
    assert "is not offered in eastus" in missing.message and "To fix:" in missing.message
    blocked = sku(
        ND,
        "eastus",
        vcpus=96,
        memory_gb=1900,
        gpus=8,
        restrictions=[
            {
                "type": "Location",
                "values": ["eastus"],
                "restrictionInfo": {"locations": ["eastus"]},
                "reasonCode": "NotAvailableForSubscription",
            }
        ],
    )
    with FakeArm({"eastus": Region(skus=[blocked], usages=EASTUS.usages)}) as server:
        (restricted,) = checks_of(server)["offered"]
    assert restricted.status is Status.FAIL
    assert "restricted for this subscription (NotAvailableForSubscription)" in restricted.message


def test_zone_restrictions_and_the_spec_zone() -> None:
    zonal = sku(
        ND,
        "eastus",
        vcpus=96,
        memory_gb=1900,
        gpus=8,
        zones=("1", "2"),
        restrictions=[
            {
                "type": "Zone",
                "values": ["eastus"],
                "restrictionInfo": {"locations": ["eastus"], "zones": ["2"]},
                "reasonCode": "NotAvailableForSubscription",
            }
        ],
    )
    region = Region(skus=[zonal], usages=EASTUS.usages)
    with FakeArm({"eastus": region}) as server:
        (ok,) = checks_of(server, deploy={"azure": {"zone": "1"}})["offered"]
        (bad,) = checks_of(server, deploy={"azure": {"zone": "2"}})["offered"]
    assert ok.status is Status.PASS and ok.zone == "1"
    assert bad.status is Status.FAIL and "zones offering it: 1" in bad.message


def test_drift_and_unsupported_security_features() -> None:
    odd = sku(
        ND,
        "eastus",
        vcpus=96,
        memory_gb=1900,
        gpus=12,
        trusted_launch_disabled=True,
        encryption_at_host=False,
    )
    with FakeArm({"eastus": Region(skus=[odd], usages=EASTUS.usages)}) as server:
        got = checks_of(server)
    (d,) = got["catalog-drift"]
    assert d.status is Status.WARN and "GPUs 12 (catalog 8)" in d.message
    (s,) = got["security-features"]
    assert s.status is Status.FAIL
    assert "set deploy.azure.trusted_launch: false" in s.message
    assert "set deploy.azure.encryption_at_host: false" in s.message
    with FakeArm({"eastus": Region(skus=[odd], usages=EASTUS.usages)}) as server:
        off = checks_of(
            server, deploy={"azure": {"trusted_launch": False, "encryption_at_host": False}}
        )
    assert off["security-features"][0].status is Status.PASS


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (429, "throttled (HTTP 429: TooManyRequests: injected fault; after 3 attempts)"),
        (500, "HTTP 500 (InternalServerError: injected fault; after 3 attempts)"),
    ],
)
def test_throttling_and_5xx_are_retried_then_failed_service_checks(
    status: int, reason: str
) -> None:
    with FakeArm({"eastus": EASTUS}, fail_status=status) as server:
        got = checks_of(server)
        calls = len(server.requests)
    offered = got["offered"][0]
    assert offered.status is Status.FAIL and offered.service_error
    assert offered.message.startswith(
        f"Microsoft.Compute/skus/read in eastus failed after retries: {reason}"
    )
    assert calls == 3  # the SKU listing was tried 3 times; the usages were not asked
    quota = got["vcpu-quota"][0]
    assert quota.service_error and "not called: an earlier call" in quota.message


def test_timeouts_are_retried_then_failed_service_checks() -> None:
    started = time.monotonic()
    limits = Limits(timeout_seconds=0.2, max_attempts=2, backoff_seconds=0.01)
    with FakeArm({"eastus": EASTUS}, delay_seconds=2.0) as server:
        workload = spec(placement=AZURE)
        cand = candidate(ND, "eastus", workload=workload)
        got = by_name(checker(server, limits).check(cand, workload))
        calls = len(server.requests)
    assert time.monotonic() - started < 4
    offered = got["offered"][0]
    assert offered.service_error and "timed out (0.2 s per attempt; after 2 attempts)" in (
        offered.message
    )
    assert calls == 2


def test_rejected_and_missing_credentials_stop_the_run() -> None:
    with (
        FakeArm({"eastus": EASTUS}, fail_status=401) as server,
        pytest.raises(CredentialsError) as info,
    ):
        checks_of(server)
    assert str(info.value).startswith(
        "Azure credentials missing or rejected calling Microsoft.Compute/skus/read"
    )
    assert "To fix: run `az login`" in str(info.value)

    class NoCredential:
        def get_token(self, *scopes: str, **kwargs: object) -> object:
            raise CredentialUnavailableError(
                message="DefaultAzureCredential failed to retrieve a token"
            )

    env = {"AZURE_SUBSCRIPTION_ID": SUBSCRIPTION}
    api = compute_api_factory(LIMITS, env, credential=NoCredential())()
    with pytest.raises(CredentialsError, match="DefaultAzureCredential failed"):
        api.skus("eastus")  # never sent: the token is asked for first


def test_forbidden_is_a_warning_naming_the_permission() -> None:
    with FakeArm({"eastus": EASTUS}, fail_status=403) as server:
        got = checks_of(server)
    offered = got["offered"][0]
    assert offered.status is Status.WARN
    assert "not checked: not allowed to call Microsoft.Compute/skus/read" in offered.message
    assert "the Reader role" in offered.message


def test_no_subscription_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="To fix: set AZURE_SUBSCRIPTION_ID"):
        compute_api_factory(LIMITS, {})()
    assert CheckName.SECURITY_FEATURES.value == "security-features"
