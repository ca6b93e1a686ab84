"""AIHW-LOCK-001: a vendor-SDK accelerator where the workload must stay portable."""

from __future__ import annotations

from collections.abc import Iterable

from pulumi_aihw.rules.checks.lock_vendor_sdk import CONFIG, vendor_sdk_messages
from pulumi_aihw.rules.facts.hardware import Hardware
from pulumi_aihw.rules.model import Context, Enforcement, ResourceRule, Settings, Severity
from pulumi_aihw.vocab import Portability


class VendorSdkRequired(ResourceRule):
    id = "AIHW-LOCK-001"
    name = "aihw-lock-vendor-sdk-required"
    title = "Vendor-SDK accelerator where portability is required"
    description = (
        "The workload requires portability but runs on an accelerator that needs a vendor "
        "SDK (AWS Neuron, XLA/libtpu, Intel SynapseAI)."
    )
    severity = Severity.HIGH
    enforcement = Enforcement.MANDATORY
    remediation = (
        "Choose a GPU offering (CUDA and ROCm run every major framework): `aihw plan` with "
        "`portability: required` lists only portable candidates. If the lock-in is accepted, "
        "set `constraints.portability: preferred` and record why."
    )
    config = CONFIG
    spec_field = ("constraints", "portability")

    def check(self, hw: Hardware, settings: Settings, ctx: Context) -> Iterable[str]:
        return vendor_sdk_messages(hw, settings, Portability.REQUIRED, ctx)
