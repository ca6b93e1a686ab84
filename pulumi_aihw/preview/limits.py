"""Limits of an isolated stack run, importable without Pulumi (the CLI's help reads
them): time, memory, and the environment a stack's program may see."""

from __future__ import annotations

import os
from collections.abc import Iterable

DEFAULT_TIMEOUT_SECONDS = 300.0
"""Time limit of one stack's program (``--timeout-seconds``)."""
DEFAULT_MEMORY_LIMIT_MIB = 2048
"""Address-space limit of one stack's program (``--memory-limit-mib``, ``RLIMIT_AS``);
importing Pulumi and a provider SDK takes about 0.3 GiB of it."""
ENV_ALLOWED = (
    "PATH",
    "HOME",
    "USER",
    "LOGNAME",
    "LANG",
    "LANGUAGE",
    "TZ",
    "TMPDIR",
    "TEMP",
    "TMP",
    "TERM",
    "NO_COLOR",
    "COLUMNS",
    "PYTHONPATH",
    "PYTHONDONTWRITEBYTECODE",
    "PYTHONUTF8",
    "PYTHONIOENCODING",
    "VIRTUAL_ENV",
    "SYSTEMROOT",
    "AIHW_CATALOG",
)
"""Environment variables a program sees (with ``LC_*``); everything else, cloud
credentials and CI tokens included, is dropped. ``--pass-env NAME`` adds names."""


def allowed_environment(pass_env: Iterable[str] = ()) -> dict[str, str]:
    """This process's environment variables a program may see: :data:`ENV_ALLOWED`,
    ``LC_*`` and ``pass_env``."""
    allowed = {*ENV_ALLOWED, *pass_env}
    return {k: v for k, v in os.environ.items() if k in allowed or k.startswith("LC_")}
