"""The Azure target under Pulumi's mock engine: single VM, scale set, multi-node InfiniBand,
spot, reserved capacity, existing network, extensions. Secure defaults: test_secure_defaults."""

from __future__ import annotations

import pytest

from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.errors import SpecError
from tests.targets.azure.helpers import (
    EXTENSION,
    GROUP,
    IDENTITY,
    KEY,
    NIC,
    NSG,
    PUBLIC_IP,
    SUBNET,
    SUBNET_ID,
    TARGET,
    VM,
    VMSS,
    VNET,
    azure,
)
from tests.targets.engine import STACK, WORKLOAD, one, preview_workload, types

BASE = {STACK: 1, WORKLOAD: 1, TARGET: 1, GROUP: 1, NSG: 1, IDENTITY: 1, VNET: 1, SUBNET: 1}
ROCM = {
    "publisher": "microsoft-dsvm",
    "offer": "ubuntu-hpc",
    "sku": "2204-rocm",
    "version": "latest",
}
CUDA = {**ROCM, "sku": "2204"}


def test_single_vm_on_nd_mi300x_v5() -> None:
    p = preview_workload(azure("Standard_ND96isr_MI300X_v5", region="northeurope"))
    assert types(p) == {**BASE, NIC: 1, VM: 1}
    vm = one(p, VM)
    assert vm.name == "chat-azure-0" and vm.parent == one(p, TARGET).urn
    i = vm.inputs
    assert (i["location"], i["hardwareProfile"]) == (
        "northeurope",
        {"vmSize": "Standard_ND96isr_MI300X_v5"},
    )
    assert i["storageProfile"]["imageReference"] == ROCM
    assert i["storageProfile"]["osDisk"] == {
        "createOption": "FromImage",
        "diskSizeGB": 300.0,  # ceil_10(256 + 2 copies x 14.9 GiB x 1.2)
        "managedDisk": {"storageAccountType": "Premium_LRS"},
        "caching": "ReadWrite",
        "deleteOption": "Delete",
    }
    assert "priority" not in i and "billingProfile" not in i and "zones" not in i
    assert one(p, TARGET).inputs == {
        "region": "northeurope",
        "vmSize": "Standard_ND96isr_MI300X_v5",
        "units": 1.0,
        "scaleSet": False,
        "infiniband": False,
        "market": "on-demand",
        "image": "microsoft-dsvm:ubuntu-hpc:2204-rocm:latest",
    }
    assert any("no Trusted Launch on ND-MI300X-v5" in d for d in p.diagnostics)


def test_scale_set_resource_count_is_flat_in_the_node_count() -> None:
    small = preview_workload(azure("Standard_NC24ads_A100_v4", 4))
    large = preview_workload(azure("Standard_NC24ads_A100_v4", 400))
    assert types(small) == types(large) == {**BASE, VMSS: 1}
    s = one(large, VMSS).inputs
    assert s["sku"] == {"name": "Standard_NC24ads_A100_v4", "tier": "Standard", "capacity": 400.0}
    assert (s["orchestrationMode"], s["upgradePolicy"], s["overprovision"]) == (
        "Uniform",
        {"mode": "Manual"},
        False,
    )
    assert s["singlePlacementGroup"] is False  # over 100 VMs: several placement groups
    assert one(small, VMSS).inputs["singlePlacementGroup"] is True
    profile = s["virtualMachineProfile"]
    assert profile["osProfile"]["computerNamePrefix"] == "chat"
    assert "computerName" not in profile["osProfile"]
    assert profile["storageProfile"]["imageReference"] == CUDA
    (nic,) = profile["networkProfile"]["networkInterfaceConfigurations"]
    assert nic["enableAcceleratedNetworking"] is True
    assert nic["networkSecurityGroup"] == {"id": UNKNOWN}
    assert nic["ipConfigurations"] == [
        {"name": "ipconfig1", "subnet": {"id": UNKNOWN}, "primary": True}
    ]


def test_three_vms_below_the_threshold_are_separate() -> None:
    p = preview_workload(azure("Standard_NC24ads_A100_v4", 3))
    assert types(p) == {**BASE, NIC: 3, VM: 3}
    names = {r.inputs["osProfile"]["computerName"] for r in p.of_type(VM)}
    assert names == {"chat-0", "chat-1", "chat-2"}


def test_multi_node_training_gets_infiniband_in_one_placement_group() -> None:
    data = azure("Standard_ND96isr_H100_v5", 2, phase="training")
    p = preview_workload(data)
    assert types(p) == {**BASE, VMSS: 1}  # a scale set even below fleet_threshold
    s = one(p, VMSS).inputs
    assert s["sku"]["capacity"] == 2.0 and s["singlePlacementGroup"] is True
    assert s["platformFaultDomainCount"] == 1.0
    assert one(p, TARGET).inputs["infiniband"] is True
    assert s["virtualMachineProfile"]["securityProfile"] == {
        "encryptionAtHost": True,
        "securityType": "TrustedLaunch",
        "uefiSettings": {"secureBootEnabled": False, "vTpmEnabled": True},
    }


def test_spot_vms_deallocate_and_spot_scale_sets_delete() -> None:
    spot = {"constraints": {"purchase_option": "spot"}}
    vm = one(preview_workload(azure("Standard_NC24ads_A100_v4", **spot)), VM).inputs
    assert (vm["priority"], vm["evictionPolicy"], vm["billingProfile"]) == (
        "Spot",
        "Deallocate",
        {"maxPrice": -1.0},
    )
    s = one(preview_workload(azure("Standard_NC24ads_A100_v4", 5, **spot)), VMSS).inputs
    profile = s["virtualMachineProfile"]
    assert (profile["priority"], profile["evictionPolicy"]) == ("Spot", "Delete")
    chosen = azure(
        "Standard_NC24ads_A100_v4", **spot, deploy_azure={"spot_eviction_policy": "Delete"}
    )
    assert one(preview_workload(chosen), VM).inputs["evictionPolicy"] == "Delete"


