"""AIHW-COST-006: the deployed hardware meets the demand or deadline only if it performs
at the optimistic end of the planner's estimate."""

from __future__ import annotations

from collections.abc import Iterable

from pulumi_aihw.planner.sizing import optimistic_warnings
from pulumi_aihw.rules.checks.common import deployed_candidate, spec_of
from pulumi_aihw.rules.facts.hardware import Hardware
from pulumi_aihw.rules.model import (
    Context,
    Enforcement,
    NotApplicable,
    ResourceRule,
    Settings,
    Severity,
)


class OptimisticEstimate(ResourceRule):
    id = "AIHW-COST-006"
    name = "aihw-cost-optimistic-estimate"
    title = "Demand met only at the optimistic end of the estimate"
    description = (
        "The deployed accelerators meet the workload's demand (or training deadline) only if "
        "they perform at the optimistic end of the planner's estimate range, which comes "
        "from measured results of the accelerator's family (docs/sizing.md)."
    )
    severity = Severity.MEDIUM
    enforcement = Enforcement.ADVISORY
    remediation = (
        "Deploy more units (or drop the pin and re-plan), or measure the workload on this "
        "hardware and lower the demand if it holds."
    )
    config = ()
    spec_field = ("demand",)

    def check(self, hw: Hardware, settings: Settings, ctx: Context) -> Iterable[str]:
        spec_of(hw, "demand or deadline")
        current = deployed_candidate(hw, ctx.catalog)
        if current is None:
            raise NotApplicable("the deployed offering is not in the catalog")
        return [f"{hw.label}: {w}" for w in optimistic_warnings(current.warnings)]
