"""Run Workload components under the recording mock engine (``pulumi_aihw.preview``)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from pulumi_aihw.contracts import ResourceRecord, StackPreview
from pulumi_aihw.preview import run_program

INSTANCE = "aws:ec2/instance:Instance"
LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate"
SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup"
GROUP = "aws:autoscaling/group:Group"
PLACEMENT_GROUP = "aws:ec2/placementGroup:PlacementGroup"
BLOCK = "aws:ec2/capacityBlockReservation:CapacityBlockReservation"
ROLE = "aws:iam/role:Role"
PROFILE = "aws:iam/instanceProfile:InstanceProfile"
ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
TARGET = "aihw:index:AwsTarget"
WORKLOAD = "aihw:index:Workload"
STACK = "pulumi:pulumi:Stack"

TAGGABLE = {INSTANCE, LAUNCH_TEMPLATE, SECURITY_GROUP, PLACEMENT_GROUP, BLOCK, ROLE, PROFILE}
"""AWS resource types that carry a ``tags`` map (the group tags its instances as a list)."""


def preview_workload(
    data: dict[str, Any] | None = None, *, dry_run: bool = True, **args: Any
) -> StackPreview:
    """Preview one Workload named ``chat`` built from ``data`` (a spec dict) and ``args``."""
    from pulumi_aihw.targets.workload import Workload

    def program() -> None:
        Workload("chat", {**({"spec": data} if data is not None else {}), **args})  # type: ignore[typeddict-item]

    return run_program(program, project="t", stack="test", dry_run=dry_run)


def types(preview: StackPreview) -> Counter[str]:
    return Counter(r.type for r in preview.resources)


def one(preview: StackPreview, type_token: str) -> ResourceRecord:
    found = preview.of_type(type_token)
    assert len(found) == 1, f"expected one {type_token}, found {len(found)}"
    return found[0]


def lt_inputs(preview: StackPreview) -> dict[str, Any]:
    return one(preview, LAUNCH_TEMPLATE).inputs
