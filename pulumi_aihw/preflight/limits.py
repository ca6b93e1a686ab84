"""Time limits and retries for cloud API calls, shared by AWS and Google Cloud.

AWS calls use botocore's own retries (``standard`` or ``adaptive`` mode, at most
``max_attempts`` attempts, each bounded by ``timeout_seconds`` for connect and
read). Google calls use google-api-core's retry, which is bounded by time, not
attempts: each attempt gets ``timeout_seconds`` and retries stop once
``max_attempts x timeout_seconds`` has passed. Both back off exponentially.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from pulumi_aihw.errors import ConfigError

TIMEOUT_ENV = "AIHW_PREFLIGHT_TIMEOUT_SECONDS"
MAX_ATTEMPTS_ENV = "AIHW_PREFLIGHT_MAX_ATTEMPTS"
RETRY_MODE_ENV = "AIHW_PREFLIGHT_RETRY_MODE"

RETRY_MODES = ("standard", "adaptive")
DEFAULT_TIMEOUT_SECONDS = 10.0
DEFAULT_MAX_ATTEMPTS = 4
MAX_TIMEOUT_SECONDS = 300.0
MAX_ATTEMPTS_LIMIT = 20


@dataclass(frozen=True, slots=True)
class Limits:
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS
    """Per request: AWS connect and read timeouts; the Google per-attempt timeout."""
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    """AWS: attempts per call, the first included. Google: see ``deadline_seconds``."""
    retry_mode: str = "standard"
    """botocore retry mode: ``standard`` or ``adaptive`` (client-side rate limiting)."""
    backoff_seconds: float = 1.0
    """Google: first retry delay (doubles up to 10 s). AWS uses botocore's own backoff."""

    def __post_init__(self) -> None:
        if not 0 < self.timeout_seconds <= MAX_TIMEOUT_SECONDS:
            raise ConfigError(
                f"timeout_seconds must be above 0 and at most {MAX_TIMEOUT_SECONDS:g}, "
                f"got {self.timeout_seconds:g}"
            )
        if not 1 <= self.max_attempts <= MAX_ATTEMPTS_LIMIT:
            raise ConfigError(
                f"max_attempts must be 1 to {MAX_ATTEMPTS_LIMIT}, got {self.max_attempts}"
            )
        if self.retry_mode not in RETRY_MODES:
            raise ConfigError(
                f"retry mode '{self.retry_mode}' is not one of: {', '.join(RETRY_MODES)}"
            )
        if self.backoff_seconds <= 0:
            raise ConfigError(f"backoff_seconds must be above 0, got {self.backoff_seconds:g}")

    @property
    def deadline_seconds(self) -> float:
        """Google: total time for one call, retries included."""
        return self.timeout_seconds * self.max_attempts


def limits_from_env(environ: Mapping[str, str] | None = None) -> Limits:
    """Limits from ``AIHW_PREFLIGHT_*`` variables (defaults where unset), for
    ``aihw plan --preflight``, which has no per-limit options."""
    env = os.environ if environ is None else environ
    timeout = _number(env, TIMEOUT_ENV, float, DEFAULT_TIMEOUT_SECONDS)
    attempts = int(_number(env, MAX_ATTEMPTS_ENV, int, DEFAULT_MAX_ATTEMPTS))
    mode = env.get(RETRY_MODE_ENV) or "standard"
    try:
        return Limits(timeout_seconds=timeout, max_attempts=attempts, retry_mode=mode)
    except ConfigError as exc:
        raise ConfigError(f"{exc} (from the {_PREFIX}* environment variables)") from None


_PREFIX = "AIHW_PREFLIGHT_"


def _number(
    env: Mapping[str, str], name: str, kind: type[float] | type[int], default: float
) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return kind(raw)
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        raise ConfigError(
            f"{name}='{raw}' is not {what}. To fix: e.g. {name}={default:g}"
        ) from None
