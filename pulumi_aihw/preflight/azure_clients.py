"""azure-mgmt-compute plumbing: a ``ComputeManagementClient`` from the standard credential
chain (``DefaultAzureCredential``), azure-core retries and timeouts, and errors mapped to ours.

``AIHW_AZURE_ARM_ENDPOINT=http://127.0.0.1:PORT`` points the client at a local fake ARM
endpoint with no credentials (the convention of ``AIHW_TPU_EMULATOR_HOST``). The subscription
comes from ``AZURE_SUBSCRIPTION_ID`` (or ``ARM_SUBSCRIPTION_ID``, Terraform's name).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from pulumi_aihw.errors import ConfigError, CredentialsError
from pulumi_aihw.preflight.failures import AccessDenied, ServiceFailure
from pulumi_aihw.preflight.limits import Limits

ARM_ENDPOINT_ENV = "AIHW_AZURE_ARM_ENDPOINT"
SUBSCRIPTION_ENVS = ("AZURE_SUBSCRIPTION_ID", "ARM_SUBSCRIPTION_ID")
MAX_BACKOFF_SECONDS = 10.0
CREDENTIALS_HELP = (
    "To fix: run `az login`, or set AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET "
    "(a service principal), or run where a managed identity is attached; the identity needs "
    "the Reader role on the subscription (docs/preflight.md)"
)
GRANT = "Microsoft.Compute/skus/read and Microsoft.Compute/locations/usages/read (the Reader role)"

T = TypeVar("T")


def subscription_id(environ: Mapping[str, str]) -> str:
    for name in SUBSCRIPTION_ENVS:
        if environ.get(name):
            return environ[name]
    raise ConfigError(
        "no Azure subscription to check. To fix: set AZURE_SUBSCRIPTION_ID (e.g. "
        "`export AZURE_SUBSCRIPTION_ID=$(az account show --query id -o tsv)`)"
    )


def default_credential() -> Any:
    """The standard chain: environment, workload identity, managed identity, Azure CLI, ..."""
    from azure.identity import DefaultAzureCredential

    return DefaultAzureCredential(exclude_interactive_browser_credential=True)


def make_compute_client(
    limits: Limits,
    environ: Mapping[str, str] | None = None,
    credential: Any | None = None,
) -> tuple[Any, str]:
    """(a ``ComputeManagementClient`` with our retries and timeouts, its subscription)."""
    from azure.mgmt.compute import ComputeManagementClient

    env = os.environ if environ is None else environ
    subscription = subscription_id(env)
    retry: dict[str, Any] = {
        "retry_total": limits.max_attempts - 1,
        "retry_backoff_factor": limits.backoff_seconds,
        "retry_backoff_max": MAX_BACKOFF_SECONDS,
        "connection_timeout": limits.timeout_seconds,
        "read_timeout": limits.timeout_seconds,
    }
    endpoint = env.get(ARM_ENDPOINT_ENV)
    if endpoint:
        from azure.core.pipeline.policies import SansIOHTTPPolicy

        client = ComputeManagementClient(
            credential=credential or _NoCredential(),
            subscription_id=subscription,
            base_url=endpoint if "://" in endpoint else f"http://{endpoint}",
            authentication_policy=SansIOHTTPPolicy(),  # a local fake takes no token
            **retry,
        )
        return client, subscription
    client = ComputeManagementClient(
        credential=credential or default_credential(), subscription_id=subscription, **retry
    )
    return client, subscription


class _NoCredential:
    """The credential of a local fake endpoint: never asked for a token."""

    def get_token(self, *scopes: str, **kwargs: Any) -> Any:  # pragma: no cover
        raise CredentialsError("a local fake ARM endpoint takes no credentials")


def plain(value: Any) -> Any:
    """SDK models (mutable mappings in azure-mgmt-compute 39) as plain dicts and lists."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


class ComputeApi:
    """The two ARM questions Azure preflight asks, with error mapping.

    Once a call fails after retries, later calls fail at once with the same reason.
    """

    def __init__(self, client: Any, subscription: str, limits: Limits) -> None:
        self.client = client
        self.subscription = subscription
        self.limits = limits
        self._broken: ServiceFailure | None = None

    def skus(self, region: str) -> list[dict[str, Any]]:
        """Virtual machine resource SKUs offered in ``region`` (``Microsoft.Compute/skus``)."""
        return self._call(
            "Microsoft.Compute/skus/read",
            region,
            lambda: [
                plain(s)
                for s in self.client.resource_skus.list(filter=f"location eq '{region}'")
                if plain(s).get("resourceType") == "virtualMachines"
            ],
        )

    def usages(self, region: str) -> list[dict[str, Any]]:
        """vCPU quotas and use in ``region`` (``Microsoft.Compute/locations/usages``)."""
        return self._call(
            "Microsoft.Compute/locations/usages/read",
            region,
            lambda: [plain(u) for u in self.client.usage.list(region)],
        )

    def _call(self, api: str, where: str, run: Callable[[], T]) -> T:
        from azure.core import exceptions as aex

        if self._broken is not None:
            raise self._broken.again(api)
        try:
            return run()
        except aex.ClientAuthenticationError as exc:
            raise CredentialsError(
                f"Azure credentials missing or rejected calling {api} ({_first_line(exc)}). "
                f"{CREDENTIALS_HELP}"
            ) from None
        except aex.HttpResponseError as exc:
            if exc.status_code == 403:
                raise AccessDenied(api, where, _first_line(exc), GRANT) from None
            if exc.status_code is not None and (exc.status_code == 429 or exc.status_code >= 500):
                self._broken = ServiceFailure(api, where, self._reason(exc))
                raise self._broken from None
            raise
        except (aex.ServiceRequestError, aex.ServiceResponseError) as exc:
            self._broken = ServiceFailure(api, where, self._reason(exc))
            raise self._broken from None

    def _reason(self, exc: BaseException) -> str:
        from azure.core import exceptions as aex

        attempts = f"after {self.limits.max_attempts} attempts"
        if isinstance(exc, aex.HttpResponseError):
            kind = "throttled (HTTP 429" if exc.status_code == 429 else f"HTTP {exc.status_code} ("
            sep = ": " if exc.status_code == 429 else ""
            return f"{kind}{sep}{_error_code(exc)}; {attempts})"
        if isinstance(exc, aex.ServiceResponseError) or "timed out" in str(exc).lower():
            return f"timed out ({self.limits.timeout_seconds:g} s per attempt; {attempts})"
        return f"no connection ({_first_line(exc)}; {attempts})"


def _error_code(exc: Any) -> str:
    error = getattr(exc, "error", None)
    code = getattr(error, "code", None)
    message = getattr(error, "message", None)
    if code:
        return f"{code}: {message}" if message else str(code)
    return _first_line(exc)


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def compute_api_factory(
    limits: Limits,
    environ: Mapping[str, str] | None = None,
    credential: Any | None = None,
) -> Callable[[], ComputeApi]:
    """A factory the Azure checker calls on its first candidate, so runs without Azure
    candidates never touch Azure credentials."""

    def build() -> ComputeApi:
        client, subscription = make_compute_client(limits, environ, credential)
        return ComputeApi(client, subscription, limits)

    return build
