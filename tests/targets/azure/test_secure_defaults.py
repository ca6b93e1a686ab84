"""Secure defaults of the Azure target: no public IP, an NSG with no inbound rule, SSH keys
and no password, Trusted Launch with vTPM and encryption at host, a user-assigned identity
with no role, and the aihw tags on every taggable resource."""

from __future__ import annotations

from tests.targets.azure.helpers import (
    IDENTITY,
    KEY,
    NIC,
    NSG,
    PUBLIC_IP,
    ROLE_ASSIGNMENT,
    TAGGED,
    VM,
    VMSS,
    azure,
)
from tests.targets.engine import one, preview_workload, types

CASES = {
    "vm": azure("Standard_NC40ads_H100_v5", region="westeurope"),
    "scale-set": azure("Standard_NC40ads_H100_v5", 6, region="westeurope"),
}


def _profiles(kind: str) -> list[dict]:
    p = preview_workload(CASES[kind])
    if kind == "vm":
        return [one(p, VM).inputs]
    return [one(p, VMSS).inputs["virtualMachineProfile"]]


def test_no_public_ip_and_no_inbound_rule() -> None:
    for data in CASES.values():
        p = preview_workload(data)
        assert PUBLIC_IP not in types(p)
        assert one(p, NSG).inputs.get("securityRules", []) == []
        for nic in p.of_type(NIC):
            assert "publicIPAddress" not in nic.inputs["ipConfigurations"][0]
    fleet = preview_workload(CASES["scale-set"])
    (cfg,) = one(fleet, VMSS).inputs["virtualMachineProfile"]["networkProfile"][
        "networkInterfaceConfigurations"
    ]
    assert "publicIPAddressConfiguration" not in cfg["ipConfigurations"][0]


def test_ssh_keys_only_never_a_password() -> None:
    for kind in CASES:
        for profile in _profiles(kind):
            os = profile["osProfile"]
            assert "adminPassword" not in os
            linux = os["linuxConfiguration"]
            assert linux["disablePasswordAuthentication"] is True
            assert linux["ssh"]["publicKeys"] == [
                {"path": "/home/azureuser/.ssh/authorized_keys", "keyData": KEY}
            ]


def test_trusted_launch_and_encryption_at_host_where_supported() -> None:
    for kind in CASES:
        for profile in _profiles(kind):
            assert profile["securityProfile"] == {
                "encryptionAtHost": True,
                "securityType": "TrustedLaunch",
                "uefiSettings": {"secureBootEnabled": False, "vTpmEnabled": True},
            }
    ndm = one(preview_workload(azure("Standard_ND96amsr_A100_v4")), VM).inputs
    assert ndm["securityProfile"] == {"encryptionAtHost": True}  # NDm A100 v4: no Trusted Launch
    opted = azure(
        "Standard_NC40ads_H100_v5",
        region="westeurope",
        deploy_azure={"secure_boot": True, "encryption_at_host": False},
    )
    security = one(preview_workload(opted), VM).inputs["securityProfile"]
    assert security["uefiSettings"]["secureBootEnabled"] is True
    assert security["encryptionAtHost"] is False


def test_user_assigned_identity_with_no_role() -> None:
    p = preview_workload(CASES["vm"])
    assert types(p)[IDENTITY] == 1 and ROLE_ASSIGNMENT not in types(p)
    assert one(p, VM).inputs["identity"]["type"] == "UserAssigned"


def test_every_taggable_resource_carries_the_aihw_tags() -> None:
    for data in CASES.values():
        p = preview_workload(data)
        for r in p.resources:
            if r.type in TAGGED:
                tags = r.inputs["tags"]
                assert tags["aihw-workload"] == "chat", r.type
                assert tags["aihw-offering"] == "Standard_NC40ads_H100_v5", r.type
                assert tags["aihw-owner"] == "team-chat", r.type
                assert tags["cost-center"] == "ml-4711", r.type
