"""AIHW-COST-002: on-demand accelerators idle part of the day."""

from __future__ import annotations

from collections.abc import Iterable

from pulumi_aihw.planner.assumptions import HOURS_PER_MONTH
from pulumi_aihw.rules.checks.common import not_a_template, usd
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
from pulumi_aihw.vocab import Phase


class IdleOnDemand(ResourceRule):
    id = "AIHW-COST-002"
    name = "aihw-cost-idle-on-demand"
    title = "On-demand accelerators idle part of the day"
    description = (
        "On-demand accelerators are needed only some hours a day: around the clock they bill "
        "for idle hours that scheduling or spot would save."
    )
    severity = Severity.MEDIUM
    enforcement = Enforcement.ADVISORY
    remediation = (
        "Stop the capacity outside its hours (scheduled scaling of the group to zero), or use "
        "spot (`constraints.purchase_option: spot`) where interruptions are acceptable."
    )
    config = (
        ConfigKey(
            "minHoursPerDay",
            {"type": "number", "minimum": 0},
            18,
            "Workloads running fewer hours a day than this are reported.",
        ),
        ConfigKey(
            "hoursPerDayWithoutSpec",
            {"type": ["number", "null"], "minimum": 0},
            None,
            "Hours a day assumed for resources written by hand; null: not checked.",
        ),
    )
    spec_field = ("demand", "hours_per_day")

    def check(self, hw: Hardware, settings: Settings, ctx: Context) -> Iterable[str]:
        not_a_template(hw)
        if hw.spec is not None:
            demand = hw.spec.demand
            hours = demand.hours_per_day if hw.spec.phase is Phase.INFERENCE and demand else 24.0
        else:
            hours = settings["hoursPerDayWithoutSpec"]
            if hours is None:
                raise NotApplicable("needs the workload spec (demand.hours_per_day)")
        if hw.need("purchase") != "on-demand" or hours >= settings["minHoursPerDay"]:
            return []
        o, units = hw.offering, hw.need("units")
        if o is None or o.on_demand_usd_per_hour is None or units is None:
            raise NotApplicable("price unknown (aihw-cost-price-unknown reports it)")
        full = o.on_demand_usd_per_hour * units * HOURS_PER_MONTH
        scheduled = full * hours / 24
        spot = ""
        if o.spot_usd_per_hour is not None:
            spot_usd = o.spot_usd_per_hour * units * HOURS_PER_MONTH * hours / 24
            spot = f"; spot for those hours: {usd(spot_usd)}/month"
        return [
            f"{hw.label} is needed {hours:g} h/day on on-demand: {usd(full)}/month around the "
            f"clock; stopped outside those hours {usd(scheduled)}/month (saves "
            f"{usd(full - scheduled)}){spot}"
        ]
