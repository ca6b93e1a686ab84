"""AIHW-POWER-004: power unknown for an accelerator."""

from __future__ import annotations

from collections.abc import Iterable

from pulumi_aihw.planner.power import chip_watts
from pulumi_aihw.rules.checks.common import accelerator_kind, accelerator_of
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
        if hw.kind in ("purchase", "reservation"):
            raise NotApplicable("a reservation or commitment draws no power itself")
        if hw.chosen is None and hw.offering is None and hw.template_ref is not None:
            accelerator_of(hw)  # raises: the template it launches is checked itself
        kind = accelerator_kind(hw, ctx.catalog)
        if hw.accelerator is not None and hw.accelerator.id in settings["ignoreAccelerators"]:
            return []
        acc = hw.accelerator
        if acc is not None and chip_watts(acc)[0] is None:
            return [
                f"power unknown: no published, measured or estimated figure for {acc.name} "
                f"({hw.label})"
            ]
        missing = set(hw.unpowered_choices())
        choices = [c for c in hw.choices() if c.name in missing]
        out = [
            f"power unknown: no published, measured or estimated figure for "
            f"{c.accelerator.name} ({c.name})"
            for c in choices
            if c.offering is not None and c.accelerator is not None
        ]
        unlisted = [c for c in choices if c.offering is None]
        if len(unlisted) == 1:
            c = unlisted[0]
            what = c.accelerator.name if c.accelerator else kind.name
            out.append(
                f"power unknown: {c.name or hw.label} is not in the catalog ({what}; "
                "count per unit unknown)"
            )
        elif unlisted:
            names = ", ".join(
                f"{c.name} ({c.accelerator.name if c.accelerator else kind.name})" for c in unlisted
            )
            out.append(f"power unknown: {names} are not in the catalog (count per unit unknown)")
        return out
