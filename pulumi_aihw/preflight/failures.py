"""Errors a cloud call can end in, shared by the AWS and Google Cloud adapters.

- :class:`ServiceFailure`: the API failed after retries (throttling, HTTP 5xx,
  timeout, connection): the question is unanswered; the command exits 3.
- :class:`AccessDenied`: the credentials work but lack a read permission; the
  check becomes a warning naming the permission.
- Missing or rejected credentials raise :class:`~pulumi_aihw.errors.CredentialsError`
  (exit 2) and stop the run: no check can be answered without them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from pulumi_aihw.errors import CredentialsError, ExternalServiceError
from pulumi_aihw.preflight.models import Check, CheckName, Status

RETRY_HINT = (
    "To fix: retry later; if it persists, raise --max-attempts or --timeout-seconds "
    "(or AIHW_PREFLIGHT_MAX_ATTEMPTS / AIHW_PREFLIGHT_TIMEOUT_SECONDS)"
)


class ServiceFailure(ExternalServiceError):
    """A cloud API call failed after retries. Exit code 3."""

    def __init__(self, api: str, where: str, reason: str, *, skipped: bool = False) -> None:
        self.api = api
        """The API action, e.g. ``ec2:DescribeInstanceTypes`` or ``tpu.acceleratorTypes.list``."""
        self.where = where
        self.reason = reason
        self.skipped = skipped
        if skipped:
            text = (
                f"{api} in {where} not called: an earlier call to the same service failed "
                f"({reason}). {RETRY_HINT}"
            )
        else:
            text = f"{api} in {where} failed after retries: {reason}. {RETRY_HINT}"
        super().__init__(text)

    def again(self, api: str) -> ServiceFailure:
        """The failure to report for a later call to the same (broken) service."""
        return ServiceFailure(api, self.where, self.reason, skipped=True)


class AccessDenied(CredentialsError):
    """The credentials lack a read permission; the check cannot be answered."""

    def __init__(self, api: str, where: str, detail: str, grant: str) -> None:
        self.api = api
        super().__init__(
            f"not allowed to call {api} in {where} ({detail}). To fix: grant {grant} "
            "(read-only; see docs/preflight.md)"
        )


def guard(name: CheckName, run: Callable[[], Check]) -> Check:
    """Run one check; a call that failed after retries or was forbidden becomes that
    check's answer (credential errors propagate: they stop the run)."""
    try:
        return run()
    except ServiceFailure as exc:
        return Check(name, Status.FAIL, str(exc), service_error=True)
    except AccessDenied as exc:
        return Check(name, Status.WARN, f"not checked: {exc}")
    except Exception as exc:
        answer = _cloud_answer(exc)
        if answer is None:
            raise
        return Check(name, Status.WARN, f"not checked: unexpected answer from the cloud: {answer}")


def _cloud_answer(exc: Exception) -> str | None:
    """The text of an API error answer (botocore ``ClientError``, google-api-core
    ``GoogleAPICallError``); ``None`` for anything else. Looked up in ``sys.modules``
    so this module never imports a cloud SDK."""
    bce = sys.modules.get("botocore.exceptions")
    if bce is not None and isinstance(exc, bce.ClientError):
        return str(exc)
    gex = sys.modules.get("google.api_core.exceptions")
    if gex is not None and isinstance(exc, gex.GoogleAPICallError):
        return str(exc)
    return None
