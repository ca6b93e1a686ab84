"""The GPU VMs: a few ``compute.Instance`` below ``fleet_threshold``; from it on, one
``compute.InstanceTemplate`` and one zonal ``compute.InstanceGroupManager`` (the resource
count does not grow with the node count).

The boot image is looked up (``compute.get_image``) for its current self link and size:
a family resolves to its newest image at every ``pulumi up`` (pin ``deploy.gcp.image`` to
an image name to upgrade on your schedule). A group takes a new template for new VMs
only (OPPORTUNISTIC updates): a GPU fleet is not replaced behind your back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pulumi
import pulumi_gcp as gcp

from pulumi_aihw.targets.gcp.args import GcpGpuTargetArgs
from pulumi_aihw.targets.gcp.images import DLVM_PROJECT
from pulumi_aihw.targets.gcp.settings import CLOUD_PLATFORM_SCOPE

OS_LOGIN = {"enable-oslogin": "TRUE", "block-project-ssh-keys": "TRUE"}
"""SSH through OS Login (IAM), never project-wide SSH keys."""
DLVM_DRIVER = {"install-nvidia-driver": "True"}
"""Deep Learning VM images install or verify the NVIDIA driver on first boot with this."""


@dataclass(frozen=True)
class BootImage:
    self_link: pulumi.Output[str]
    disk_gib: pulumi.Output[int]
    """The boot disk to give VMs (explicit, or sized for the image and the model)."""


@dataclass(frozen=True)
class GpuVms:
    instances: list[gcp.compute.Instance] = field(default_factory=list)
    template: gcp.compute.InstanceTemplate | None = None
    group: gcp.compute.InstanceGroupManager | None = None


def boot_image(args: GcpGpuTargetArgs, parent: pulumi.Resource) -> BootImage:
    ref = args.image
    found = gcp.compute.get_image_output(
        family=ref.family,
        name=ref.name,
        project=ref.project or args.common.project,
        opts=pulumi.InvokeOptions(parent=parent),
    )
    size = found.disk_size_gb.apply(lambda gib: args.disk_gib(float(gib or 0)))
    return BootImage(found.self_link, size)


def gpu_vms(
    name: str,
    args: GcpGpuTargetArgs,
    image: BootImage,
    service_account: pulumi.Output[str],
    opts: pulumi.ResourceOptions,
) -> GpuVms:
    shared = vm_settings(args, service_account)
    if not args.fleet:
        return GpuVms(
            instances=[_instance(name, args, image, shared, i, opts) for i in range(args.units)]
        )
    template = _template(name, args, image, shared, opts)
    return GpuVms(template=template, group=_group(name, args, template, opts))


def vm_settings(args: GcpGpuTargetArgs, service_account: pulumi.Input[str]) -> dict[str, Any]:
    """What a VM and an instance template share (the same argument names in pulumi-gcp)."""
    common = args.common
    nic: dict[str, Any] = {"nic_type": "GVNIC"}  # required by A3 and A4, supported by A2/G2
    if common.subnetwork:
        nic["subnetwork"] = common.subnetwork
    if common.network or not common.subnetwork:
        nic["network"] = common.firewall_network
    if common.public_ip:
        nic["access_configs"] = [{}]  # an ephemeral external IP, only when asked
    metadata = dict(OS_LOGIN)
    if args.image.project == DLVM_PROJECT:
        metadata.update(DLVM_DRIVER)
    out: dict[str, Any] = {
        "machine_type": args.machine_type,
        "project": common.project,
        "description": f"aihw workload {common.workload}: {args.machine_type}",
        "network_interfaces": [nic],
        "scheduling": args.scheduling(),
        "service_account": {"email": service_account, "scopes": [CLOUD_PLATFORM_SCOPE]},
        "shielded_instance_config": {
            "enable_secure_boot": common.secure_boot,
            "enable_vtpm": True,
            "enable_integrity_monitoring": True,
        },
        "metadata": metadata,
        "labels": common.labels,
        "tags": [common.network_tag],
    }
    affinity = args.reservation_affinity()
    if affinity is not None:
        out["reservation_affinity"] = affinity
    return out


def _instance(
    name: str,
    args: GcpGpuTargetArgs,
    image: BootImage,
    shared: dict[str, Any],
    index: int,
    opts: pulumi.ResourceOptions,
) -> gcp.compute.Instance:
    return gcp.compute.Instance(
        f"{name}-{index}",
        zone=args.common.zone,
        boot_disk={
            "auto_delete": True,
            "initialize_params": {
                "image": image.self_link,
                "size": image.disk_gib,
                "type": args.boot_disk_type,
                "labels": args.common.labels,
            },
        },
        allow_stopping_for_update=True,
        opts=opts,
        **shared,
    )


def _template(
    name: str,
    args: GcpGpuTargetArgs,
    image: BootImage,
    shared: dict[str, Any],
    opts: pulumi.ResourceOptions,
) -> gcp.compute.InstanceTemplate:
    return gcp.compute.InstanceTemplate(
        f"{name}-template",
        disks=[
            {
                "boot": True,
                "auto_delete": True,
                "source_image": image.self_link,
                "disk_size_gb": image.disk_gib,
                "disk_type": args.boot_disk_type,
                "labels": args.common.labels,
            }
        ],
        opts=opts,
        **shared,
    )


def _group(
    name: str,
    args: GcpGpuTargetArgs,
    template: gcp.compute.InstanceTemplate,
    opts: pulumi.ResourceOptions,
) -> gcp.compute.InstanceGroupManager:
    common = args.common
    return gcp.compute.InstanceGroupManager(
        f"{name}-group",
        zone=common.zone,
        project=common.project,
        base_instance_name=args.base_instance_name,
        target_size=args.units,
        versions=[{"name": "primary", "instance_template": template.self_link_unique}],
        all_instances_config={"labels": common.labels},
        update_policy={"type": "OPPORTUNISTIC", "minimal_action": "REPLACE"},
        description=f"aihw workload {common.workload}: {args.units} x {args.machine_type}",
        wait_for_instances=False,
        opts=opts,
    )
