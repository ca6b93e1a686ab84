"""Shared check of AIHW-LOCK-001 and AIHW-LOCK-002: a vendor-SDK accelerator."""

from __future__ import annotations

from pulumi_aihw.planner.economics import VENDOR_SDK_LOCK
from pulumi_aihw.rules.checks.common import accelerator_kind
from pulumi_aihw.rules.facts.hardware import Hardware
from pulumi_aihw.rules.model import ConfigKey, Context, Settings
from pulumi_aihw.vocab import Portability

CONFIG = (
    ConfigKey(
        "vendorSdks",
        {"type": "array", "items": {"type": "string"}},
        sorted(VENDOR_SDK_LOCK),
        "Software stacks that tie a model to one vendor's compiler and runtime.",
    ),
    ConfigKey(
        "portabilityWithoutSpec",
        {"type": "string", "enum": Portability.values()},
        "preferred",
        "Portability assumed for resources written by hand (no workload spec).",
    ),
)


def vendor_sdk_messages(
    hw: Hardware, settings: Settings, level: Portability, ctx: Context
) -> list[str]:
    """A message when ``hw`` needs a vendor SDK and its portability is ``level``."""
    if hw.spec is not None:
        portability = hw.spec.constraints.portability
        where = "constraints.portability"
    else:
        portability = Portability(settings["portabilityWithoutSpec"])
        where = "portabilityWithoutSpec (no workload spec)"
    acc = accelerator_kind(hw, ctx.catalog)
    if portability is not level or acc.vendor_sdk not in settings["vendorSdks"]:
        return []
    return [
        f"{hw.label} runs {acc.name}, which needs the {acc.vendor_sdk}: models are compiled "
        f"for it and do not move to GPUs or another cloud as-is ({where}: {level})"
    ]
