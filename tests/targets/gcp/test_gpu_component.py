"""The GCP GPU target under Pulumi's mock engine, asserting resource types and engine inputs."""

from __future__ import annotations

from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.preview.invokes import INVOKES
from pulumi_aihw.targets.gcp.images import DLVM_PROJECT, DLVM_PYTORCH
from pulumi_aihw.targets.gcp.settings import CLOUD_PLATFORM_SCOPE
from tests.targets.engine import STACK, WORKLOAD, one, preview_workload, types
from tests.targets.gcp.helpers import (
    ACCOUNT,
    FIREWALL,
    GPU_TARGET,
    GROUP,
    INSTANCE,
    TEMPLATE,
    deploy_gcp,
    gpu,
)

BASE = {STACK: 1, WORKLOAD: 1, GPU_TARGET: 1, ACCOUNT: 1}


def image_link(family: str = DLVM_PYTORCH, project: str = DLVM_PROJECT) -> str:
    return INVOKES["gcp:compute/getImage:getImage"]({"family": family, "project": project})[
        "selfLink"
    ]


def test_gpu_vm():
    p = preview_workload(gpu("a3-highgpu-1g"))
    assert types(p) == {**BASE, INSTANCE: 1}
    vm = one(p, INSTANCE)
    assert vm.name == "chat-gcp-gpu-0" and vm.parent == one(p, GPU_TARGET).urn
    i = vm.inputs
    assert (i["machineType"], i["zone"]) == ("a3-highgpu-1g", "us-central1-a")
    assert "guestAccelerators" not in i  # A3 machine types come with their H100 attached
    assert i["bootDisk"] == {
        "autoDelete": True,
        "initializeParams": {
            "image": image_link(),
            "size": 90.0,  # ceil_10(50 GiB image + 2 x 14.9 GiB x 1.2)
            "type": "pd-balanced",
            "labels": i["labels"],
        },
    }
    assert i["scheduling"] == {
        "onHostMaintenance": "TERMINATE",
        "automaticRestart": True,
        "provisioningModel": "STANDARD",
    }
    assert i["networkInterfaces"] == [{"nicType": "GVNIC", "network": "default"}]
    assert i["serviceAccount"] == {"email": UNKNOWN, "scopes": [CLOUD_PLATFORM_SCOPE]}
    assert i["metadata"]["enable-oslogin"] == "TRUE"
    assert i["metadata"]["install-nvidia-driver"] == "True"
    assert "reservationAffinity" not in i
    assert one(p, GPU_TARGET).inputs == {
        "zone": "us-central1-a",
        "machineType": "a3-highgpu-1g",
        "units": 1.0,
        "fleet": False,
        "market": "on-demand",
        "image": f"projects/{DLVM_PROJECT}/global/images/family/{DLVM_PYTORCH}",
    }


def test_gpu_fleet_is_one_template_and_one_group():
    small = preview_workload(gpu("g2-standard-8", 4))
    large = preview_workload(gpu("g2-standard-8", 400))
    assert types(large) == types(small) == {**BASE, TEMPLATE: 1, GROUP: 1}
    group = one(large, GROUP).inputs
    assert group["targetSize"] == 400.0 and one(small, GROUP).inputs["targetSize"] == 4.0
    assert group["zone"] == "us-central1-a" and group["baseInstanceName"] == "chat"
    assert group["versions"] == [{"name": "primary", "instanceTemplate": UNKNOWN}]
    assert group["updatePolicy"] == {"type": "OPPORTUNISTIC", "minimalAction": "REPLACE"}
    t = one(large, TEMPLATE).inputs
    assert t["machineType"] == "g2-standard-8"
    (disk,) = t["disks"]
    assert (disk["boot"], disk["sourceImage"], disk["diskSizeGb"], disk["diskType"]) == (
        True,
        image_link(),
        90.0,
        "pd-balanced",
    )
    assert t["scheduling"]["onHostMaintenance"] == "TERMINATE"
    assert INSTANCE not in types(large)


