"""AIHW-LOCK-002: a vendor-SDK accelerator where the workload prefers portability."""

from __future__ import annotations

from collections.abc import Iterable

from pulumi_aihw.rules.checks.lock_vendor_sdk import CONFIG, vendor_sdk_messages
from pulumi_aihw.rules.facts.hardware import Hardware
from pulumi_aihw.rules.model import Context, Enforcement, ResourceRule, Settings, Severity
from pulumi_aihw.vocab import Portability


class VendorSdkPreferred(ResourceRule):
    id = "AIHW-LOCK-002"
    name = "aihw-lock-vendor-sdk-preferred"
    title = "Vendor-SDK accelerator where portability is preferred"
    description = (
        "The workload prefers portability but runs on an accelerator that needs a vendor "
        "SDK (AWS Neuron, XLA/libtpu, Intel SynapseAI)."
    )
    severity = Severity.MEDIUM
    enforcement = Enforcement.ADVISORY
    remediation = (
        "Keep the model buildable for GPUs too (a CI job that runs it on CUDA), or compare "
        "the portable candidates in `aihw plan --objective balanced`. Set "
        "`constraints.portability: none` once the lock-in is a deliberate choice."
    )
    config = CONFIG
    spec_field = ("constraints", "portability")

    def check(self, hw: Hardware, settings: Settings, ctx: Context) -> Iterable[str]:
        return vendor_sdk_messages(hw, settings, Portability.PREFERRED, ctx)
