"""AIHW-POWER-002: a bare-metal rack over its power budget."""

from __future__ import annotations

from collections.abc import Iterable

from pulumi_aihw.contracts import RACK_POWER_PROPERTY
from pulumi_aihw.rules.checks.common import kw
from pulumi_aihw.rules.facts.stack import StackView
from pulumi_aihw.rules.facts.values import string_map
from pulumi_aihw.rules.model import (
    ConfigKey,
    Context,
    Enforcement,
    NotApplicable,
    ResourceRef,
    Settings,
    Severity,
    StackIssue,
    StackRule,
)


class RackBudget(StackRule):
    id = "AIHW-POWER-002"
    name = "aihw-power-rack-budget"
    title = "Rack over its power budget"
    description = (
        "Servers placed in a bare-metal rack would draw more than the rack's power budget."
    )
    severity = Severity.CRITICAL
    enforcement = Enforcement.MANDATORY
    remediation = (
        "Place servers in a rack with headroom (the inventory's racks and power_budget_kw), "
        "use fewer or lower-power GPUs, or raise the rack's budget with the data-centre team."
    )
    config = (
        ConfigKey(
            "headroomPercent",
            {"type": "number", "minimum": 0},
            0,
            "Share of each rack's budget kept free; the rack fails above budget x (1 - this/100).",
        ),
    )

    def check(self, stack: StackView, settings: Settings, ctx: Context) -> Iterable[StackIssue]:
        racks = stack.racks()
        if not racks:
            raise NotApplicable(f"no resource reports rack power ({RACK_POWER_PROPERTY})")
        keep = settings["headroomPercent"] / 100
        out = []
        for rack in racks:
            limit = rack.budget_kw * (1 - keep)
            if rack.total_kw <= limit:
                continue
            by = rack.reporters[0]
            headroom = f" ({settings['headroomPercent']:g}% kept free)" if keep else ""
            msg = (
                f"rack {rack.rack} would draw {kw(rack.total_kw)} ({kw(rack.used_kw)} already in "
                f"use + {kw(rack.planned_kw)} planned) > budget {kw(limit)}{headroom}"
            )
            out.append(StackIssue(msg, ResourceRef.of(by), string_map(by.props.get("tags"))))
        return out
