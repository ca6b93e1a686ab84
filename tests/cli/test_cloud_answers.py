"""Fault injection for answers that are not answers: a 200 with garbage, an HTML page, an
empty body or the wrong shape from AWS (EC2, Service Quotas, the Price List) or the TPU
API is exit 3 quoting what was received, never 70; an access-denied answer to every call
is exit 2 naming the missing permission, never 0. Nothing is written in either case."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cloudfakes.aws import MALFORMED, AwsFaultServer
from tests.cloudfakes.cli import FAST_LIMITS, INF_SPEC, TPU_SPEC, run
from tests.cloudfakes.env import fake_aws_credentials, fast_aws_backoff, isolate
from tests.cloudfakes.tpu import FakeTpu

RECEIVED = {
    "garbage": "not a response",
    "html": "Sign in to the proxy",
    "empty": "(an empty body)",
    "wrong-shape": "Nothing",
}


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    isolate(monkeypatch, tmp_path)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_aws_credentials(monkeypatch)
    fast_aws_backoff(monkeypatch)


@pytest.mark.usefixtures("aws")
@pytest.mark.parametrize("kind", sorted(MALFORMED))
def test_aws_preflight_malformed_answers_exit_3_quoting_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, kind: str
) -> None:
    with AwsFaultServer(kind) as server:
        monkeypatch.setenv("AWS_ENDPOINT_URL", server.url)
        code, _out, err = run("preflight", INF_SPEC, *FAST_LIMITS, "-o", "r.json")
    assert code == 3, err
    assert "not a valid answer" in err and RECEIVED[kind] in err
    assert "internal error" not in err
    assert not (tmp_path / "r.json").exists()


@pytest.mark.usefixtures("aws")
@pytest.mark.parametrize("kind", sorted(MALFORMED))
def test_price_list_malformed_answers_exit_3_and_write_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, kind: str
) -> None:
    with AwsFaultServer(kind) as server:
        monkeypatch.setenv("AWS_ENDPOINT_URL", server.url)
        code, _out, err = run(
            "catalog", "refresh", "--aws", "--regions", "us-east-1", "-o", "snap.json"
        )
    assert code == 3, err
    assert "pricing:GetProducts" in err and "not a valid answer" in err
    assert not (tmp_path / "snap.json").exists()


@pytest.mark.usefixtures("aws")
def test_aws_access_denied_on_every_call_is_exit_2_naming_the_permissions(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with AwsFaultServer("denied") as server:
        monkeypatch.setenv("AWS_ENDPOINT_URL", server.url)
        code, _out, err = run("preflight", INF_SPEC, *FAST_LIMITS, "-o", "r.json")
        assert code == 2, err
        assert "not allowed to call ec2:" in err and "To fix: grant ec2:" in err
        assert "every call to the cloud was denied" in err
        assert not (tmp_path / "r.json").exists()
        code, _out, err = run("plan", INF_SPEC, "--preflight")
        assert code == 2 and "every call to the cloud was denied" in err
        code, _out, err = run("catalog", "refresh", "--aws", "--regions", "us-east-1")
        assert code == 2 and "grant pricing:GetProducts" in err


@pytest.fixture
def tpu(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeTpu]:
    monkeypatch.setenv("GOOGLE_CLOUD_PROJECT", "proj-1")
    with FakeTpu({}) as fake:
        monkeypatch.setenv("AIHW_TPU_EMULATOR_HOST", fake.host)
        yield fake


@pytest.mark.parametrize(
    "body",
    [b"<html>maintenance</html>", b"", b'{"locations": "not a list"}', b"\xff\xfe garbage"],
)
def test_tpu_api_malformed_answers_exit_3(tpu: FakeTpu, tmp_path: Path, body: bytes) -> None:
    tpu.malformed = body
    code, _out, err = run("preflight", TPU_SPEC, *FAST_LIMITS, "-o", "r.json")
    assert code == 3, err
    assert "tpu.locations.list" in err and "not a valid answer" in err
    assert not (tmp_path / "r.json").exists()


def test_tpu_api_denied_everywhere_is_exit_2(tpu: FakeTpu) -> None:
    tpu.fail_status = 403
    code, _out, err = run("preflight", TPU_SPEC, *FAST_LIMITS, "--top", "0")
    assert code == 2, err
    assert "roles/tpu.viewer" in err and "every call to the cloud was denied" in err
