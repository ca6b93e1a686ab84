"""AIHW-POWER-003: inference on high-TDP GPUs where a lower-power candidate would do."""

from __future__ import annotations

from collections.abc import Iterable

from pulumi_aihw.planner.alternatives import alternatives
from pulumi_aihw.rules.checks.common import (
    accelerator_of,
    describe,
    inference_demand,
    kw,
    usd,
)
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


class InferenceHighTdp(ResourceRule):
    id = "AIHW-POWER-003"
    name = "aihw-power-inference-high-tdp"
    title = "Inference on high-TDP GPUs with a lower-power alternative"
    description = (
        "Inference runs on high-TDP GPUs while a feasible candidate with less power meets the "
        "same demand (IT power compared: facility PUE differs between sites)."
    )
    severity = Severity.MEDIUM
    enforcement = Enforcement.ADVISORY
    remediation = (
        "Serve from the lower-power candidate named in the finding (`aihw plan --objective "
        "power` ranks them), or pin it with `pin.offering`."
    )
    config = (
        ConfigKey(
            "highTdpWatts",
            {"type": "number", "minimum": 0},
            500,
            "GPUs at or above this TDP per card count as high-TDP.",
        ),
        ConfigKey(
            "minSavingsPercent",
            {"type": "number", "minimum": 0},
            20,
            "Report only alternatives that save at least this share of the power.",
        ),
    )
    spec_field = ("demand",)

    def check(self, hw: Hardware, settings: Settings, ctx: Context) -> Iterable[str]:
        acc = accelerator_of(hw)
        if acc.family is not Family.GPU or (acc.tdp_watts or 0) < settings["highTdpWatts"]:
            return []
        spec = inference_demand(hw)
        current = hw.it_power_kw()  # IT power on both sides: PUE differs between sites
        plan = alternatives(spec, ctx.catalog)
        if current is None or plan is None:
            return []
        limit = current * (1 - settings["minSavingsPercent"] / 100)
        better = [c for c in plan.feasible if (c.it_power_kw or limit + 1) <= limit]
        if not better:
            return []
        alt = min(better, key=lambda c: (c.it_power_kw, c.usd_per_month or 0.0))
        assert alt.it_power_kw is not None
        saved_w = (current - alt.it_power_kw) * 1000
        cost = hw.usd_per_month()
        money = ""
        if cost is not None and alt.usd_per_month is not None:
            delta = cost - alt.usd_per_month
            money = f", {'saves' if delta >= 0 else 'costs'} {usd(abs(delta))}/month"
            money += "" if delta >= 0 else " more"
        return [
            f"inference on {hw.label} ({acc.name}, {acc.tdp_watts:g} W per card, {kw(current)} IT "
            "power); "
            f"{describe(alt)} meets the same demand at {kw(alt.it_power_kw)}: saves "
            f"{saved_w:,.0f} W{money}"
        ]
