"""The TPU slices: one ``gcp.tpu.V2Vm`` per slice, or one ``V2QueuedResource`` holding
every slice when queued provisioning is asked for.

Each TPU VM: the accelerator type and runtime version decided in ``tpu_settings``,
``schedulingConfig`` for spot or reserved capacity, no external IPs unless
``network.public_ip``, the workload's service account (``cloud-platform`` scope), Secure
Boot, the aihw labels and the network tag the firewall rules target.
"""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_gcp as gcp

from pulumi_aihw.targets.gcp.args import GcpTpuTargetArgs
from pulumi_aihw.targets.gcp.settings import CLOUD_PLATFORM_SCOPE


def tpu_vms(
    name: str,
    args: GcpTpuTargetArgs,
    service_account: pulumi.Output[str],
    opts: pulumi.ResourceOptions,
) -> list[gcp.tpu.V2Vm]:
    """One TPU VM per slice (several make a multislice)."""
    return [_vm(name, args, i, service_account, opts) for i in range(args.slices)]


def network_config(args: GcpTpuTargetArgs) -> dict[str, Any]:
    """``networkConfig``: the given network and subnetwork, external IPs only if asked."""
    common = args.common
    config: dict[str, Any] = {"enable_external_ips": common.public_ip}
    if common.network:
        config["network"] = common.network
    if common.subnetwork:
        config["subnetwork"] = common.subnetwork
    return config


def _description(args: GcpTpuTargetArgs, index: int) -> str:
    where = f"slice {index + 1} of {args.slices}" if args.multislice else "single slice"
    return f"aihw workload {args.common.workload}: {args.accelerator_type}, {where}"


def _vm(
    name: str,
    args: GcpTpuTargetArgs,
    index: int,
    service_account: pulumi.Output[str],
    opts: pulumi.ResourceOptions,
) -> gcp.tpu.V2Vm:
    common = args.common
    account: Any = {"email": service_account, "scopes": [CLOUD_PLATFORM_SCOPE]}
    scheduling: Any = args.scheduling_config()
    network: Any = network_config(args)
    extra: dict[str, Any] = {}
    if common.secure_boot:
        extra["shielded_instance_config"] = {"enable_secure_boot": True}
    return gcp.tpu.V2Vm(
        f"{name}-slice-{index}",
        zone=common.zone,
        project=common.project,
        accelerator_type=args.accelerator_type,
        runtime_version=args.runtime_version,
        description=_description(args, index),
        network_config=network,
        service_account=account,
        scheduling_config=scheduling,
        labels=common.labels,
        tags=[common.network_tag],
        opts=opts,
        **extra,
    )


def queued_slices(
    name: str, args: GcpTpuTargetArgs, opts: pulumi.ResourceOptions
) -> gcp.tpu.V2QueuedResource:
    """All slices in one queued request: Google provisions them together when capacity
    frees up. The node specs take no labels, service account or Secure Boot (the SDK has
    no such fields); ``tpu_settings`` warns about it."""
    common = args.common
    project: pulumi.Input[str]
    if common.project is not None:
        project = common.project
    else:  # the provider's project, as every other resource gets it
        invoke = pulumi.InvokeOptions(parent=opts.parent)
        project = gcp.organizations.get_client_config_output(opts=invoke).project
    parent = pulumi.Output.concat("projects/", project, "/locations/", common.zone)
    specs: list[Any] = [
        {
            "parent": parent,
            "node_id": node_id,
            "node": {
                "runtime_version": args.runtime_version,
                "accelerator_type": args.accelerator_type,
                "description": _description(args, i),
                "network_config": network_config(args),
            },
        }
        for i, node_id in enumerate(args.node_ids)
    ]
    return gcp.tpu.V2QueuedResource(
        f"{name}-queued",
        zone=common.zone,
        project=common.project,
        tpu={"node_specs": specs},
        opts=opts,
    )
