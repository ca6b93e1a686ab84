"""Every rule, registered explicitly (never by scanning a directory). Ids never change."""

from __future__ import annotations

from pulumi_aihw.rules.checks.cost_catalog_stale import CatalogStale
from pulumi_aihw.rules.checks.cost_idle_on_demand import IdleOnDemand
from pulumi_aihw.rules.checks.cost_optimistic_estimate import OptimisticEstimate
from pulumi_aihw.rules.checks.cost_over_budget import OverBudget
from pulumi_aihw.rules.checks.cost_oversized import Oversized
from pulumi_aihw.rules.checks.cost_price_unknown import PriceUnknown
from pulumi_aihw.rules.checks.lock_framework_unsupported import FrameworkUnsupported
from pulumi_aihw.rules.checks.lock_irreversible_purchase import IrreversiblePurchase
from pulumi_aihw.rules.checks.lock_single_cloud import SingleCloud
from pulumi_aihw.rules.checks.lock_vendor_sdk_preferred import VendorSdkPreferred
from pulumi_aihw.rules.checks.lock_vendor_sdk_required import VendorSdkRequired
from pulumi_aihw.rules.checks.power_inference_high_tdp import InferenceHighTdp
from pulumi_aihw.rules.checks.power_rack_budget import RackBudget
from pulumi_aihw.rules.checks.power_stack_cap import StackPowerCap
from pulumi_aihw.rules.checks.power_unknown import PowerUnknown
from pulumi_aihw.rules.model import ResourceRule, StackRule

RULES: tuple[ResourceRule | StackRule, ...] = (
    VendorSdkRequired(),
    VendorSdkPreferred(),
    FrameworkUnsupported(),
    SingleCloud(),
    IrreversiblePurchase(),
    StackPowerCap(),
    RackBudget(),
    InferenceHighTdp(),
    PowerUnknown(),
    OverBudget(),
    IdleOnDemand(),
    Oversized(),
    PriceUnknown(),
    CatalogStale(),
    OptimisticEstimate(),
)
"""Every rule of the pack, in report order (lock-in, power, cost)."""


def rule_by_name(name: str) -> ResourceRule | StackRule:
    for rule in RULES:
        if rule.name == name:
            return rule
    raise KeyError(name)


def rule_by_id(rule_id: str) -> ResourceRule | StackRule:
    for rule in RULES:
        if rule.id == rule_id:
            return rule
    raise KeyError(rule_id)
