"""AIHW-LOCK-003: frameworks the workload needs that its accelerator does not run natively."""

from __future__ import annotations

from collections.abc import Iterable

from pulumi_aihw.rules.checks.common import accelerator_of, names
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
from pulumi_aihw.vocab import Framework


class FrameworkUnsupported(ResourceRule):
    id = "AIHW-LOCK-003"
    name = "aihw-lock-framework-unsupported"
    title = "Framework not native on the accelerator"
    description = "The workload needs a framework that its accelerator does not run natively."
    severity = Severity.HIGH
    enforcement = Enforcement.MANDATORY
    remediation = (
        "Choose an accelerator that runs every framework in `frameworks` (`aihw plan` rejects "
        "the others and says why), or port the workload and drop the framework from the spec."
    )
    config = (
        ConfigKey(
            "frameworksWithoutSpec",
            {"type": "array", "items": {"type": "string", "enum": Framework.values()}},
            [],
            "Frameworks assumed for resources written by hand (no workload spec); "
            "empty: the rule does not apply to them.",
        ),
    )
    spec_field = ("frameworks",)

    def check(self, hw: Hardware, settings: Settings, ctx: Context) -> Iterable[str]:
        if hw.spec is not None:
            wanted = [str(f) for f in hw.spec.frameworks]
        else:
            wanted = list(settings["frameworksWithoutSpec"])
        if not wanted:
            raise NotApplicable("needs the workload spec (frameworks) or frameworksWithoutSpec")
        acc = accelerator_of(hw)
        native = [str(f) for f in acc.frameworks]
        missing = [f for f in wanted if f not in native]
        if not missing:
            return []
        return [
            f"{hw.label} runs {acc.name}, which does not run {names(missing)} natively "
            f"(it runs {names(native)})"
        ]
