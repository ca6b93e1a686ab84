"""The TPU target under Pulumi's mock engine, asserting resource types and engine inputs."""

from __future__ import annotations

import pytest

from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.errors import SpecError
from pulumi_aihw.preview.invokes import PLACEHOLDER_GCP_PROJECT
from pulumi_aihw.targets.gcp.settings import CLOUD_PLATFORM_SCOPE, resource_id
from tests.targets.engine import STACK, WORKLOAD, one, preview_workload, types
from tests.targets.gcp.helpers import ACCOUNT, GCP, QUEUED, TPU_TARGET, V2VM, deploy_gcp, tpu

BASE = {STACK: 1, WORKLOAD: 1, TPU_TARGET: 1, ACCOUNT: 1}


def test_single_host_tpu():
    p = preview_workload(tpu("v5litepod-8"))
    assert types(p) == {**BASE, V2VM: 1}
    vm = one(p, V2VM)
    assert vm.name == "chat-gcp-tpu-slice-0" and vm.parent == one(p, TPU_TARGET).urn
    assert one(p, TPU_TARGET).parent == one(p, WORKLOAD).urn
    i = vm.inputs
    assert (i["acceleratorType"], i["runtimeVersion"], i["zone"]) == (
        "v5litepod-8",
        "v2-alpha-tpuv5-lite",
        "us-central1-a",
    )
    assert "schedulingConfig" not in i and "acceleratorConfig" not in i
    assert i["networkConfig"] == {"enableExternalIps": False}
    assert i["serviceAccount"] == {"email": UNKNOWN, "scopes": [CLOUD_PLATFORM_SCOPE]}
    assert i["shieldedInstanceConfig"] == {"enableSecureBoot": True}
    assert i["tags"] == ["aihw-chat"]
    assert i["description"] == "aihw workload chat: v5litepod-8, single slice"
    assert one(p, ACCOUNT).inputs["accountId"].startswith("aihw-chat-")
    assert one(p, TPU_TARGET).inputs == {
        "zone": "us-central1-a",
        "acceleratorType": "v5litepod-8",
        "slices": 1.0,
        "hostsPerSlice": 1.0,
        "runtimeVersion": "v2-alpha-tpuv5-lite",
        "market": "on-demand",
        "queued": False,
    }


def test_multi_host_slice():
    data = tpu("v6e-32", phase="training", placement={**GCP, "regions": ["us-central1"]})
    p = preview_workload(data)
    assert types(p)[V2VM] == 1  # one slice of 8 hosts is one TPU VM resource
    assert one(p, V2VM).inputs["acceleratorType"] == "v6e-32"
    assert one(p, TPU_TARGET).inputs["hostsPerSlice"] == 8.0
    assert one(p, V2VM).inputs["zone"] == "us-central1-b"


def test_v4_slices_count_tensorcores():
    p = preview_workload(tpu("v4-32"))
    assert one(p, V2VM).inputs["acceleratorType"] == "v4-32"
    assert one(p, V2VM).inputs["zone"] == "us-central2-b"
    assert one(p, TPU_TARGET).inputs["hostsPerSlice"] == 4.0  # 16 chips, 4 per host
    assert one(p, WORKLOAD).inputs["plan"]["chosen"]["accelerators"] == 16.0


def test_spot_tpu():
    p = preview_workload(tpu("v6e-8", constraints={"purchase_option": "spot"}))
    assert one(p, V2VM).inputs["schedulingConfig"] == {"spot": True}
    assert one(p, TPU_TARGET).inputs["market"] == "spot"
    assert one(p, WORKLOAD).inputs["plan"]["chosen"]["price_basis"] == "spot"


def test_reserved_tpu():
    p = preview_workload(tpu("v6e-8", constraints={"purchase_option": "reserved"}))
    assert one(p, V2VM).inputs["schedulingConfig"] == {"reserved": True}


def test_multislice():
    p = preview_workload(tpu("v5litepod-8", 3))
    assert types(p) == {**BASE, V2VM: 3}
    vms = sorted(p.of_type(V2VM), key=lambda r: r.name)
    assert [v.name for v in vms] == [f"chat-gcp-tpu-slice-{i}" for i in range(3)]
    assert {v.inputs["zone"] for v in vms} == {"us-central1-a"}  # one zone for all slices
    assert [v.inputs["description"] for v in vms] == [
        f"aihw workload chat: v5litepod-8, slice {i} of 3" for i in (1, 2, 3)
    ]
    assert one(p, TPU_TARGET).inputs["slices"] == 3.0


def test_queued_resource_holds_every_slice():
    data = tpu("v5litepod-16", 2, deploy=deploy_gcp(queued=True))
    p = preview_workload(data)
    assert types(p) == {STACK: 1, WORKLOAD: 1, TPU_TARGET: 1, QUEUED: 1}  # no account: unusable
    q = one(p, QUEUED).inputs
    assert q["zone"] == "us-central1-a"
    parent = f"projects/{PLACEHOLDER_GCP_PROJECT}/locations/us-central1-a"  # provider's project
    specs = q["tpu"]["nodeSpecs"]
    assert [s["nodeId"] for s in specs] == [resource_id("chat", "test", i) for i in (0, 1)]
    for n, s in enumerate(specs, start=1):
        assert s["parent"] == parent
        assert s["node"] == {
            "runtimeVersion": "v2-alpha-tpuv5-lite",
            "acceleratorType": "v5litepod-16",
            "description": f"aihw workload chat: v5litepod-16, slice {n} of 2",
            "networkConfig": {"enableExternalIps": False},
        }
    assert any("V2QueuedResource cannot set labels" in d for d in p.diagnostics)
    outputs = one(p, TPU_TARGET).outputs
    assert outputs["node_names"] == [resource_id("chat", "test", i) for i in (0, 1)]


def test_queued_resource_in_a_given_project_and_network():
    data = tpu(
        "v6e-8",
        deploy=deploy_gcp(queued=True, project="ml-prod", network="ml-vpc", subnetwork="tpu"),
    )
    q = one(preview_workload(data), QUEUED).inputs
    assert q["project"] == "ml-prod"
    (spec,) = q["tpu"]["nodeSpecs"]
    assert spec["parent"] == "projects/ml-prod/locations/us-central1-b"
    assert spec["node"]["networkConfig"] == {
        "enableExternalIps": False,
        "network": "ml-vpc",
        "subnetwork": "tpu",
    }


@pytest.mark.parametrize("option", ["spot", "reserved"])
def test_queued_spot_or_reserved_is_a_clear_error(option):
    data = tpu("v6e-8", constraints={"purchase_option": option}, deploy=deploy_gcp(queued=True))
    with pytest.raises(SpecError, match=rf"cannot ask for {option} capacity.*To fix"):
        preview_workload(data)


def test_outputs_after_an_up():
    p = preview_workload(tpu("v5litepod-8", 2), dry_run=False)
    out = one(p, TPU_TARGET).outputs
    assert out["zone"] == "us-central1-a"
    assert out["network_endpoints"] == [[], []]  # the mock reports no workers' IPs
    assert one(p, WORKLOAD).outputs["target"]["zone"] == "us-central1-a"
