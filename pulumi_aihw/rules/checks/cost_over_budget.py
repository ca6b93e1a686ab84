"""AIHW-COST-001: monthly cost over budget."""

from __future__ import annotations

from collections.abc import Iterable

from pulumi_aihw.planner.economics import monthly_spend
from pulumi_aihw.rules.checks.common import (
    figure,
    not_a_template,
    price_note,
    price_region,
    unknown_offering,
    usd,
)
from pulumi_aihw.rules.facts.hardware import Hardware
from pulumi_aihw.rules.model import (
    ConfigKey,
    Context,
    Enforcement,
    NotApplicable,
    ResourceRule,
    Settings,
    Severity,
    Unevaluable,
)


class OverBudget(ResourceRule):
    id = "AIHW-COST-001"
    name = "aihw-cost-over-budget"
    title = "Cost over budget"
    description = (
        "The workload's monthly cost (for a training run: never more than the whole run) is "
        "above its monthly budget, or a training run costs more than its run budget."
    )
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

    def note(self, hw: Hardware) -> str | None:
        return price_region(hw)

    def check(self, hw: Hardware, settings: Settings, ctx: Context) -> Iterable[str]:
        not_a_template(hw)
        spec_budget = hw.spec.constraints.max_usd_per_month if hw.spec is not None else None
        run_budget = hw.spec.constraints.max_usd_total if hw.spec is not None else None
        budget = spec_budget if spec_budget is not None else settings["maxUsdPerMonth"]
        if budget is None and run_budget is None:
            raise NotApplicable("no budget (constraints.max_usd_per_month or maxUsdPerMonth)")
        total = hw.usd_total()
        cost = monthly_spend(hw.usd_per_month(), total)
        if cost is None:
            if hw.template_ref is not None and hw.offering is None:
                raise NotApplicable("its type is set by the template it launches")
            raise unknown_offering(hw, "cost")
        out = []
        if budget is not None and cost > budget:
            source = (
                "constraints.max_usd_per_month" if spec_budget is not None else "maxUsdPerMonth"
            )
            out.append(
                f"{hw.label} costs {usd(cost)}/month ({hw.purchase}){figure(hw)} > budget "
                f"{usd(budget)}/month ({source}){price_note(hw)}"
            )
        elif budget is not None and hw.at_limit and hw.unpriced_choices():
            raise Unevaluable(
                f"the priced types cost up to {usd(cost)}/month, within the budget, but "
                f"{', '.join(hw.unpriced_choices())} may run too and are not in the catalog"
            )
        if run_budget is not None and total is not None and total > run_budget:
            out.append(
                f"{hw.label} costs {usd(total)} for the training run > budget {usd(run_budget)} "
                "(constraints.max_usd_total)"
            )
        return out
