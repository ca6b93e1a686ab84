"""boto3 plumbing: one session from the standard credential chain, clients with
botocore retries and timeouts, and cloud errors mapped to ours.

Endpoints follow boto3's own configuration, so ``AWS_ENDPOINT_URL`` and
``AWS_ENDPOINT_URL_<SERVICE>`` (e.g. ``AWS_ENDPOINT_URL_SERVICE_QUOTAS``) point
the checks at a local fake or a private endpoint.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from pulumi_aihw.errors import CredentialsError
from pulumi_aihw.preflight.failures import (
    AccessDenied,
    MalformedAnswer,
    ServiceFailure,
    note_answer,
)
from pulumi_aihw.preflight.limits import Limits

CREDENTIALS_HELP = (
    "To fix: set AWS_PROFILE to a profile with the read-only permissions in "
    "docs/preflight.md, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (plus "
    "AWS_SESSION_TOKEN for temporary credentials); `aws sts get-caller-identity` shows "
    "what the standard chain finds"
)

IAM_PREFIX = {"ec2": "ec2", "service-quotas": "servicequotas", "pricing": "pricing"}
"""boto3 service name -> IAM action prefix, for messages naming a permission."""

THROTTLING_CODES = frozenset(
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "RequestThrottled",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "SlowDown",
        "PriorRequestNotComplete",
        "RequestTimeout",
        "RequestTimeoutException",
    }
)
REJECTED_CREDENTIAL_CODES = frozenset(
    {
        "AuthFailure",
        "UnrecognizedClientException",
        "InvalidClientTokenId",
        "ExpiredToken",
        "ExpiredTokenException",
        "RequestExpired",
        "InvalidSignatureException",
        "SignatureDoesNotMatch",
        "IncompleteSignature",
        "MissingAuthenticationToken",
    }
)
DENIED_CODES = frozenset(
    {"UnauthorizedOperation", "AccessDenied", "AccessDeniedException", "OptInRequired"}
)


def error_code(exc: BaseException) -> str | None:
    """The AWS error code of a botocore ``ClientError`` (``None`` for anything else)."""
    response = getattr(exc, "response", None)
    if not isinstance(response, dict):
        return None
    code = response.get("Error", {}).get("Code")
    return str(code) if code else None


class AwsClients:
    """boto3 clients for one run, created on first use and cached per service and region.

    Creating it resolves credentials (standard chain: environment, profile, SSO,
    container or instance role); none found raises :class:`CredentialsError`. A
    service that fails after retries in a region is not called again in this run:
    later calls fail at once with the same reason.
    """

    def __init__(self, limits: Limits, session: Any | None = None) -> None:
        import botocore.exceptions as bce
        from botocore.config import Config

        self.limits = limits
        try:
            if session is None:
                import boto3

                session = boto3.session.Session()
            credentials = session.get_credentials()
        except bce.ProfileNotFound as exc:
            raise CredentialsError(f"AWS profile not found: {exc}. {CREDENTIALS_HELP}") from None
        except (bce.BotoCoreError, ValueError) as exc:
            raise CredentialsError(f"AWS credentials unusable: {exc}. {CREDENTIALS_HELP}") from None
        if credentials is None:
            raise CredentialsError(
                "AWS credentials not found: the standard chain (environment variables, "
                f"AWS_PROFILE and ~/.aws files, SSO, container or instance role) has none. "
                f"{CREDENTIALS_HELP}"
            )
        self._session = session
        self._config = Config(
            retries={"mode": limits.retry_mode, "total_max_attempts": limits.max_attempts},
            connect_timeout=limits.timeout_seconds,
            read_timeout=limits.timeout_seconds,
        )
        self._clients: dict[tuple[str, str], Any] = {}
        self._broken: dict[tuple[str, str], ServiceFailure] = {}

    def client(self, service: str, region: str) -> Any:
        key = (service, region)
        if key not in self._clients:
            client = self._session.client(service, region_name=region, config=self._config)
            client.meta.events.register("after-call", _remember_body)
            self._clients[key] = client
        return self._clients[key]

    def call(self, service: str, region: str, operation: str, **params: Any) -> dict[str, Any]:
        """Call ``operation`` (its API name, e.g. ``DescribeInstanceTypes``); paginated
        operations are read to the end. Raises :class:`ServiceFailure`,
        :class:`AccessDenied`, :class:`CredentialsError`, or the botocore
        ``ClientError`` for answers the caller interprets (e.g. not found)."""
        from botocore import xform_name

        api = f"{IAM_PREFIX.get(service, service)}:{operation}"
        broken = self._broken.get((service, region))
        if broken is not None:
            raise broken.again(api)
        client = self.client(service, region)
        method = xform_name(operation)
        _BODY.set(None)
        try:
            if client.can_paginate(method):
                result = client.get_paginator(method).paginate(**params).build_full_result()
            else:
                result = getattr(client, method)(**params)
        except Exception as exc:
            mapped = self._map_error(exc, api, region)
            if mapped is None:
                raise
            if isinstance(mapped, ServiceFailure) and not isinstance(mapped, MalformedAnswer):
                self._broken[(service, region)] = mapped
            raise mapped from None
        body = _BODY.get()
        if not isinstance(result, dict):
            raise MalformedAnswer(api, region, body or result)
        note_answer(api, region, body if body is not None else result)
        return dict(result)

    def _map_error(self, exc: Exception, api: str, region: str) -> Exception | None:
        import botocore.exceptions as bce

        if isinstance(exc, bce.ClientError):
            return _client_error(exc, api, region)
        from botocore.parsers import ResponseParserError

        if isinstance(exc, ResponseParserError):  # a 200 with garbage, HTML, nothing
            return MalformedAnswer(api, region, str(exc).split(":", 1)[-1])
        if isinstance(exc, (bce.ReadTimeoutError, bce.ConnectTimeoutError)):
            return ServiceFailure(
                api,
                region,
                f"timed out ({self.limits.timeout_seconds:g} s per attempt, "
                f"{self.limits.max_attempts} attempts)",
            )
        if isinstance(exc, (bce.HTTPClientError, bce.ConnectionError)):
            return ServiceFailure(
                api,
                region,
                f"no connection after {self.limits.max_attempts} attempts ({exc})",
            )
        if isinstance(
            exc,
            (
                bce.NoCredentialsError,
                bce.PartialCredentialsError,
                bce.CredentialRetrievalError,
                bce.TokenRetrievalError,
                bce.SSOError,
            ),
        ):
            return CredentialsError(f"AWS credentials unusable: {exc}. {CREDENTIALS_HELP}")
        return None


_BODY: ContextVar[str | None] = ContextVar("aihw_aws_body", default=None)


def _remember_body(http_response: Any = None, **_: Any) -> None:
    """botocore's ``after-call`` hook: keep the start of the raw body, to quote an answer
    that parsed into nothing useful (an HTML page parses as an empty result)."""
    content = getattr(http_response, "content", b"") or b""
    _BODY.set(content[:400].decode("utf-8", "replace") if content else "(an empty body)")


def _client_error(exc: Exception, api: str, region: str) -> Exception | None:
    response: dict[str, Any] = getattr(exc, "response", {})
    code = error_code(exc) or ""
    message = str(response.get("Error", {}).get("Message") or "").strip()
    meta = response.get("ResponseMetadata", {})
    status = int(meta.get("HTTPStatusCode") or 0)
    attempts = int(meta.get("RetryAttempts") or 0) + 1
    detail = f"{code}: {message}" if message else code or f"HTTP {status}"
    if code in THROTTLING_CODES or status == 429:
        return ServiceFailure(api, region, f"throttled after {attempts} attempts ({detail})")
    if status >= 500:
        return ServiceFailure(api, region, f"HTTP {status} after {attempts} attempts ({detail})")
    if code in REJECTED_CREDENTIAL_CODES:
        return CredentialsError(f"AWS rejected the credentials ({detail}). {CREDENTIALS_HELP}")
    if code in DENIED_CODES:
        return AccessDenied(api, region, detail, api)
    return None
