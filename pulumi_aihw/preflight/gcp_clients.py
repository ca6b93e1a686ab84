"""google-cloud-tpu plumbing: a ``tpu_v2`` REST client from Application Default
Credentials, google-api-core retries and timeouts, and errors mapped to ours.

``AIHW_TPU_EMULATOR_HOST=host:port`` points the client at a local TPU API fake
over plain HTTP with anonymous credentials (the convention Google's emulators use,
e.g. ``PUBSUB_EMULATOR_HOST``); the project then comes from the spec's
``deploy.gcp.project`` or ``GOOGLE_CLOUD_PROJECT``.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from pulumi_aihw.errors import ConfigError, CredentialsError
from pulumi_aihw.preflight.failures import (
    AccessDenied,
    MalformedAnswer,
    ServiceFailure,
    note_answer,
)
from pulumi_aihw.preflight.limits import Limits

TPU_EMULATOR_ENV = "AIHW_TPU_EMULATOR_HOST"
PROJECT_ENV = "GOOGLE_CLOUD_PROJECT"
SCOPES = ["https://www.googleapis.com/auth/cloud-platform"]
MAX_BACKOFF_SECONDS = 10.0
CREDENTIALS_HELP = (
    "To fix: run `gcloud auth application-default login`, or set "
    "GOOGLE_APPLICATION_CREDENTIALS to a service-account key file, or run where a service "
    "account is attached; the account needs roles/tpu.viewer (docs/preflight.md)"
)

T = TypeVar("T")


def import_tpu_v2() -> Any:
    """``google.cloud.tpu_v2``, without the Python-version FutureWarning it prints."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        from google.cloud import tpu_v2

    return tpu_v2


def make_tpu_client(
    limits: Limits, environ: Mapping[str, str] | None = None
) -> tuple[Any, str | None]:
    """(a ``tpu_v2.TpuClient`` over REST, the ADC project or ``None``)."""
    env = os.environ if environ is None else environ
    tpu_v2 = import_tpu_v2()
    emulator = env.get(TPU_EMULATOR_ENV)
    if emulator:
        from google.api_core.client_options import ClientOptions
        from google.auth.credentials import AnonymousCredentials

        endpoint = emulator if "://" in emulator else f"http://{emulator}"
        client = tpu_v2.TpuClient(
            transport="rest",
            credentials=AnonymousCredentials(),  # type: ignore[no-untyped-call]
            client_options=ClientOptions(api_endpoint=endpoint),
        )
        return client, None
    import google.auth
    from google.auth.exceptions import DefaultCredentialsError, GoogleAuthError

    try:
        credentials, project = google.auth.default(scopes=SCOPES)
    except DefaultCredentialsError as exc:
        raise CredentialsError(
            f"Google Cloud credentials not found: Application Default Credentials are not set "
            f"up ({_first_sentence(exc)}). {CREDENTIALS_HELP}"
        ) from None
    except GoogleAuthError as exc:
        raise CredentialsError(
            f"Google Cloud credentials unusable: {_first_sentence(exc)}. {CREDENTIALS_HELP}"
        ) from None
    return tpu_v2.TpuClient(transport="rest", credentials=credentials), project


def _first_sentence(exc: BaseException) -> str:
    return str(exc).split(". ")[0].rstrip(".")


