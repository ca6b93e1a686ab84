"""AIHW-COST-001: monthly cost over budget."""

from __future__ import annotations

from collections.abc import Iterable

from pulumi_aihw.rules.common import not_a_template, usd
from pulumi_aihw.rules.hardware import Hardware
from pulumi_aihw.rules.model import (
    ConfigKey,
    Context,
    Enforcement,
    NotApplicable,
    ResourceRule,
    Settings,
    Severity,
)


class OverBudget(ResourceRule):
    id = "AIHW-COST-001"
    name = "aihw-cost-over-budget"
    title = "Monthly cost over budget"
    description = "The workload's monthly cost is above its budget."
    severity = Severity.HIGH
    enforcement = Enforcement.MANDATORY
    remediation = (
        "Re-plan within the budget (`aihw plan` rejects candidates over "
        "`constraints.max_usd_per_month`), use spot or fewer hours a day, or raise the budget "
        "with its owner."
    )
    config = (
        ConfigKey(
            "maxUsdPerMonth",
            {"type": ["number", "null"], "minimum": 0},
            None,
            "Budget per resource written by hand, and for workloads whose spec sets none; "
            "null: only spec budgets are checked.",
        ),
    )
    spec_field = ("constraints", "max_usd_per_month")

    def check(self, hw: Hardware, settings: Settings, ctx: Context) -> Iterable[str]:
        not_a_template(hw)
        spec_budget = hw.spec.constraints.max_usd_per_month if hw.spec is not None else None
        budget = spec_budget if spec_budget is not None else settings["maxUsdPerMonth"]
        if budget is None:
            raise NotApplicable("no budget (constraints.max_usd_per_month or maxUsdPerMonth)")
        cost = hw.usd_per_month()
        if cost is None:
            raise NotApplicable("price unknown (aihw-cost-price-unknown reports it)")
        if cost <= budget:
            return []
        source = "constraints.max_usd_per_month" if spec_budget is not None else "maxUsdPerMonth"
        return [
            f"{hw.label} costs {usd(cost)}/month ({hw.purchase}) > budget {usd(budget)}/month "
            f"({source})"
        ]
