"""``GcpTpuTarget`` and ``GcpGpuTarget``: the components that run a plan's Google Cloud
choice, and their registry factories.

Outputs that Google Cloud knows only after creation (node names, IPs) are unknown during a
preview; ``None`` outputs (no group for separate VMs) are left out by Pulumi.
"""

from __future__ import annotations

from typing import Any

import pulumi

from pulumi_aihw.targets.base import TargetContext, TargetResult
from pulumi_aihw.targets.gcp.access import firewalls, service_account_email
from pulumi_aihw.targets.gcp.args import GcpCommon, GcpGpuTargetArgs, GcpTpuTargetArgs
from pulumi_aihw.targets.gcp.gpu import boot_image, gpu_vms
from pulumi_aihw.targets.gcp.gpu_settings import gpu_target_args
from pulumi_aihw.targets.gcp.tpu import queued_slices, tpu_vms
from pulumi_aihw.targets.gcp.tpu_settings import tpu_target_args

GCP_TPU_TARGET_TYPE = "aihw:index:GcpTpuTarget"
GCP_GPU_TARGET_TYPE = "aihw:index:GcpGpuTarget"


def _start(
    component: pulumi.ComponentResource, name: str, common: GcpCommon
) -> pulumi.ResourceOptions:
    """Log the warnings and open the firewall for the ports the spec opens."""
    child = pulumi.ResourceOptions(parent=component)
    for message in common.warnings:
        pulumi.log.warn(message, resource=component)
    firewalls(name, common, child)
    return child


class GcpTpuTarget(pulumi.ComponentResource):
    """Cloud TPU VMs for one workload: one slice, several slices (multislice), or a queued
    request for them; a dedicated service account and firewall rules for open ports."""

    node_names: pulumi.Output[list[str]]
    """TPU node names, one per slice."""
    network_endpoints: pulumi.Output[list[list[str]]]
    """Internal IPs of each slice's workers (hosts); empty for a queued request."""
    queued_resource: pulumi.Output[str | None]
    service_account_email: pulumi.Output[str | None]
    """The VMs' service account (none for a queued request: the SDK cannot set one)."""
    zone: pulumi.Output[str]

    def __init__(
        self, name: str, args: GcpTpuTargetArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__(GCP_TPU_TARGET_TYPE, name, _tpu_summary(args), opts)
        child = _start(self, name, args.common)
        if args.queued:
            queued = queued_slices(name, args, child)
            self.node_names = pulumi.Output.from_input(list(args.node_ids))
            self.network_endpoints = pulumi.Output.from_input([])
            self.queued_resource = queued.name
            self.service_account_email = pulumi.Output.from_input(None)
        else:
            email = service_account_email(name, args.common, child)
            vms = tpu_vms(name, args, email, child)
            self.node_names = pulumi.Output.all(*[vm.name for vm in vms]).apply(list)
            self.network_endpoints = pulumi.Output.all(*[vm.network_endpoints for vm in vms]).apply(
                lambda slices: [_ips(s) for s in slices]
            )
            self.queued_resource = pulumi.Output.from_input(None)
            self.service_account_email = email
        self.zone = pulumi.Output.from_input(args.common.zone)
        self.register_outputs(self.target_outputs())

    def target_outputs(self) -> dict[str, Any]:
        return {
            "node_names": self.node_names,
            "network_endpoints": self.network_endpoints,
            "queued_resource": self.queued_resource,
            "service_account_email": self.service_account_email,
            "zone": self.zone,
        }


def _ips(endpoints: Any) -> list[str]:
    out = []
    for e in endpoints or []:
        ip = e.get("ip_address") if isinstance(e, dict) else getattr(e, "ip_address", None)
        if ip:
            out.append(str(ip))
    return out


def _tpu_summary(args: GcpTpuTargetArgs) -> dict[str, Any]:
    """The target's own inputs: what it runs, for previews and policies."""
    return {
        "zone": args.common.zone,
        "acceleratorType": args.accelerator_type,
        "slices": args.slices,
        "hostsPerSlice": args.hosts_per_slice,
        "runtimeVersion": args.runtime_version,
        "market": args.common.purchase,
        "queued": args.queued,
    }


class GcpGpuTarget(pulumi.ComponentResource):
    """A2, A3, A4 or G2 GPU VMs for one workload: separate VMs, or one instance template and
    managed instance group; a dedicated service account and firewall rules for open ports."""

    instance_names: pulumi.Output[list[str]]
    """VM names (empty for a group: its VMs come and go)."""
    internal_ips: pulumi.Output[list[str]]
    group_name: pulumi.Output[str | None]
    instance_template: pulumi.Output[str | None]
    service_account_email: pulumi.Output[str]
    zone: pulumi.Output[str]

    def __init__(
        self, name: str, args: GcpGpuTargetArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__(GCP_GPU_TARGET_TYPE, name, _gpu_summary(args), opts)
        child = _start(self, name, args.common)
        email = service_account_email(name, args.common, child)
        vms = gpu_vms(name, args, boot_image(args, self), email, child)
        self.instance_names = pulumi.Output.all(*[i.name for i in vms.instances]).apply(list)
        self.internal_ips = pulumi.Output.all(
            *[i.network_interfaces[0].network_ip for i in vms.instances]
        ).apply(list)
        self.group_name = pulumi.Output.from_input(vms.group.name if vms.group else None)
        self.instance_template = pulumi.Output.from_input(
            vms.template.self_link if vms.template else None
        )
        self.service_account_email = email
        self.zone = pulumi.Output.from_input(args.common.zone)
        self.register_outputs(self.target_outputs())

    def target_outputs(self) -> dict[str, Any]:
        return {
            "instance_names": self.instance_names,
            "internal_ips": self.internal_ips,
            "group_name": self.group_name,
            "instance_template": self.instance_template,
            "service_account_email": self.service_account_email,
            "zone": self.zone,
        }


def _gpu_summary(args: GcpGpuTargetArgs) -> dict[str, Any]:
    return {
        "zone": args.common.zone,
        "machineType": args.machine_type,
        "units": args.units,
        "fleet": args.fleet,
        "market": args.common.purchase,
        "image": args.image.path,
    }


def create_gcp_tpu_target(ctx: TargetContext) -> TargetResult:
    """Registry factory: decide the TPU settings from the plan, then build the component."""
    args = tpu_target_args(ctx.spec, ctx.chosen, ctx.tags, stack=pulumi.get_stack())
    target = GcpTpuTarget(ctx.name, args, pulumi.ResourceOptions(parent=ctx.parent))
    return TargetResult(target, target.target_outputs())


def create_gcp_gpu_target(ctx: TargetContext) -> TargetResult:
    """Registry factory: decide the GPU settings from the plan, then build the component."""
    args = gpu_target_args(ctx.spec, ctx.chosen, ctx.tags, stack=pulumi.get_stack())
    target = GcpGpuTarget(ctx.name, args, pulumi.ResourceOptions(parent=ctx.parent))
    return TargetResult(target, target.target_outputs())
