"""Which target deploys a chosen candidate: an explicit registry of target kinds.

:func:`target_kind` names the kind of a candidate (``aws``, ``gcp-tpu``, ``gcp-gpu``,
``azure``, ``baremetal``) and :data:`TARGETS` maps each kind to its factory as a
``"module:function"`` string, imported only when a plan chooses that kind. So this
module imports no component, no Pulumi and no cloud SDK, and no component imports it
back (no import cycle).
"""

from __future__ import annotations

import importlib
from typing import cast

from pulumi_aihw.errors import SpecError
from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.targets.base import TargetFactory
from pulumi_aihw.vocab import Deployment, Family

TARGETS: dict[str, str] = {
    "aws": "pulumi_aihw.targets.aws.component:create_aws_target",
    "gcp-tpu": "pulumi_aihw.targets.gcp.component:create_gcp_tpu_target",
    "gcp-gpu": "pulumi_aihw.targets.gcp.component:create_gcp_gpu_target",
    "azure": "pulumi_aihw.targets.azure.component:create_azure_target",
    "baremetal": "pulumi_aihw.targets.baremetal.component:create_baremetal_target",
}
"""Target kind -> ``"module:function"`` of its factory (a :class:`TargetFactory`)."""

SDK_MODULES: tuple[str, ...] = (
    "pulumi_aws.autoscaling",
    "pulumi_aws.ec2",
    "pulumi_aws.iam",
    "pulumi_aws.ssm",
    "pulumi_azure_native.compute",
    "pulumi_azure_native.managedidentity",
    "pulumi_azure_native.network",
    "pulumi_azure_native.resources",
    "pulumi_command.remote",
    "pulumi_gcp.compute",
    "pulumi_gcp.organizations",
    "pulumi_gcp.serviceaccount",
    "pulumi_gcp.tpu",
)
"""The provider SDK modules the targets use (Pulumi loads each on first use, seconds for
the big ones): ``aihw check --jobs`` loads them once (:mod:`pulumi_aihw.targets.preload`)
in the process its workers fork from. ``tests/test_registries.py`` checks the targets use
no other."""


def target_kind(chosen: Candidate) -> str:
    """The kind of target that deploys ``chosen``: bare metal, else the provider, with
    Google Cloud split into TPU slices and GPU VMs."""
    if chosen.offering.deployment is Deployment.BARE_METAL:
        return "baremetal"
    if chosen.provider == "gcp":
        return "gcp-tpu" if chosen.accelerator.family is Family.TPU else "gcp-gpu"
    return chosen.provider


def load_factory(kind: str) -> TargetFactory:
    """Import the factory registered for ``kind`` (``KeyError`` for an unknown kind)."""
    module, _, function = TARGETS[kind].partition(":")
    return cast(TargetFactory, getattr(importlib.import_module(module), function))


def target_factory(chosen: Candidate) -> TargetFactory:
    """The factory for ``chosen``'s kind, or a :class:`SpecError` naming the supported kinds."""
    kind = target_kind(chosen)
    if kind not in TARGETS:
        supported = ", ".join(sorted(TARGETS))
        raise SpecError(
            f"the plan chose {chosen.provider} {chosen.offering.offering}, a '{kind}' target, "
            f"which aihw cannot deploy yet (supported targets: {supported}). To fix: restrict "
            "placement.providers / placement.deployments to a supported target"
        )
    return load_factory(kind)
