"""What the TPU target decides from a spec and its plan (pure: no Pulumi engine)."""

from __future__ import annotations

import pytest

from pulumi_aihw.errors import SpecError
from pulumi_aihw.targets.gcp.settings import resource_id
from tests.targets.gcp.helpers import GCP, deploy_gcp, tpu, tpu_args


@pytest.mark.parametrize(
    ("offering", "chips", "hosts"),
    [
        ("v4-8", 4, 1),  # v4 and v5p count TensorCores: 2 per chip
        ("v4-32", 16, 4),
        ("v5p-8", 4, 1),
        ("v5p-16", 8, 2),
        ("v5litepod-8", 8, 1),  # v5e and v6e count chips; up to 8 on one host
        ("v5litepod-16", 16, 4),
        ("v6e-1", 1, 1),
        ("v6e-32", 32, 8),
    ],
)
def test_slices_are_named_and_sized_the_way_google_does(offering, chips, hosts):
    a = tpu_args(tpu(offering))
    assert (a.accelerator_type, a.chips_per_slice, a.hosts_per_slice) == (offering, chips, hosts)
    assert a.slices == 1 and not a.multislice


def test_units_are_slices_multislice():
    a = tpu_args(tpu("v5litepod-8", 3))
    assert a.slices == 3 and a.multislice


@pytest.mark.parametrize(
    ("offering", "frameworks", "version"),
    [
        ("v6e-8", ["jax"], "v2-alpha-tpuv6e"),
        ("v5litepod-8", ["pytorch"], "v2-alpha-tpuv5-lite"),
        ("v5p-8", ["jax"], "v2-alpha-tpuv5"),
        ("v4-8", ["jax"], "tpu-ubuntu2204-base"),
        ("v6e-8", ["tensorflow"], "tpu-vm-tf-2.18.0-pjrt"),
        ("v4-32", ["tensorflow"], "tpu-vm-tf-2.18.0-pod-pjrt"),  # multi-host: -pod
    ],
)
def test_runtime_version_per_generation_and_framework(offering, frameworks, version):
    assert tpu_args(tpu(offering, frameworks=frameworks)).runtime_version == version


def test_runtime_version_can_be_overridden():
    a = tpu_args(tpu("v6e-8", deploy=deploy_gcp(runtime_version="v2-alpha-tpuv6e-next")))
    assert a.runtime_version == "v2-alpha-tpuv6e-next"


@pytest.mark.parametrize(
    ("constraints", "deploy", "config"),
    [
        ({}, {}, None),
        ({"purchase_option": "spot"}, {}, {"spot": True}),
        ({"purchase_option": "reserved"}, {}, {"reserved": True}),
        ({}, {"reservation": True}, {"reserved": True}),
    ],
)
def test_scheduling_config(constraints, deploy, config):
    a = tpu_args(tpu("v6e-8", constraints=constraints, deploy=deploy_gcp(**deploy)))
    assert a.scheduling_config() == config


def test_queued_provisioning_names_every_slice_node():
    a = tpu_args(tpu("v5litepod-16", 2, deploy=deploy_gcp(queued=True)), stack="prod")
    assert a.queued and a.slices == 2
    assert a.node_ids == (resource_id("chat", "prod", 0), resource_id("chat", "prod", 1))
    (warning,) = a.common.warnings
    assert "cannot set labels, a service account or Secure Boot" in warning
    assert not tpu_args(tpu("v6e-8")).node_ids


@pytest.mark.parametrize(
    ("constraints", "deploy", "asked_by", "what"),
    [
        ({"purchase_option": "spot"}, {}, "constraints.purchase_option", "spot"),
        ({"purchase_option": "reserved"}, {}, "constraints.purchase_option", "reserved"),
        ({}, {"reservation": True}, "reservation", "reserved"),
    ],
)
def test_queued_cannot_be_spot_or_reserved(constraints, deploy, asked_by, what):
    data = tpu("v6e-8", constraints=constraints, deploy=deploy_gcp(queued=True, **deploy))
    with pytest.raises(SpecError) as err:
        tpu_args(data)
    text = str(err.value)
    assert "deploy.gcp.queued" in text
    assert f"queued provisioning cannot ask for {what} capacity" in text
    assert "V2QueuedResource has no spot, guaranteed or reservation fields" in text
    assert f"(asked by {asked_by})" in text
    assert "To fix: drop deploy.gcp.queued" in text and f"schedulingConfig.{what}" in text


def test_a_reservation_name_is_for_gpu_vms():
    data = tpu(
        "v6e-8",
        constraints={"purchase_option": "reserved"},
        deploy=deploy_gcp(reservation_name="r"),
    )
    with pytest.raises(SpecError, match=r"reservation_name.*schedulingConfig\.reserved"):
        tpu_args(data)


def test_the_training_example_is_one_multi_host_v6e_slice_in_us_central1():
    data = tpu(
        "v6e-32",
        phase="training",
        placement={**GCP, "regions": ["us-central1"]},
    )
    a = tpu_args(data)
    assert (a.accelerator_type, a.hosts_per_slice, a.common.zone) == ("v6e-32", 8, "us-central1-b")
