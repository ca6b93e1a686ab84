"""The example Azure stacks: their layout, and `aihw preview` / `aihw check` on each one
through the real command (a subprocess). Their project files are validated against
Pulumi's schema with every stack's in test_project_files.py."""

from __future__ import annotations

import json

import pytest

from tests.stacks.layout import aihw, assert_stack_layout, preview_json

VM = "azure-native:compute:VirtualMachine"
NSG = "azure-native:network:NetworkSecurityGroup"
AZURE_STACKS = {
    # stack: (offering, units, region, image sku)
    "azure-gpu-inference": ("Standard_NC24ads_A100_v4", 2, "eastus", "2204"),
    "azure-mi300x-inference": ("Standard_ND96isr_MI300X_v5", 1, "northeurope", "2204-rocm"),
}


@pytest.mark.parametrize("name", sorted(AZURE_STACKS))
def test_stack_layout(name: str) -> None:
    config = assert_stack_layout(name, "azure")
    assert config["azure-native:location"] == AZURE_STACKS[name][2]
    keys = config[f"{name}:deploy"]["azure"]["ssh_public_keys"]
    assert keys and all(k.startswith("ssh-ed25519 ") for k in keys)


def resources(data: dict, type_token: str) -> list[dict]:
    return [r for r in data["resources"] if r["type"] == type_token]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(AZURE_STACKS))
def test_aihw_preview_json(name: str) -> None:
    offering, units, region, sku = AZURE_STACKS[name]
    data = preview_json(name, offering, units)
    assert not [d for d in data["diagnostics"] if "no offline placeholder" in d]
    vms = resources(data, VM)
    assert len(vms) == units  # separate VMs below deploy.azure.fleet_threshold (4)
    i = vms[0]["inputs"]
    assert (i["hardwareProfile"]["vmSize"], i["location"]) == (offering, region)
    assert i["storageProfile"]["imageReference"]["sku"] == sku
    assert i["osProfile"]["linuxConfiguration"]["disablePasswordAuthentication"] is True
    assert i["tags"]["aihw-offering"] == offering
    (nsg,) = resources(data, NSG)
    (rule,) = nsg["inputs"]["securityRules"]
    assert (rule["destinationPortRange"], rule["sourceAddressPrefixes"]) == ("8000", ["10.0.0.0/8"])
    existing_subnet = name == "azure-gpu-inference"
    assert bool(resources(data, "azure-native:network:VirtualNetwork")) is not existing_subnet


@pytest.mark.slow
def test_aihw_check_on_both_azure_stacks() -> None:
    result = aihw(
        "check", "stacks/azure-gpu-inference", "stacks/azure-mi300x-inference", "-f", "json"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    hardware = sorted(w["hardware"] for s in data["stacks"] for w in s["workloads"])
    assert hardware == ["Standard_NC24ads_A100_v4 x2", "Standard_ND96isr_MI300X_v5 x1"]
    stale = [
        f
        for f in data["findings"]
        if f["rule_id"] == "AIHW-COST-005" and f["status"] == "violation"
    ]
    assert [f["stack_dir"] for f in stale] == ["stacks/azure-gpu-inference"]
    assert "2024-12-31" in stale[0]["message"]  # the US fork's estimated date: flagged
