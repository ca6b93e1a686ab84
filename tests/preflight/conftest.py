from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cloudfakes.env import fake_aws_credentials, fast_aws_backoff, isolate


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    isolate(monkeypatch, tmp_path)


@pytest.fixture
def aws_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_aws_credentials(monkeypatch)


@pytest.fixture
def fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    fast_aws_backoff(monkeypatch)


@pytest.fixture(scope="module")
def moto_ec2() -> Iterator[None]:
    """One moto mock for a whole test module: its first call costs about a second."""
    from moto import mock_aws

    with mock_aws():
        yield
