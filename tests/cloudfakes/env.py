"""Environment set-up for cloud tests: fake or absent credentials, fast retries."""

from __future__ import annotations

from pathlib import Path

import pytest

AWS_CREDENTIAL_VARS = (
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_ROLE_ARN",
)
ENDPOINT_VARS = (
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_EC2",
    "AWS_ENDPOINT_URL_SERVICE_QUOTAS",
    "AWS_ENDPOINT_URL_PRICING",
    "AIHW_TPU_EMULATOR_HOST",
    "AIHW_AZURE_ARM_ENDPOINT",
    "AIHW_AZURE_PRICES_ENDPOINT",
    "AZURE_SUBSCRIPTION_ID",
    "ARM_SUBSCRIPTION_ID",
    "AIHW_CATALOG",
    "AIHW_PREFLIGHT_TIMEOUT_SECONDS",
    "AIHW_PREFLIGHT_MAX_ATTEMPTS",
    "AIHW_PREFLIGHT_RETRY_MODE",
)


def isolate(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No credentials from the machine: empty AWS files, no instance metadata, no ADC."""
    for var in (*AWS_CREDENTIAL_VARS, *ENDPOINT_VARS, "GOOGLE_APPLICATION_CREDENTIALS"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("CLOUDSDK_CONFIG", str(tmp_path / "no-gcloud"))
    monkeypatch.setenv("NO_GCE_CHECK", "True")
    monkeypatch.setenv("GCE_METADATA_HOST", "127.0.0.1:9")
    monkeypatch.delenv("GOOGLE_CLOUD_PROJECT", raising=False)


def fake_aws_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")


def fast_aws_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """botocore waits up to 1 s (throttling) before a retry; tests wait 1 ms. Retries,
    attempt counting and error handling stay botocore's own."""
    monkeypatch.setattr(
        "botocore.retries.standard.ExponentialBackoff.delay_amount", lambda self, ctx: 0.001
    )
