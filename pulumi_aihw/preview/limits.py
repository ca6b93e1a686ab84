"""Limits of an isolated stack run, importable without Pulumi (the CLI's help reads
them): time, memory, and the environment a stack's program may see."""

from __future__ import annotations

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
