"""AIHW-POWER-001: the stack's total power over a configured cap."""

from __future__ import annotations

from collections.abc import Iterable

from pulumi_aihw.rules.checks.common import kw
from pulumi_aihw.rules.facts.stack import StackView
from pulumi_aihw.rules.model import (
    ConfigKey,
    Context,
    Enforcement,
    NotApplicable,
    Settings,
    Severity,
    StackIssue,
    StackRule,
    Unevaluable,
)


class StackPowerCap(StackRule):
    id = "AIHW-POWER-001"
    name = "aihw-power-stack-cap"
    title = "Stack power over the cap"
    description = "All accelerators and hosts of the stack together draw more than the power cap."
    severity = Severity.HIGH
    enforcement = Enforcement.MANDATORY
    remediation = (
        "Lower the stack's draw: fewer or lower-power accelerators (`aihw plan --objective "
        "power`), or split the workloads over stacks with their own power budget."
    )
    config = (
        ConfigKey(
            "maxStackKw",
            {"type": ["number", "null"], "minimum": 0},
            None,
            "Power cap for the whole stack in kW; null: not checked.",
        ),
    )

    def check(self, stack: StackView, settings: Settings, ctx: Context) -> Iterable[StackIssue]:
        cap = settings["maxStackKw"]
        if cap is None:
            raise NotApplicable("no power cap configured (maxStackKw)")
        total, parts, unknown = 0.0, [], []
        for hw in stack.deployed:
            try:
                value = hw.power_kw()
            except Unevaluable as exc:
                stack.unevaluated.append(exc.reason)
                continue
            if value is None:
                unknown.append(hw.label)
                continue
            total += value
            parts.append(f"{hw.resource.name} {kw(value)}")
        if total > cap:
            extra = f"; power unknown and not counted: {', '.join(unknown)}" if unknown else ""
            msg = f"the stack draws {kw(total)} > cap {cap:g} kW ({', '.join(parts)}){extra}"
            return [StackIssue(msg, stack.ref)]
        if stack.unevaluated:
            raise Unevaluable("; ".join(dict.fromkeys(stack.unevaluated)))
        return []
