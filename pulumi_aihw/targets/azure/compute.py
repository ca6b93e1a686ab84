"""The VMs: below ``fleet_threshold`` one NIC (and a public IP only if asked) and one
``compute.VirtualMachine`` per VM; from it on, or for multi-node InfiniBand training, one
``compute.VirtualMachineScaleSet`` with ``capacity`` = units (the resource count does not
grow with the node count).

A VM and a scale set's VM profile share every setting (:func:`profile`): the image, an OS
disk sized for the model, SSH keys and no password, Trusted Launch, encryption at host,
the user-assigned identity, Spot and capacity reservations. Extensions: the NVIDIA GPU
driver (GRID sizes on a plain image) and Entra ID SSH login, when asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pulumi
import pulumi_azure_native as azure

from pulumi_aihw.targets.azure.args import AzureTargetArgs
from pulumi_aihw.targets.azure.images import GPU_DRIVER_EXTENSION
from pulumi_aihw.targets.azure.network import Placement
from pulumi_aihw.targets.azure.settings import PLACEMENT_GROUP_MAX_VMS

ENTRA_LOGIN_EXTENSION = ("Microsoft.Azure.ActiveDirectory", "AADSSHLoginForLinux", "1.0")
"""(publisher, type, handler version) of the Entra ID SSH login extension."""


@dataclass(frozen=True)
class Nodes:
    vms: list[azure.compute.VirtualMachine] = field(default_factory=list)
    nics: list[azure.network.NetworkInterface] = field(default_factory=list)
    scale_set: azure.compute.VirtualMachineScaleSet | None = None


def nodes(
    name: str, args: AzureTargetArgs, where: Placement, opts: pulumi.ResourceOptions
) -> Nodes:
    if args.scale_set:
        return Nodes(scale_set=_scale_set(name, args, where, opts))
    out = Nodes()
    for i in range(args.units):
        nic = _nic(f"{name}-{i}", args, where, opts)
        settings: dict[str, Any] = {
            "resource_group_name": where.resource_group,
            "location": args.region,
            "zones": [args.zone] if args.zone else None,
            "hardware_profile": {"vm_size": args.vm_size},
            "network_profile": {"network_interfaces": [{"id": nic.id, "primary": True}]},
            "identity": _identity(args, where),
            "tags": args.tags,
            **profile(args, f"{args.computer_name_prefix}-{i}"),
        }
        vm = azure.compute.VirtualMachine(f"{name}-{i}", opts=opts, **settings)
        _vm_extensions(f"{name}-{i}", args, vm, where, opts)
        out.nics.append(nic)
        out.vms.append(vm)
    return out


def profile(args: AzureTargetArgs, computer_name: str) -> dict[str, Any]:
    """What a VM and a scale set's VM profile share (the same argument names)."""
    out: dict[str, Any] = {
        "storage_profile": {
            "image_reference": args.image.reference(),
            "os_disk": {
                "create_option": "FromImage",
                "disk_size_gb": args.os_disk_gib,
                "managed_disk": {"storage_account_type": "Premium_LRS"},
                "caching": "ReadWrite",
                "delete_option": "Delete",
            },
        },
        "os_profile": _os_profile(args, computer_name),
        "security_profile": _security(args),
    }
    if args.purchase == "spot":
        out["priority"] = "Spot"
        out["eviction_policy"] = args.eviction_policy
        out["billing_profile"] = {"max_price": -1}  # up to pay-as-you-go: evicted only for capacity
    if args.capacity_reservation_group_id:
        out["capacity_reservation"] = {
            "capacity_reservation_group": {"id": args.capacity_reservation_group_id}
        }
    return out


def _os_profile(args: AzureTargetArgs, computer_name: str) -> dict[str, Any]:
    keys = [
        {"path": f"/home/{args.admin_username}/.ssh/authorized_keys", "key_data": key}
        for key in args.ssh_public_keys
    ]
    return {
        "computer_name": computer_name,
        "admin_username": args.admin_username,
        "linux_configuration": {
            "disable_password_authentication": True,
            "ssh": {"public_keys": keys},
        },
    }


def _security(args: AzureTargetArgs) -> dict[str, Any]:
    out: dict[str, Any] = {"encryption_at_host": args.encryption_at_host}
    if args.trusted_launch:
        out["security_type"] = "TrustedLaunch"
        out["uefi_settings"] = {"secure_boot_enabled": args.secure_boot, "v_tpm_enabled": True}
    return out


def _identity(args: AzureTargetArgs, where: Placement) -> dict[str, Any]:
    kind = "SystemAssigned, UserAssigned" if args.entra_login else "UserAssigned"
    return {"type": kind, "user_assigned_identities": [where.identity_id]}


