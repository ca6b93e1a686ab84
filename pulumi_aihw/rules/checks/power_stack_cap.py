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
        total, parts, unknown, ranged = 0.0, [], [], False
        for hw in stack.deployed:
            try:
                figure = hw.power()
            except Unevaluable as exc:
                stack.unevaluated.append(exc.reason)
                continue
            if figure is None or figure.cap_kw is None:
                unknown.append(hw.label)
                continue
            value = figure.cap_kw
            total += value
            shown = f"up to {kw(value)} ({figure.label()})" if value != figure.kw else kw(value)
            ranged = ranged or value != figure.kw
            parts.append(f"{hw.resource.name} {shown}")
        if total > cap:
            extra = f"; power unknown and not counted: {', '.join(unknown)}" if unknown else ""
            high = "; estimates and measurements counted at their high end" if ranged else ""
            msg = f"the stack draws {kw(total)} > cap {cap:g} kW ({', '.join(parts)}){extra}{high}"
            return [StackIssue(msg, stack.ref)]
        if unknown:
            stack.unevaluated.append(
                f"cannot evaluate the {cap:g} kW cap: no power figure or basis for "
                f"{', '.join(unknown)} (never counted as 0 kW)"
            )
        if stack.unevaluated:
            raise Unevaluable("; ".join(dict.fromkeys(stack.unevaluated)))
        return []
