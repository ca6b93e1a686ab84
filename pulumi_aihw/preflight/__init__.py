"""Preflight: ask AWS and Google Cloud whether planned hardware can be deployed now.

The core of this package (models, limits, runner, filter) imports no cloud SDK;
the AWS and Google adapters import boto3 and google-cloud-tpu when first used.
Names load on first use, so importing a submodule stays cheap. See docs/preflight.md.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS: dict[str, str] = {
    "CandidateChecks": "pulumi_aihw.preflight.models",
    "Check": "pulumi_aihw.preflight.models",
    "CheckName": "pulumi_aihw.preflight.models",
    "Checker": "pulumi_aihw.preflight.runner",
    "Limits": "pulumi_aihw.preflight.limits",
    "PreflightReport": "pulumi_aihw.preflight.models",
    "Status": "pulumi_aihw.preflight.models",
    "candidates_to_check": "pulumi_aihw.preflight.runner",
    "filter_plan": "pulumi_aihw.preflight.filter",
    "limits_from_env": "pulumi_aihw.preflight.limits",
    "run_preflight": "pulumi_aihw.preflight.runner",
}

__all__ = [
    "CandidateChecks",
    "Check",
    "CheckName",
    "Checker",
    "Limits",
    "PreflightReport",
    "Status",
    "candidates_to_check",
    "filter_plan",
    "limits_from_env",
    "run_preflight",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pulumi_aihw.preflight' has no attribute '{name}'")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from pulumi_aihw.preflight.filter import filter_plan
    from pulumi_aihw.preflight.limits import Limits, limits_from_env
    from pulumi_aihw.preflight.models import (
        CandidateChecks,
        Check,
        CheckName,
        PreflightReport,
        Status,
    )
    from pulumi_aihw.preflight.runner import Checker, candidates_to_check, run_preflight
