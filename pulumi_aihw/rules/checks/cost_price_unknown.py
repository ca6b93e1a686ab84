"""AIHW-COST-004: price unknown for the hardware and purchase option."""

from __future__ import annotations

from collections.abc import Iterable

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


class PriceUnknown(ResourceRule):
    id = "AIHW-COST-004"
    name = "aihw-cost-price-unknown"
    title = "Price unknown"
    description = (
        "The catalog has no price for this hardware and purchase option, so budgets cannot "
        "be checked."
    )
    severity = Severity.LOW
    enforcement = Enforcement.ADVISORY
    remediation = (
        "Get a quote (capacity blocks and reservations are priced per offer) and budget it "
        "explicitly, or choose an offering the catalog prices (`aihw catalog`)."
    )
    config = (
        ConfigKey(
            "ignoreOfferings",
            {"type": "array", "items": {"type": "string"}},
            [],
            "Offerings (instance, machine or slice types) whose unknown price is accepted.",
        ),
    )
    spec_field = ("constraints", "purchase_option")

    def check(self, hw: Hardware, settings: Settings, ctx: Context) -> Iterable[str]:
        name = hw.need("offering_name")
        if hw.kind == "purchase" or (name is None and hw.template_ref is not None):
            raise NotApplicable("priced by the machines it launches or reserves")
        if name in settings["ignoreOfferings"]:
            return []
        if hw.chosen is not None:
            if hw.chosen.get("usd_per_month") is not None:
                return []
            return [f"price unknown for {hw.label} ({hw.purchase}) in the workload's plan"]
        if hw.unpriced:
            return [f"price unknown: {hw.unpriced} ({name})"]
        missing = [m for m in hw.unpriced_choices() if m and m not in settings["ignoreOfferings"]]
        if hw.offering is None:
            return [f"price unknown: {', '.join(missing) or name} is not in the catalog"]
        if hw.usd_per_unit_hour() is None:
            where = hw.offering.region or "any region"
            return [
                f"price unknown: the catalog has no {hw.need('purchase')} price for {name} "
                f"in {where}"
            ]
        if missing:
            return [f"price unknown for other types it may launch: {', '.join(missing)}"]
        return []
