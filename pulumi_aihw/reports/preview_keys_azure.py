"""The inputs a preview table shows first for the Azure target's resources (merged into
:data:`pulumi_aihw.reports.preview_text.KEY_INPUTS`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pulumi_aihw.rules.facts.values import get

Getter = Callable[[dict[str, Any]], Any]


def _image(profile: Any) -> Any:
    ref = get(profile, "storageProfile", "imageReference")
    if not isinstance(ref, dict):
        return ref
    return ref.get("id") or ":".join(str(ref.get(k)) for k in ("publisher", "offer", "sku"))


def _security(profile: Any) -> Any:
    sec = get(profile, "securityProfile")
    if not isinstance(sec, dict):
        return sec
    kind = sec.get("securityType") or "Standard"
    return f"{kind}, encryptionAtHost={sec.get('encryptionAtHost')}"


def _vm_profile(profile: Any) -> dict[str, Any]:
    return {
        "image": _image(profile),
        "osDiskGiB": get(profile, "storageProfile", "osDisk", "diskSizeGB"),
        "security": _security(profile),
        "priority": get(profile, "priority"),
    }


def _profile_key(key: str, *path: str) -> Getter:
    """A getter of one :func:`_vm_profile` entry of the profile at ``path``."""

    def read(inputs: dict[str, Any]) -> Any:
        return _vm_profile(get(inputs, *path) if path else inputs)[key]

    return read


AZURE_KEY_INPUTS: dict[str, dict[str, Getter]] = {
    "aihw:index:AzureTarget": {
        "vmSize": lambda i: i.get("vmSize"),
        "units": lambda i: i.get("units"),
        "scaleSet": lambda i: i.get("scaleSet"),
        "infiniband": lambda i: i.get("infiniband"),
        "market": lambda i: i.get("market"),
        "image": lambda i: i.get("image"),
    },
    "azure-native:compute:VirtualMachine": {
        "vmSize": lambda i: get(i, "hardwareProfile", "vmSize"),
        "location": lambda i: i.get("location"),
        **{k: _profile_key(k) for k in ("image", "osDiskGiB", "security", "priority")},
    },
    "azure-native:compute:VirtualMachineScaleSet": {
        "vmSize": lambda i: get(i, "sku", "name"),
        "capacity": lambda i: get(i, "sku", "capacity"),
        "singlePlacementGroup": lambda i: i.get("singlePlacementGroup"),
        **{k: _profile_key(k, "virtualMachineProfile") for k in ("image", "security", "priority")},
    },
    "azure-native:network:NetworkSecurityGroup": {
        "inbound": lambda i: [
            f"{r.get('protocol')}:{r.get('destinationPortRange')} from "
            f"{','.join(r.get('sourceAddressPrefixes') or [])}"
            for r in i.get("securityRules") or []
            if isinstance(r, dict)
        ],
    },
    "azure-native:network:NetworkInterface": {
        "publicIp": lambda i: "publicIPAddress" in (get(i, "ipConfigurations", 0) or {}),
        "acceleratedNetworking": lambda i: i.get("enableAcceleratedNetworking"),
    },
    "azure-native:network:VirtualNetwork": {
        "addressSpace": lambda i: get(i, "addressSpace", "addressPrefixes"),
        "location": lambda i: i.get("location"),
    },
    "azure-native:network:Subnet": {"addressPrefix": lambda i: i.get("addressPrefix")},
    "azure-native:managedidentity:UserAssignedIdentity": {"location": lambda i: i.get("location")},
    "azure-native:resources:ResourceGroup": {"location": lambda i: i.get("location")},
}
"""Type token -> the inputs a person wants to see first."""
