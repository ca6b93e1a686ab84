"""Which target component deploys a chosen candidate: an explicit registry.

``target_kind(candidate)`` names the kind (``aws``; the GCP and bare-metal issues
add ``gcp-tpu``, ``gcp-gpu`` and ``baremetal``), and :data:`TARGETS` maps each
kind to a factory. A factory gets a :class:`TargetContext` and returns the one
component it made with that component's outputs. Factories import Pulumi and the
cloud SDKs lazily, so this module stays importable without them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pulumi_aihw.errors import SpecError
from pulumi_aihw.planner.models import Candidate, Plan
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.targets.gcp import factories as gcp
from pulumi_aihw.vocab import Deployment, Family


@dataclass(frozen=True)
class TargetContext:
    """What a target factory gets from the Workload component."""

    name: str
    """Resource name of the target component; its children are ``f"{name}-<role>"``."""
    spec: WorkloadSpec
    plan: Plan
    chosen: Candidate
    tags: dict[str, str]
    """Tags for every resource (``aihw-workload``, ``aihw-offering``, ``aihw-owner``, spec tags)."""
    parent: Any
    """The Workload component (a ``pulumi.Resource``): parent of the target component."""


@dataclass(frozen=True)
class TargetResult:
    component: Any
    """The target's ``pulumi.ComponentResource``."""
    outputs: dict[str, Any]
    """The target's own outputs (``pulumi.Input`` values), exposed by the Workload."""


TargetFactory = Callable[[TargetContext], TargetResult]


def _aws(ctx: TargetContext) -> TargetResult:
    from pulumi_aihw.targets.aws.component import create_aws_target

    return create_aws_target(ctx)


def _azure(ctx: TargetContext) -> TargetResult:
    from pulumi_aihw.targets.azure.component import create_azure_target

    return create_azure_target(ctx)  # type: ignore[no-any-return]


def _baremetal(ctx: TargetContext) -> TargetResult:
    from pulumi_aihw.targets.baremetal.component import create_baremetal_target

    return create_baremetal_target(ctx)


TARGETS: dict[str, TargetFactory] = {
    "aws": _aws,
    "gcp-tpu": gcp.tpu,
    "gcp-gpu": gcp.gpu,
    "azure": _azure,
    "baremetal": _baremetal,
}
"""Target kind -> factory. Add a kind here when its target lands."""


def target_kind(chosen: Candidate) -> str:
    """The kind of target that deploys ``chosen``."""
    if chosen.offering.deployment is Deployment.BARE_METAL:
        return "baremetal"
    if chosen.provider == "gcp":
        return "gcp-tpu" if chosen.accelerator.family is Family.TPU else "gcp-gpu"
    return chosen.provider


def target_factory(chosen: Candidate) -> TargetFactory:
    """The factory for ``chosen``'s kind, or a :class:`SpecError` naming the supported kinds."""
    kind = target_kind(chosen)
    factory = TARGETS.get(kind)
    if factory is None:
        supported = ", ".join(sorted(TARGETS))
        raise SpecError(
            f"the plan chose {chosen.provider} {chosen.offering.offering}, a '{kind}' target, "
            f"which aihw cannot deploy yet (supported targets: {supported}). To fix: restrict "
            "placement.providers / placement.deployments to a supported target"
        )
    return factory