def test_reserved_capacity_group_and_reservation_order() -> None:
    group = (
        "/subscriptions/0000/resourceGroups/cap/providers/Microsoft.Compute/"
        "capacityReservationGroups/gpu"
    )
    # no source here has Azure reservation prices: the team gives its reserved rate
    rate = {"provider": "azure", "offering": "Standard_NC24ads_A100_v4", "usd_per_hour": 2.2}
    data = azure(
        "Standard_NC24ads_A100_v4",
        constraints={"purchase_option": "reserved"},
        pricing={"offerings": [rate]},
        deploy_azure={
            "capacity_reservation_group_id": group,
            "reservation_order_id": "/providers/Microsoft.Capacity/reservationOrders/abc-123",
        },
    )
    vm = one(preview_workload(data), VM).inputs
    assert vm["capacityReservation"] == {"capacityReservationGroup": {"id": group}}
    assert vm["tags"]["aihw-reservation"] == "abc-123"


def test_existing_subnet_and_resource_group_create_no_network() -> None:
    data = azure(
        "Standard_NC24ads_A100_v4", deploy_azure={"subnet_id": SUBNET_ID, "resource_group": "ml"}
    )
    p = preview_workload(data)
    assert types(p) == {STACK: 1, WORKLOAD: 1, TARGET: 1, NSG: 1, IDENTITY: 1, NIC: 1, VM: 1}
    nic = one(p, NIC).inputs
    assert nic["ipConfigurations"][0]["subnet"] == {"id": SUBNET_ID}
    assert nic["resourceGroupName"] == "ml" and one(p, VM).inputs["resourceGroupName"] == "ml"


def test_public_ip_and_ingress_only_when_asked() -> None:
    network = {
        "public_ip": True,
        "ingress": [{"port": 8000, "cidrs": ["203.0.113.0/24"], "description": "vLLM"}],
    }
    p = preview_workload(azure("Standard_NC24ads_A100_v4", network=network))
    assert types(p)[PUBLIC_IP] == 1
    ip = one(p, PUBLIC_IP).inputs
    assert (ip["sku"], ip["publicIPAllocationMethod"]) == ({"name": "Standard"}, "Static")
    assert one(p, NIC).inputs["ipConfigurations"][0]["publicIPAddress"] == {"id": UNKNOWN}
    (rule,) = one(p, NSG).inputs["securityRules"]
    assert rule == {
        "name": "aihw-in-0",
        "priority": 100.0,
        "direction": "Inbound",
        "access": "Allow",
        "protocol": "Tcp",
        "sourcePortRange": "*",
        "destinationPortRange": "8000",
        "sourceAddressPrefixes": ["203.0.113.0/24"],
        "destinationAddressPrefix": "*",
        "description": "aihw workload chat: vLLM",
    }
    fleet = preview_workload(azure("Standard_NC24ads_A100_v4", 4, network=network))
    (nic,) = one(fleet, VMSS).inputs["virtualMachineProfile"]["networkProfile"][
        "networkInterfaceConfigurations"
    ]
    assert nic["ipConfigurations"][0]["publicIPAddressConfiguration"] == {
        "name": "public",
        "sku": {"name": "Standard"},
    }


def test_grid_sizes_get_the_gpu_driver_extension_and_entra_login_its_own() -> None:
    data = azure("Standard_NV36ads_A10_v5", region="westeurope", deploy_azure={"entra_login": True})
    p = preview_workload(data)
    assert types(p)[EXTENSION] == 2
    exts = {r.inputs["vmExtensionName"]: r.inputs for r in p.of_type(EXTENSION)}
    assert (exts["nvidia-gpu-driver"]["publisher"], exts["nvidia-gpu-driver"]["type"]) == (
        "Microsoft.HpcCompute",
        "NvidiaGpuDriverLinux",
    )
    assert exts["entra-ssh-login"]["type"] == "AADSSHLoginForLinux"
    vm = one(p, VM).inputs
    assert vm["identity"]["type"] == "SystemAssigned, UserAssigned"
    assert vm["storageProfile"]["imageReference"]["publisher"] == "canonical"
    fleet = preview_workload(
        azure("Standard_NV36ads_A10_v5", 4, region="westeurope", deploy_azure={"entra_login": True})
    )
    profile = one(fleet, VMSS).inputs["virtualMachineProfile"]
    assert [e["name"] for e in profile["extensionProfile"]["extensions"]] == [
        "nvidia-gpu-driver",
        "entra-ssh-login",
    ]
    assert types(fleet).get(EXTENSION) is None


def test_bad_settings_stop_before_any_resource() -> None:
    no_key = azure("Standard_NC24ads_A100_v4")
    no_key["deploy"]["azure"]["ssh_public_keys"] = []
    with pytest.raises(SpecError, match="needs an SSH public key"):
        preview_workload(no_key)
    with pytest.raises(SpecError, match="capacity-block is an AWS purchase option"):
        preview_workload(
            azure("Standard_NC24ads_A100_v4", constraints={"purchase_option": "capacity-block"})
        )
    with pytest.raises(SpecError, match=r"deploy\.azure\.image: 'ubuntu' is not an image"):
        preview_workload(azure("Standard_NC24ads_A100_v4", deploy_azure={"image": "ubuntu"}))
    assert KEY.startswith("ssh-ed25519 ")
