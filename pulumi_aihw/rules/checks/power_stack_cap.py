"""AIHW-POWER-001: the stack's total power over a configured cap."""

from __future__ import annotations

from collections.abc import Iterable

from pulumi_aihw.rules.checks.common import figure, kw
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
            if hw.kind == "reservation":
                continue  # reserved capacity draws power only through what runs on it
            try:
                drawn = hw.power()
            except Unevaluable as exc:
                stack.unevaluated.append(exc.reason)
                continue
            if drawn is None or drawn.cap_kw is None:
                unknown.append(f"{hw.resource.name} ({hw.label})")
                continue
            value = drawn.cap_kw
            total += value
            ranged = ranged or value != drawn.kw
            shown = f"up to {kw(value)} ({drawn.label()})" if value != drawn.kw else kw(value)
            parts.append(f"{hw.resource.name} {shown}{figure(hw)}")
        later = list(dict.fromkeys(stack.unevaluated))
        missing = [f"power unknown for {', '.join(unknown)}"] if unknown else []
        missing += [f"not known during preview: {'; '.join(later)}"] if later else []
        high = "; estimates and measurements counted at their high end" if ranged else ""
        if total > cap:
            extra = f"; not counted: {'; '.join(missing)}" if missing else ""
            msg = f"the stack draws {kw(total)} > cap {cap:g} kW ({', '.join(parts)}){extra}{high}"
            return [StackIssue(msg, stack.ref)]
        if unknown:
            known = f"; the rest draws {kw(total)}" if parts else ""
            raise Unevaluable(
                f"{'; '.join(missing)} (no power figure or basis; never counted as 0 kW)"
                f"{known}: the cap of {cap:g} kW cannot be checked"
            )
        if later:
            raise Unevaluable("; ".join(later))
        return []