class TpuApi:
    """The three TPU API questions preflight asks, with retries and error mapping.

    Once a call fails after retries, later calls fail at once with the same reason.
    """

    def __init__(self, client: Any, project: str, limits: Limits) -> None:
        from google.api_core import exceptions as gex
        from google.api_core import retry as gretry
        from requests import exceptions as rex

        self.client = client
        self.project = project
        self.limits = limits
        self._retry = gretry.Retry(
            predicate=gretry.if_exception_type(
                gex.TooManyRequests,
                gex.InternalServerError,
                gex.BadGateway,
                gex.ServiceUnavailable,
                gex.GatewayTimeout,
                rex.ConnectionError,
                rex.Timeout,
            ),
            initial=limits.backoff_seconds,
            maximum=MAX_BACKOFF_SECONDS,
            multiplier=2.0,
            timeout=limits.deadline_seconds,
        )
        self._broken: ServiceFailure | None = None

    def _kw(self) -> dict[str, Any]:
        return {"retry": self._retry, "timeout": self.limits.timeout_seconds}

    def zones(self, region: str) -> list[str]:
        """TPU zones of ``region`` (``tpu.locations.list``)."""

        def run() -> list[str]:
            out: list[str] = []
            token = ""
            while True:
                request = {"name": f"projects/{self.project}", "page_token": token}
                page = self.client.list_locations(request=request, **self._kw())
                out.extend(loc.location_id for loc in page.locations)
                token = page.next_page_token
                if not token:
                    return sorted(z for z in out if z.startswith(f"{region}-"))

        return self._call("tpu.locations.list", f"projects/{self.project}", run)

    def accelerator_types(self, zone: str) -> list[str]:
        return self._in_zone(
            "tpu.acceleratortypes.list", zone, self.client.list_accelerator_types, "type_"
        )

    def runtime_versions(self, zone: str) -> list[str]:
        return self._in_zone(
            "tpu.runtimeversions.list", zone, self.client.list_runtime_versions, "version"
        )

    def _in_zone(self, api: str, zone: str, method: Any, field: str) -> list[str]:
        """One field of every item a zone-level list method returns (all pages)."""
        parent = f"projects/{self.project}/locations/{zone}"
        return self._call(
            api, zone, lambda: [str(getattr(x, field)) for x in method(parent=parent, **self._kw())]
        )

    def _call(self, api: str, where: str, run: Callable[[], T]) -> T:
        from google.api_core import exceptions as gex
        from google.auth import exceptions as gaex
        from requests import exceptions as rex

        if self._broken is not None:
            raise self._broken.again(api)
        try:
            answer = run()
            note_answer(api, where, answer)
            return answer
        except (gex.RetryError, gex.ServerError, gex.TooManyRequests, rex.RequestException) as exc:
            self._broken = ServiceFailure(api, where, self._reason(exc))
            raise self._broken from None
        except (gex.Unauthorized, gaex.RefreshError, gaex.DefaultCredentialsError) as exc:
            raise CredentialsError(
                f"Google Cloud rejected the credentials calling {api} ({exc}). {CREDENTIALS_HELP}"
            ) from None
        except gex.Forbidden as exc:
            raise AccessDenied(
                api, where, _first_sentence(exc), f"{api} (roles/tpu.viewer has it) on the project"
            ) from None
        except (gex.GoogleAPICallError, CredentialsError):
            raise
        except Exception as exc:  # a 200 whose body is not this API's answer
            raise MalformedAnswer(api, where, f"{type(exc).__name__}: {exc}") from None

    def _reason(self, exc: BaseException) -> str:
        from google.api_core import exceptions as gex
        from requests import exceptions as rex

        retried = f"retried for {self.limits.deadline_seconds:g} s"
        cause = exc.cause if isinstance(exc, gex.RetryError) else exc
        if isinstance(cause, rex.Timeout):
            return f"timed out ({self.limits.timeout_seconds:g} s per attempt; {retried})"
        if isinstance(cause, gex.TooManyRequests):
            return f"throttled (HTTP 429: {_api_message(cause)}; {retried})"
        if isinstance(cause, gex.GoogleAPICallError):
            return f"HTTP {cause.code} ({_api_message(cause)}; {retried})"
        return f"no connection ({cause}; {retried})"


def _api_message(exc: Any) -> str:
    """The server's message without the ``GET https://...: `` prefix REST errors carry."""
    return _REQUEST_PREFIX.sub("", str(exc.message))


_REQUEST_PREFIX = re.compile(r"^[A-Z]+ \S+: ")


def resolve_project(
    spec_project: str | None, adc_project: str | None, env: Mapping[str, str]
) -> str:
    """The project to ask about: the spec's, else the ADC one, else ``GOOGLE_CLOUD_PROJECT``."""
    project = spec_project or adc_project or env.get(PROJECT_ENV)
    if not project:
        raise ConfigError(
            "no Google Cloud project to check TPUs in. To fix: set deploy.gcp.project in the "
            f"spec, or {PROJECT_ENV}, or `gcloud config set project PROJECT`"
        )
    return project


def tpu_api_factory(
    limits: Limits, environ: Mapping[str, str] | None = None
) -> Callable[[str | None], TpuApi]:
    """A factory the GCP checker calls on its first TPU candidate (with the spec's project),
    so runs without TPU candidates never touch Google credentials."""
    env = os.environ if environ is None else environ

    def build(spec_project: str | None) -> TpuApi:
        client, adc_project = make_tpu_client(limits, env)
        return TpuApi(client, resolve_project(spec_project, adc_project, env), limits)

    return build