def _nic(
    name: str, args: AzureTargetArgs, where: Placement, opts: pulumi.ResourceOptions
) -> azure.network.NetworkInterface:
    ip: dict[str, Any] = {"name": "ipconfig1", "subnet": {"id": where.subnet_id}, "primary": True}
    if args.network.public_ip:
        public = azure.network.PublicIPAddress(
            f"{name}-ip",
            resource_group_name=where.resource_group,
            location=args.region,
            sku={"name": "Standard"},
            public_ip_allocation_method="Static",
            zones=[args.zone] if args.zone else None,
            tags=args.tags,
            opts=opts,
        )
        ip["public_ip_address"] = {"id": public.id}
    settings: dict[str, Any] = {
        "resource_group_name": where.resource_group,
        "location": args.region,
        "ip_configurations": [ip],
        "network_security_group": {"id": where.nsg_id},
        "enable_accelerated_networking": True,
        "tags": args.tags,
    }
    return azure.network.NetworkInterface(f"{name}-nic", opts=opts, **settings)


def extensions(args: AzureTargetArgs) -> list[dict[str, Any]]:
    """The VM extensions to install: (name, publisher, type, version) as engine arguments."""
    wanted = []
    if args.gpu_driver_extension:
        wanted.append(("nvidia-gpu-driver", *GPU_DRIVER_EXTENSION))
    if args.entra_login:
        wanted.append(("entra-ssh-login", *ENTRA_LOGIN_EXTENSION))
    return [
        {
            "name": name,
            "publisher": publisher,
            "type": kind,
            "type_handler_version": version,
            "auto_upgrade_minor_version": True,
        }
        for name, publisher, kind, version in wanted
    ]


def _vm_extensions(
    name: str,
    args: AzureTargetArgs,
    vm: azure.compute.VirtualMachine,
    where: Placement,
    opts: pulumi.ResourceOptions,
) -> None:
    for ext in extensions(args):
        azure.compute.VirtualMachineExtension(
            f"{name}-{ext['name']}",
            resource_group_name=where.resource_group,
            vm_name=vm.name,
            location=args.region,
            vm_extension_name=ext["name"],
            publisher=ext["publisher"],
            type=ext["type"],
            type_handler_version=ext["type_handler_version"],
            auto_upgrade_minor_version=True,
            tags=args.tags,
            opts=opts,
        )


def _scale_set(
    name: str, args: AzureTargetArgs, where: Placement, opts: pulumi.ResourceOptions
) -> azure.compute.VirtualMachineScaleSet:
    ip: dict[str, Any] = {"name": "ipconfig1", "subnet": {"id": where.subnet_id}, "primary": True}
    if args.network.public_ip:
        ip["public_ip_address_configuration"] = {"name": "public", "sku": {"name": "Standard"}}
    vm_profile = profile(args, "")
    os_profile = vm_profile.pop("os_profile")
    os_profile.pop("computer_name")
    os_profile["computer_name_prefix"] = args.computer_name_prefix
    vm_profile["os_profile"] = os_profile
    vm_profile["network_profile"] = {
        "network_interface_configurations": [
            {
                "name": "nic",
                "primary": True,
                "enable_accelerated_networking": True,
                "network_security_group": {"id": where.nsg_id},
                "ip_configurations": [ip],
            }
        ]
    }
    exts = extensions(args)
    if exts:
        vm_profile["extension_profile"] = {
            "extensions": [
                {
                    "name": e["name"],
                    "publisher": e["publisher"],
                    "type": e["type"],
                    "type_handler_version": e["type_handler_version"],
                    "auto_upgrade_minor_version": True,
                }
                for e in exts
            ]
        }
    settings: dict[str, Any] = {
        "resource_group_name": where.resource_group,
        "location": args.region,
        "zones": [args.zone] if args.zone else None,
        "sku": {"name": args.vm_size, "tier": "Standard", "capacity": args.units},
        "orchestration_mode": "Uniform",
        "upgrade_policy": {"mode": "Manual"},
        "overprovision": False,
        # InfiniBand connects the VMs of one placement group (at most 100 VMs)
        "single_placement_group": args.infiniband or args.units <= PLACEMENT_GROUP_MAX_VMS,
        "platform_fault_domain_count": 1,
        "identity": _identity(args, where),
        "virtual_machine_profile": vm_profile,
        "tags": args.tags,
    }
    return azure.compute.VirtualMachineScaleSet(f"{name}-vmss", opts=opts, **settings)
