"""Options shared by the commands that ask the clouds (``preflight``, ``catalog
refresh``): time limits and retries, also settable by environment variables."""

from __future__ import annotations

from typing import Annotated

import typer

from pulumi_aihw.preflight.limits import (
    DEFAULT_MAX_ATTEMPTS,
    DEFAULT_TIMEOUT_SECONDS,
    MAX_ATTEMPTS_ENV,
    RETRY_MODE_ENV,
    TIMEOUT_ENV,
    Limits,
)

TimeoutSeconds = Annotated[
    float,
    typer.Option(
        "--timeout-seconds",
        metavar="SECONDS",
        envvar=TIMEOUT_ENV,
        help="Per request: AWS connect/read timeout and Google per-attempt timeout.",
    ),
]
MaxAttempts = Annotated[
    int,
    typer.Option(
        "--max-attempts",
        metavar="N",
        envvar=MAX_ATTEMPTS_ENV,
        help="AWS attempts per call (botocore retries); Google retries for "
        "max-attempts x timeout-seconds.",
    ),
]
RetryMode = Annotated[
    str,
    typer.Option(
        "--retry-mode",
        metavar="MODE",
        envvar=RETRY_MODE_ENV,
        help="botocore retry mode: standard or adaptive.",
    ),
]

DEFAULTS = (DEFAULT_TIMEOUT_SECONDS, DEFAULT_MAX_ATTEMPTS, "standard")


def limits_of(timeout_seconds: float, max_attempts: int, retry_mode: str) -> Limits:
    """Validated limits (bad values are a ConfigError, exit 2)."""
    return Limits(timeout_seconds=timeout_seconds, max_attempts=max_attempts, retry_mode=retry_mode)
