"""Policy rules over resource facts: lock-in, power and cost.

Plain code (no Pulumi, no pulumi_policy): :mod:`pulumi_aihw.crossguard` adapts them to
a CrossGuard policy pack, and ``aihw check`` runs that same pack in-process.
"""

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
