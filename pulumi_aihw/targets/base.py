"""The target protocol: what every target (one per way of deploying a plan) receives and
returns. Pulumi-free, so the registry and the ``Workload`` component's decisions import it
without loading any provider SDK.

A target is a factory ``create_<kind>_target(ctx: TargetContext) -> TargetResult``: it
decides its settings from the plan (a pure ``settings`` module building the component's
``<Component>Args``, see ``args.py``), builds one ``pulumi.ComponentResource`` parented to
the Workload, and returns it with its outputs. Register the factory by its
``"module:function"`` path in :data:`pulumi_aihw.targets.registry.TARGETS`
(docs/extending.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from pulumi_aihw.planner.models import Candidate, Plan
from pulumi_aihw.spec.models import WorkloadSpec


@dataclass(frozen=True)
class TargetContext:
    """What a target factory gets from the Workload component."""

    name: str
    """Resource name of the target component; its children are ``f"{name}-<role>"``."""
    spec: WorkloadSpec
    """The workload spec, profile and overrides applied."""
    plan: Plan
    """The whole plan (ranked candidates, notices)."""
    chosen: Candidate
    """The candidate to deploy (``plan.chosen``, or the locked one)."""
    tags: dict[str, str]
    """Tags for every resource (``aihw-workload``, ``aihw-offering``, ``aihw-owner``, spec tags)."""
    parent: Any
    """The Workload component (a ``pulumi.Resource``): parent of the target component."""


@dataclass(frozen=True)
class TargetResult:
    """What a target factory returns."""

    component: Any
    """The target's ``pulumi.ComponentResource``."""
    outputs: dict[str, Any]
    """The target's own outputs (``pulumi.Input`` values), exposed by the Workload."""


class TargetFactory(Protocol):
    """``create_<kind>_target``: build the target component for a chosen candidate."""

    def __call__(self, ctx: TargetContext, /) -> TargetResult: ...
