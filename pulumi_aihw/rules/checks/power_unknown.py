"""AIHW-POWER-004: power unknown for an accelerator."""

from __future__ import annotations

from collections.abc import Iterable

from pulumi_aihw.rules.checks.common import accelerator_of
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


class PowerUnknown(ResourceRule):
    id = "AIHW-POWER-004"
    name = "aihw-power-unknown"
    title = "Power unknown"
    description = (
        "The accelerator's power is not published (recent TPUs, Inferentia) or its type is "
        "not in the catalog, so power caps cannot be checked."
    )
    severity = Severity.LOW
    enforcement = Enforcement.ADVISORY
    remediation = (
        "Measure the draw and budget for it explicitly, or choose hardware with a published "
        "TDP where power is capped; set `constraints.unknown_power: reject` to make the "
        "planner drop such candidates."
    )
    config = (
        ConfigKey(
            "ignoreAccelerators",
            {"type": "array", "items": {"type": "string"}},
            [],
            "Accelerator ids whose unknown power is accepted (e.g. tpu-v6e).",
        ),
    )
    spec_field = ("constraints", "unknown_power")

    def check(self, hw: Hardware, settings: Settings, ctx: Context) -> Iterable[str]:
        try:
            acc = accelerator_of(hw)
        except NotApplicable:
            if hw.kind in ("purchase",) or hw.template_ref is not None:
                raise
            return [f"power unknown: {hw.offering_name} is not in the catalog"]
        if acc.id in settings["ignoreAccelerators"] or acc.tdp_watts is not None:
            return []
        return [f"power unknown: no published TDP for {acc.name} ({hw.label})"]