def test_spot_fleet():
    p = preview_workload(gpu("g2-standard-8", 4, constraints={"purchase_option": "spot"}))
    assert one(p, TEMPLATE).inputs["scheduling"] == {
        "onHostMaintenance": "TERMINATE",
        "automaticRestart": False,
        "preemptible": True,
        "provisioningModel": "SPOT",
        "instanceTerminationAction": "DELETE",
    }
    assert one(p, GPU_TARGET).inputs["market"] == "spot"


def test_spot_vm_stops_when_preempted():
    p = preview_workload(gpu("a3-highgpu-1g", constraints={"purchase_option": "spot"}))
    scheduling = one(p, INSTANCE).inputs["scheduling"]
    assert scheduling["provisioningModel"] == "SPOT"
    assert scheduling["instanceTerminationAction"] == "STOP"


def test_named_reservation():
    data = gpu(
        "a3-highgpu-8g",
        constraints={"purchase_option": "reserved"},
        deploy=deploy_gcp(reservation_name="h100-pool"),
    )
    affinity = one(preview_workload(data), INSTANCE).inputs["reservationAffinity"]
    assert affinity == {
        "type": "SPECIFIC_RESERVATION",
        "specificReservation": {
            "key": "compute.googleapis.com/reservation-name",
            "values": ["h100-pool"],
        },
    }


def test_explicit_image_and_boot_disk():
    data = gpu(
        "g2-standard-8",
        frameworks=["jax"],
        deploy=deploy_gcp(image="projects/ml-images/global/images/llm-v3", boot_disk_gib=500),
    )
    params = one(preview_workload(data), INSTANCE).inputs["bootDisk"]["initializeParams"]
    assert (
        params["image"]
        == "https://www.googleapis.com/compute/v1/projects/ml-images/global/images/llm-v3"
    )
    assert params["size"] == 500.0
    metadata = one(preview_workload(data), INSTANCE).inputs["metadata"]
    assert "install-nvidia-driver" not in metadata  # not a Deep Learning VM image


def test_a3_ultra_boots_from_hyperdisk():
    data = gpu("a3-ultragpu-8g", placement={"providers": ["gcp"], "regions": ["us-central1"]})
    p = preview_workload(data)
    assert one(p, INSTANCE).inputs["bootDisk"]["initializeParams"]["type"] == "hyperdisk-balanced"
    assert one(p, INSTANCE).inputs["zone"] == "us-central1-b"


def test_bring_your_own_project_and_network():
    data = gpu(
        "g2-standard-8",
        deploy=deploy_gcp(project="ml-prod", network="ml-vpc", subnetwork="ml-subnet"),
        network={"ingress": [{"port": 8000, "cidrs": ["10.0.0.0/8"]}]},
    )
    p = preview_workload(data)
    vm = one(p, INSTANCE).inputs
    assert vm["project"] == "ml-prod"
    assert vm["networkInterfaces"] == [
        {"nicType": "GVNIC", "subnetwork": "ml-subnet", "network": "ml-vpc"}
    ]
    fw = one(p, FIREWALL).inputs
    assert (fw["network"], fw["project"], fw["sourceRanges"]) == (
        "ml-vpc",
        "ml-prod",
        ["10.0.0.0/8"],
    )
    assert fw["allows"] == [{"protocol": "tcp", "ports": ["8000"]}]
    assert fw["targetTags"] == vm["tags"] == ["aihw-chat"]
    assert one(p, ACCOUNT).inputs["project"] == "ml-prod"


def test_a_given_service_account_creates_none():
    email = "gpu-runner@ml-prod.iam.gserviceaccount.com"
    p = preview_workload(gpu("g2-standard-8", deploy=deploy_gcp(service_account=email)))
    assert ACCOUNT not in types(p)
    assert one(p, INSTANCE).inputs["serviceAccount"]["email"] == email


def test_outputs_after_an_up():
    p = preview_workload(gpu("g2-standard-8", 2), dry_run=False)
    out = one(p, GPU_TARGET).outputs
    assert out["zone"] == "us-central1-a"
    assert len(out["internal_ips"]) == 2
    assert "group_name" not in out  # None outputs are dropped by Pulumi
