"""AIHW-LOCK-005: purchases that cannot be undone (Capacity Blocks, commitments)."""

from __future__ import annotations

from collections.abc import Iterable

from pulumi_aihw.rules.facts.hardware import Hardware
from pulumi_aihw.rules.model import (
    ConfigKey,
    Context,
    Enforcement,
    ResourceRule,
    Settings,
    Severity,
)


class IrreversiblePurchase(ResourceRule):
    id = "AIHW-LOCK-005"
    name = "aihw-lock-irreversible-purchase"
    title = "Purchase that cannot be undone"
    description = (
        "The stack buys capacity that cannot be cancelled or refunded: an EC2 Capacity "
        "Block, or a committed-use contract."
    )
    severity = Severity.HIGH
    enforcement = Enforcement.ADVISORY
    remediation = (
        "Confirm the purchase with whoever owns the budget, then suppress this finding with "
        "the approval as the reason and an expiry after the term; or use on-demand or spot "
        "capacity until the workload is proven."
    )
    config = (
        ConfigKey(
            "maxTermDays",
            {"type": "number", "minimum": 0},
            0,
            "Commitments of a known term up to this many days pass.",
        ),
    )
    spec_field = ("deploy", "aws", "capacity_block")

    def check(self, hw: Hardware, settings: Settings, ctx: Context) -> Iterable[str]:
        commitment = hw.need("commitment")
        if commitment is None:
            return []
        days = commitment.term_days
        if days is not None and days <= settings["maxTermDays"]:
            return []
        term = f" for {days:g} days" if days is not None else ""
        return [
            f"{hw.resource.name} buys {commitment.what}{term}: it cannot be cancelled, "
            "refunded or deleted once bought"
        ]
