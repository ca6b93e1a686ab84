"""What the GCP GPU target decides from a spec and its plan (pure: no Pulumi engine)."""

from __future__ import annotations

import pytest

from pulumi_aihw.errors import SpecError
from pulumi_aihw.targets.gcp.args import RESERVATION_NAME_KEY
from pulumi_aihw.targets.gcp.images import (
    DLVM_COMMON,
    DLVM_PROJECT,
    DLVM_PYTORCH,
    ImageRef,
    boot_disk_type,
    parse_image,
)
from pulumi_aihw.targets.gcp.zones import GPU_ZONES, known_zones, machine_series
from tests.targets.gcp.helpers import deploy_gcp, gpu, gpu_args

SMALL = {"name": "small", "parameters_billion": 1}


@pytest.mark.parametrize(
    ("offering", "region", "zone", "disk"),
    [
        ("a2-highgpu-1g", "us-central1", "us-central1-a", "pd-balanced"),
        ("a2-ultragpu-8g", "us-east5", "us-east5-a", "pd-balanced"),
        ("a3-highgpu-8g", "us-east4", "us-east4-a", "pd-balanced"),
        ("a3-ultragpu-8g", "us-central1", "us-central1-b", "hyperdisk-balanced"),
        ("g2-standard-8", "us-central1", "us-central1-a", "pd-balanced"),
    ],
)
def test_machine_families_zone_and_boot_disk_type(offering, region, zone, disk):
    placement = {"providers": ["gcp"], "regions": [region]}
    a = gpu_args(gpu(offering, placement=placement, model=SMALL))
    assert (a.machine_type, a.common.zone, a.boot_disk_type) == (offering, zone, disk)


def test_a4_b200_boots_from_hyperdisk_in_its_zones():
    # The catalog knows no price for a4-highgpu-8g, so no plan chooses it yet; the target
    # still knows where it runs and what it boots from.
    assert known_zones(GPU_ZONES, machine_series("a4-highgpu-8g"), "us-east4") == ("us-east4-b",)
    assert boot_disk_type("a4-highgpu") == "hyperdisk-balanced"


@pytest.mark.parametrize(
    ("frameworks", "family"),
    [
        (["pytorch", "vllm"], DLVM_PYTORCH),
        (["vllm"], DLVM_PYTORCH),
        (["jax"], DLVM_COMMON),
        (["tensorflow", "onnx"], DLVM_COMMON),
    ],
)
def test_deep_learning_vm_family_matches_the_frameworks(frameworks, family):
    a = gpu_args(gpu("g2-standard-8", frameworks=frameworks))
    assert a.image == ImageRef(project=DLVM_PROJECT, family=family)


@pytest.mark.parametrize(
    ("given", "ref"),
    [
        (
            "projects/ml-images/global/images/family/llm-serving",
            ImageRef("ml-images", family="llm-serving"),
        ),
        (
            "https://www.googleapis.com/compute/v1/projects/ml-images/global/images/llm-v3",
            ImageRef("ml-images", name="llm-v3"),
        ),
        ("llm-v3", ImageRef(None, name="llm-v3")),
    ],
)
def test_an_explicit_image_overrides_the_default(given, ref):
    assert parse_image(given) == ref
    assert gpu_args(gpu("g2-standard-8", deploy=deploy_gcp(image=given))).image == ref


def test_a_bad_image_is_an_error_listing_the_forms():
    with pytest.raises(SpecError) as err:
        gpu_args(gpu("g2-standard-8", deploy=deploy_gcp(image="ubuntu 22.04")))
    text = str(err.value)
    assert "deploy.gcp.image" in text and "'ubuntu 22.04' is not an image path" in text
    assert "projects/PROJECT/global/images/family/FAMILY" in text


def test_boot_disk_holds_the_image_and_the_model():
    a = gpu_args(gpu("g2-standard-8"))  # Llama 3 8B bf16: 14.9 GiB
    assert a.model_copies == 2
    assert a.disk_gib(50) == 90  # ceil_10(50 + 2 x 14.9 x 1.2)
    training = gpu_args(gpu("a3-highgpu-8g", phase="training"))
    assert training.model_copies == 3 and training.disk_gib(50) == 110
    explicit = gpu_args(gpu("g2-standard-8", deploy=deploy_gcp(boot_disk_gib=500)))
    assert explicit.disk_gib(50) == 500


def test_on_demand_scheduling_terminates_on_host_maintenance():
    assert gpu_args(gpu("g2-standard-8")).scheduling() == {
        "on_host_maintenance": "TERMINATE",
        "automatic_restart": True,
        "provisioning_model": "STANDARD",
    }


def test_spot_scheduling_stops_vms_and_deletes_group_members():
    spot = {"purchase_option": "spot"}
    vm = gpu_args(gpu("g2-standard-8", 2, constraints=spot)).scheduling()
    assert vm == {
        "on_host_maintenance": "TERMINATE",
        "automatic_restart": False,
        "preemptible": True,
        "provisioning_model": "SPOT",
        "instance_termination_action": "STOP",
    }
    fleet = gpu_args(gpu("g2-standard-8", 4, constraints=spot)).scheduling()
    assert fleet["instance_termination_action"] == "DELETE"


def test_reservation_affinity():
    assert gpu_args(gpu("g2-standard-8")).reservation_affinity() is None
    reserved = {"purchase_option": "reserved"}
    assert gpu_args(gpu("g2-standard-8", constraints=reserved)).reservation_affinity() == {
        "type": "ANY_RESERVATION"
    }
    named = gpu("g2-standard-8", constraints=reserved, deploy=deploy_gcp(reservation_name="l4"))
    assert gpu_args(named).reservation_affinity() == {
        "type": "SPECIFIC_RESERVATION",
        "specific_reservation": {"key": RESERVATION_NAME_KEY, "values": ["l4"]},
    }


def test_fleet_from_the_threshold_on():
    assert not gpu_args(gpu("g2-standard-8", 3)).fleet
    assert gpu_args(gpu("g2-standard-8", 4)).fleet
    assert gpu_args(gpu("g2-standard-8", 2, deploy=deploy_gcp(fleet_threshold=2))).fleet


def test_multi_node_training_warns_about_the_network():
    a = gpu_args(gpu("a3-highgpu-8g", 2, phase="training"))
    (warning,) = a.common.warnings
    assert "does not configure GPUDirect" in warning
    assert not gpu_args(gpu("a3-highgpu-8g", 2)).common.warnings
