"""Azure specs as data and resource types, for the Azure target tests (mock engine helpers
come from ``tests/targets/engine.py``)."""

from __future__ import annotations

from typing import Any

from pulumi_aihw.targets.azure.args import AzureTargetArgs
from pulumi_aihw.targets.azure.settings import azure_target_args
from pulumi_aihw.targets.resolve import resolve_workload
from tests.specs import pinned

VM = "azure-native:compute:VirtualMachine"
VMSS = "azure-native:compute:VirtualMachineScaleSet"
EXTENSION = "azure-native:compute:VirtualMachineExtension"
NIC = "azure-native:network:NetworkInterface"
NSG = "azure-native:network:NetworkSecurityGroup"
VNET = "azure-native:network:VirtualNetwork"
SUBNET = "azure-native:network:Subnet"
PUBLIC_IP = "azure-native:network:PublicIPAddress"
IDENTITY = "azure-native:managedidentity:UserAssignedIdentity"
GROUP = "azure-native:resources:ResourceGroup"
TARGET = "aihw:index:AzureTarget"
ROLE_ASSIGNMENT = "azure-native:authorization:RoleAssignment"

TAGGED = {VM, VMSS, NIC, NSG, VNET, PUBLIC_IP, IDENTITY, GROUP, EXTENSION}
"""Azure resource types the target tags (a subnet takes no tags)."""

KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTestsOnlyFakeKeyForTests t@example"
TAGS = {"aihw-workload": "chat", "aihw-offering": "x", "aihw-owner": "team-chat"}
SUBNET_ID = (
    "/subscriptions/0000/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/s"
)


def azure(offering: str, units: int = 1, region: str = "eastus", **fields: Any) -> dict[str, Any]:
    """A PyTorch + vLLM inference spec pinned to ``units`` x the Azure size ``offering``,
    with an SSH key (``deploy.azure`` fields merge over it)."""
    deploy = {"azure": {"ssh_public_keys": [KEY], **fields.pop("deploy_azure", {})}}
    fields.setdefault("placement", {"providers": ["azure"], "regions": [region]})
    return pinned(offering, units, deploy=deploy, **fields)


def azure_args(data: dict[str, Any]) -> AzureTargetArgs:
    r = resolve_workload("t", spec=data)
    return azure_target_args(r.spec, r.chosen, TAGS)
