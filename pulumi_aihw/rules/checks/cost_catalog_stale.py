"""AIHW-COST-005: prices from a catalog older than a configured age."""

from __future__ import annotations

import datetime as dt
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


class CatalogStale(ResourceRule):
    id = "AIHW-COST-005"
    name = "aihw-cost-catalog-stale"
    title = "Catalog prices too old"
    description = "The price this hardware is judged on is older than the configured age."
    severity = Severity.LOW
    enforcement = Enforcement.ADVISORY
    remediation = (
        "Refresh the catalog (a newer pulumi-aihw release, or a refreshed snapshot through "
        "`--catalog` / `AIHW_CATALOG`) and re-plan."
    )
    config = (
        ConfigKey(
            "maxCatalogAgeDays",
            {"type": "integer", "minimum": 0},
            180,
            "Prices older than this many days are reported.",
        ),
    )

    def check(self, hw: Hardware, settings: Settings, ctx: Context) -> Iterable[str]:
        as_of: dt.date | None = None
        if hw.chosen is not None and isinstance(hw.chosen.get("as_of"), str):
            as_of = dt.date.fromisoformat(hw.chosen["as_of"])
        elif hw.offering is not None:
            as_of = hw.offering.as_of
        if as_of is None:
            raise NotApplicable("no catalog price to date")
        age = (ctx.today - as_of).days
        if age <= settings["maxCatalogAgeDays"]:
            return []
        return [
            f"the price of {hw.label} is from {as_of} ({age} days old, max "
            f"{settings['maxCatalogAgeDays']} days)"
        ]
