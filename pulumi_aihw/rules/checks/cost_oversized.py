"""AIHW-COST-003: much more accelerator throughput than the demand, with a cheaper fit."""

from __future__ import annotations

from collections.abc import Iterable

from pulumi_aihw.planner.alternatives import alternatives
from pulumi_aihw.rules.checks.common import (
    deployed_candidate,
    describe,
    inference_demand,
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
)


class Oversized(ResourceRule):
    id = "AIHW-COST-003"
    name = "aihw-cost-oversized"
    title = "Oversized for the demand"
    description = (
        "The deployed accelerators deliver far more throughput than the workload's demand, "
        "and a cheaper feasible candidate meets it."
    )
    severity = Severity.MEDIUM
    enforcement = Enforcement.ADVISORY
    remediation = (
        "Deploy the cheaper candidate named in the finding: drop or change `pin`, or re-plan "
        "(`aihw plan --lock`) if a lock file keeps the old choice."
    )
    config = (
        ConfigKey(
            "oversizeFactor",
            {"type": "number", "minimum": 1},
            2.0,
            "Report when estimated throughput is at least this multiple of the demand.",
        ),
    )
    spec_field = ("pin",)

    def check(self, hw: Hardware, settings: Settings, ctx: Context) -> Iterable[str]:
        spec = inference_demand(hw)
        assert spec.demand is not None
        current = deployed_candidate(hw, ctx.catalog)
        cost = hw.usd_per_month()
        if current is None or current.sizing is None or cost is None:
            raise NotApplicable("the deployed offering or its price is not in the catalog")
        tps = current.sizing.tokens_per_second
        wanted = spec.demand.total_tokens_per_second
        if tps is None or tps < wanted * settings["oversizeFactor"]:
            return []
        plan = alternatives(spec, ctx.catalog)
        cheaper = [
            c
            for c in (plan.feasible if plan else ())
            if c.usd_per_month is not None and c.usd_per_month < cost
        ]
        if not cheaper:
            return []
        alt = min(cheaper, key=lambda c: c.usd_per_month or 0.0)
        assert alt.usd_per_month is not None
        return [
            f"{hw.label} delivers about {tps:,.0f} tokens/s for {wanted:,.0f} wanted "
            f"({tps / wanted:,.1f}x); {describe(alt)} meets the demand for "
            f"{usd(alt.usd_per_month)}/month instead of {usd(cost)} (saves "
            f"{usd(cost - alt.usd_per_month)}/month)"
        ]
