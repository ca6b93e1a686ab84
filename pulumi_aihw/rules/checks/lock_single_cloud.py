"""AIHW-LOCK-004: an accelerator family sold by one cloud, with no alternative candidate."""

from __future__ import annotations

from collections.abc import Iterable

from pulumi_aihw.planner.alternatives import planned
from pulumi_aihw.rules.checks.common import accelerator_kind
from pulumi_aihw.rules.facts.hardware import Hardware
from pulumi_aihw.rules.model import (
    ConfigKey,
    Context,
    Enforcement,
    ResourceRule,
    Settings,
    Severity,
)
from pulumi_aihw.vocab import Family


class SingleCloud(ResourceRule):
    id = "AIHW-LOCK-004"
    name = "aihw-lock-single-cloud"
    title = "Single-cloud accelerator with no alternative"
    description = (
        "The accelerator family is sold by one cloud only and the workload has no feasible "
        "candidate on another provider."
    )
    severity = Severity.MEDIUM
    enforcement = Enforcement.ADVISORY
    remediation = (
        "Widen `placement.providers` (or relax the constraints that reject the others) until "
        "`aihw plan` shows a feasible candidate elsewhere, so the workload has a way out."
    )
    config = (
        ConfigKey(
            "ignoreFamilies",
            {"type": "array", "items": {"type": "string", "enum": Family.values()}},
            [],
            "Accelerator families whose single-cloud lock-in is accepted.",
        ),
    )
    spec_field = ("placement", "providers")

    def check(self, hw: Hardware, settings: Settings, ctx: Context) -> Iterable[str]:
        acc = accelerator_kind(hw, ctx.catalog)
        only = ctx.catalog.sole_provider(acc.family)
        if only is None or acc.family in settings["ignoreFamilies"]:
            return []
        head = f"{hw.label} runs {acc.family} accelerators ({acc.name}), sold only by {only}"
        if hw.spec is None:
            return [f"{head}; alternatives not checked (no workload spec)"]
        plan = planned(hw.spec, ctx.catalog)
        elsewhere = [c for c in plan.feasible if c.provider != only] if plan else []
        if elsewhere:
            return []
        allowed = hw.spec.placement.providers
        why = f" (placement.providers: {', '.join(map(str, allowed))})" if allowed else ""
        return [f"{head}, and no feasible candidate runs on another provider{why}"]
