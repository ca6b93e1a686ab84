"""Policy rules over resource facts: lock-in, power and cost.

Plain code (no Pulumi, no pulumi_policy): :mod:`pulumi_aihw.crossguard` adapts them to
a CrossGuard policy pack, and ``aihw check`` runs that same pack in-process.

Names load on first use (PEP 562): importing :mod:`pulumi_aihw.rules.model` (the
finding and severity types reports need) does not load every rule and the planner.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS: dict[str, str] = {
    "RULES": "pulumi_aihw.rules.registry",
    "ConfigKey": "pulumi_aihw.rules.model",
    "Context": "pulumi_aihw.rules.model",
    "Enforcement": "pulumi_aihw.rules.model",
    "Finding": "pulumi_aihw.rules.model",
    "Resource": "pulumi_aihw.rules.model",
    "ResourceRef": "pulumi_aihw.rules.model",
    "ResourceRule": "pulumi_aihw.rules.model",
    "Severity": "pulumi_aihw.rules.model",
    "StackRule": "pulumi_aihw.rules.model",
    "Status": "pulumi_aihw.rules.model",
    "SuppressionInfo": "pulumi_aihw.rules.model",
    "evaluate_resource": "pulumi_aihw.rules.engine",
    "evaluate_stack": "pulumi_aihw.rules.engine",
    "merge_configs": "pulumi_aihw.rules.config",
    "parse_config": "pulumi_aihw.rules.config",
    "resolve": "pulumi_aihw.rules.config",
    "rule_by_id": "pulumi_aihw.rules.registry",
    "rule_by_name": "pulumi_aihw.rules.registry",
    "settings": "pulumi_aihw.rules.config",
}

__all__ = [
    "RULES",
    "ConfigKey",
    "Context",
    "Enforcement",
    "Finding",
    "Resource",
    "ResourceRef",
    "ResourceRule",
    "Severity",
    "StackRule",
    "Status",
    "SuppressionInfo",
    "evaluate_resource",
    "evaluate_stack",
    "merge_configs",
    "parse_config",
    "resolve",
    "rule_by_id",
    "rule_by_name",
    "settings",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pulumi_aihw.rules' has no attribute '{name}'")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from pulumi_aihw.rules.config import merge_configs, parse_config, resolve, settings
    from pulumi_aihw.rules.engine import evaluate_resource, evaluate_stack
    from pulumi_aihw.rules.model import (
        ConfigKey,
        Context,
        Enforcement,
        Finding,
        Resource,
        ResourceRef,
        ResourceRule,
        Severity,
        StackRule,
        Status,
        SuppressionInfo,
    )
    from pulumi_aihw.rules.registry import RULES, rule_by_id, rule_by_name
