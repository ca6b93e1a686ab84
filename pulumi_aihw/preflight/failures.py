"""Errors a cloud call can end in, shared by the AWS and Google Cloud adapters.

- :class:`ServiceFailure`: the API failed after retries (throttling, HTTP 5xx,
  timeout, connection): the question is unanswered; the command exits 3.
- :class:`MalformedAnswer`: the API answered, but not with a response of its kind
  (garbage, an HTML page, an empty body, a wrong shape): exit 3, quoting what came.
- :class:`AccessDenied`: the credentials work but lack a read permission; the
  check becomes a warning naming the permission, and a run where every call was
  denied exits 2.
- Missing or rejected credentials raise :class:`~pulumi_aihw.errors.CredentialsError`
  (exit 2) and stop the run: no check can be answered without them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextvars import ContextVar

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


RECEIVED_CHARS = 200
"""How much of a malformed answer a message quotes."""


def received(data: object) -> str:
    """What came back, for a message: one line, at most :data:`RECEIVED_CHARS`."""
    text = " ".join(str(data).split())
    return text if len(text) <= RECEIVED_CHARS else text[:RECEIVED_CHARS] + "..."


class MalformedAnswer(ServiceFailure):
    """The API answered with something that is not its response. Exit code 3."""

    def __init__(self, api: str, where: str, data: object) -> None:
        super().__init__(api, where, f"not a valid answer (received: {received(data)})")
        self.args = (
            f"{api} in {where} answered with something that is not a valid answer (received: "
            f"{received(data)}). To fix: check the endpoint (AWS_ENDPOINT_URL*, a proxy) and "
            "retry later",
        )

    def __str__(self) -> str:
        return str(self.args[0])


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
    LAST_ANSWER.set(None)
    try:
        return run()
    except ServiceFailure as exc:
        return Check(name, Status.FAIL, str(exc), service_error=True)
    except AccessDenied as exc:
        return Check(name, Status.WARN, f"not checked: {exc}", denied=True)
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        # An answer of the wrong shape (a field missing, a string for a list). A check
        # reads only what the cloud sent, so it is the answer, not a bug here.
        last = LAST_ANSWER.get()
        api, where, data = last if last is not None else ("the cloud API", "?", repr(exc))
        failure = MalformedAnswer(api, where, data)
        return Check(name, Status.FAIL, str(failure), service_error=True)
    except Exception as exc:
        answer = _cloud_answer(exc)
        if answer is None:
            raise
        return Check(name, Status.WARN, f"not checked: unexpected answer from the cloud: {answer}")


LAST_ANSWER: ContextVar[tuple[str, str, object] | None] = ContextVar(
    "aihw_last_answer", default=None
)
"""The API, place and answer (the raw body where the SDK shows it) of the last cloud call
in this context, quoted when a check cannot read it."""


def note_answer(api: str, where: str, data: object) -> None:
    """Remember the answer of a cloud call (the adapters call this)."""
    LAST_ANSWER.set((api, where, data))


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
