"""The example GCP stacks: their layout, and `aihw preview` on each one through the real
command (a subprocess), as JSON and as a table. Their project files are validated against
Pulumi's schema with every stack's in test_project_files.py."""

from __future__ import annotations

import pytest

from tests.stacks.layout import aihw, assert_stack_layout, preview_json

V2VM = "gcp:tpu/v2Vm:V2Vm"
GROUP = "gcp:compute/instanceGroupManager:InstanceGroupManager"
INSTANCE = "gcp:compute/instance:Instance"

GCP_STACKS = {
    # stack: (offering, units, compute type, compute resources)
    "gcp-tpu-training": ("v6e-32", 1, V2VM, 1),
    "gcp-tpu-inference": ("v5litepod-4", 3, V2VM, 3),
    # seven g2-standard-24 (2 x L4): from fleet_threshold (4) VMs, one managed group
    "gcp-gpu-inference": ("g2-standard-24", 7, GROUP, 1),
}


@pytest.mark.parametrize("name", sorted(GCP_STACKS))
def test_stack_layout(name):
    config = assert_stack_layout(name, "gcp")
    assert config["gcp:project"] and config["gcp:region"] == "us-central1"


def resources(data: dict, type_token: str) -> list[dict]:
    return [r for r in data["resources"] if r["type"] == type_token]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(GCP_STACKS))
def test_aihw_preview_json(name):
    offering, units, compute_type, count = GCP_STACKS[name]
    data = preview_json(name, offering, units)
    assert len(resources(data, compute_type)) == count
    assert len(resources(data, "aihw:index:Workload")) == 1
    assert not [d for d in data["diagnostics"] if "no offline placeholder" in d]
    for r in data["resources"]:
        if r["type"].startswith(("gcp:tpu/", "gcp:compute/instance")):
            labels = r["inputs"].get("labels") or r["inputs"]["allInstancesConfig"]["labels"]
            assert labels["aihw-offering"] == offering
    if name == "gcp-tpu-training":  # one multi-host slice in the project's own network
        (vm,) = resources(data, V2VM)
        assert vm["inputs"]["zone"] == "us-central1-b"
        assert vm["inputs"]["networkConfig"] == {
            "enableExternalIps": False,
            "network": "ml-vpc",
            "subnetwork": "ml-tpu-us-central1",
        }
    if name == "gcp-tpu-inference":  # a given service account: none is created
        assert not resources(data, "gcp:serviceaccount/account:Account")
        for vm in resources(data, V2VM):
            email = vm["inputs"]["serviceAccount"]["email"]
            assert email == "tpu-serving@my-ml-project.iam.gserviceaccount.com"
    if name == "gcp-gpu-inference":  # seven VMs: at or above the fleet threshold of 4, one group
        assert not resources(data, INSTANCE)
        tmpl = resources(data, "gcp:compute/instanceTemplate:InstanceTemplate")
        assert len(tmpl) == 1
        assert tmpl[0]["inputs"]["scheduling"]["onHostMaintenance"] == "TERMINATE"
        (fw,) = resources(data, "gcp:compute/firewall:Firewall")
        assert fw["inputs"]["sourceRanges"] == ["10.0.0.0/8"]


@pytest.mark.slow
def test_aihw_preview_table():
    result = aihw("preview", "stacks/gcp-tpu-inference")
    assert result.returncode == 0, result.stderr
    assert "gcp:tpu/v2Vm:V2Vm" in result.stdout
    assert "acceleratorType=v5litepod-4" in result.stdout
    assert "Plan: chat: gcp v5litepod-4 x3 in us-central1" in result.stdout
