"""Stack previews built by hand (the shape the offline preview engine produces)."""

from __future__ import annotations

from pulumi_aihw.contracts import UNKNOWN, WORKLOAD_TYPE, ResourceRecord, StackPreview
from pulumi_aihw.spec import load_spec

from ..conftest import ROOT_DIR, workload_props

STACK = "pulumi:pulumi:Stack"
CONFIG = {
    "aihw-cost-over-budget": {"maxUsdPerMonth": 20000},
    "aihw-power-stack-cap": {"maxStackKw": 12},
    "aihw-lock-vendor-sdk-preferred": "mandatory",
}


def _urn(project, qualified, name):
    return f"urn:pulumi:dev::{project}::{qualified}::{name}"


def inferentia_stack() -> StackPreview:
    """stacks/aws-inferentia-inference: the Workload (with its launch template child),
    a hand-written p5 instance with a suppression, and one whose type is unknown."""
    project = "chat"
    spec = load_spec(ROOT_DIR / "stacks/aws-inferentia-inference/workload.yaml")
    props = workload_props(spec.model_dump(mode="json", exclude={"extends"}))
    root = _urn(project, STACK, f"{project}-dev")
    wl = _urn(project, WORKLOAD_TYPE, "chat")
    lt_type = "aws:ec2/launchTemplate:LaunchTemplate"
    inst = "aws:ec2/instance:Instance"
    return StackPreview(
        "stacks/aws-inferentia-inference",
        project,
        "dev",
        (
            ResourceRecord(root, STACK, f"{project}-dev", None, False, {}),
            ResourceRecord(wl, WORKLOAD_TYPE, "chat", root, False, props, props),
            ResourceRecord(
                _urn(project, f"{WORKLOAD_TYPE}${lt_type}", "chat-lt"),
                lt_type,
                "chat-lt",
                wl,
                True,
                {"instanceType": "inf2.xlarge"},
            ),
            ResourceRecord(
                _urn(project, inst, "batch-gpu"),
                inst,
                "batch-gpu",
                root,
                True,
                {
                    "instanceType": "p5.48xlarge",
                    "tags": {"aihw-suppress-aihw-cost-001": "quarterly batch; expires=2026-12-31"},
                },
            ),
            ResourceRecord(
                _urn(project, inst, "later"), inst, "later", root, True, {"instanceType": UNKNOWN}
            ),
        ),
    )


def tpu_stack() -> StackPreview:
    """A team that never used the components: a TPU VM and a GPU VM written by hand."""
    project = "research"
    root = _urn(project, STACK, f"{project}-dev")
    tpu, vm = "gcp:tpu/v2Vm:V2Vm", "gcp:compute/instance:Instance"
    return StackPreview(
        "stacks/gcp-tpu-training",
        project,
        "dev",
        (
            ResourceRecord(root, STACK, f"{project}-dev", None, False, {}),
            ResourceRecord(
                _urn(project, tpu, "trainer"),
                tpu,
                "trainer",
                root,
                True,
                {
                    "acceleratorType": "v6e-8",
                    "zone": "us-central1-b",
                    "labels": {"aihw-suppress-aihw-lock-004": "jax-only--expires-2027-06-30"},
                },
            ),
            ResourceRecord(
                _urn(project, vm, "notebook"),
                vm,
                "notebook",
                root,
                True,
                {"machineType": "g2-standard-8", "zone": "us-central1-a"},
            ),
        ),
    )
