"""What every GCP target decides the same way (pure: no Pulumi engine): zone, project,
network, firewall rules, service account, labels and the purchase option."""

from __future__ import annotations

import re

import pytest

from pulumi_aihw.errors import SpecError
from pulumi_aihw.spec.models import IngressRule
from pulumi_aihw.targets.gcp.args import FirewallRule
from pulumi_aihw.targets.gcp.settings import (
    firewall_rules,
    network_tag,
    resource_id,
    service_account_id,
)
from tests.targets.gcp.helpers import (
    LABEL_KEY,
    LABEL_VALUE,
    deploy_gcp,
    gpu,
    gpu_args,
    tpu,
    tpu_args,
)

ACCOUNT_ID = re.compile(r"^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$")
"""Google's rule for service account ids (6 to 30 characters)."""
RFC1035 = re.compile(r"^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$")


def test_default_zone_comes_from_the_table_for_the_planned_region():
    assert tpu_args(tpu("v6e-8")).common.zone == "us-central1-b"
    assert tpu_args(tpu("v4-8")).common.zone == "us-central2-b"
    a = gpu_args(gpu("a3-highgpu-8g", placement={"providers": ["gcp"], "regions": ["us-east4"]}))
    assert (a.common.region, a.common.zone) == ("us-east4", "us-east4-a")


def test_the_spec_zone_wins_and_an_unlisted_one_warns():
    a = tpu_args(tpu("v5litepod-8", deploy=deploy_gcp(zone="us-central1-a")))
    assert a.common.zone == "us-central1-a" and not a.common.warnings
    b = tpu_args(tpu("v5litepod-8", deploy=deploy_gcp(zone="us-central1-f")))
    assert b.common.zone == "us-central1-f"
    (warning,) = b.common.warnings
    assert "us-central1-f is not among the zones aihw knows to offer TPU v5litepod-8" in warning


def test_a_zone_outside_the_planned_region_is_an_error_naming_deploy_gcp_zone():
    with pytest.raises(SpecError) as err:
        tpu_args(tpu("v6e-8", deploy=deploy_gcp(zone="europe-west4-a")))
    text = str(err.value)
    assert "deploy.gcp.zone" in text and "zone europe-west4-a is not in us-central1" in text
    assert "To fix" in text


def test_a_region_without_a_known_zone_is_an_error_naming_deploy_gcp_zone():
    from pulumi_aihw.targets.gcp.settings import gcp_common
    from pulumi_aihw.targets.resolve import resolve_workload

    r = resolve_workload("t", spec=tpu("v6e-8"))
    with pytest.raises(SpecError) as err:
        gcp_common(r.spec, r.chosen, {}, stack="dev", known_zones=(), hardware="TPU v6e-8")
    text = str(err.value)
    assert "deploy.gcp.zone" in text
    assert "aihw knows no zone of us-central1 that offers TPU v6e-8" in text


def test_project_network_and_subnetwork_pass_through():
    a = gpu_args(
        gpu(
            "g2-standard-8",
            deploy=deploy_gcp(project="ml-prod", network="ml-vpc", subnetwork="ml-subnet"),
        )
    )
    c = a.common
    assert (c.project, c.network, c.subnetwork, c.firewall_network) == (
        "ml-prod",
        "ml-vpc",
        "ml-subnet",
        "ml-vpc",
    )
    default = gpu_args(gpu("g2-standard-8")).common
    assert default.project is None and default.firewall_network == "default"


def test_ingress_with_only_a_subnetwork_needs_the_network():
    data = gpu(
        "g2-standard-8",
        deploy=deploy_gcp(subnetwork="ml-subnet"),
        network={"ingress": [{"port": 8000, "cidrs": ["10.0.0.0/8"]}]},
    )
    with pytest.raises(SpecError, match=r"deploy\.gcp\.network.*To fix: set deploy\.gcp\.network"):
        gpu_args(data)


def test_firewall_rules_split_ip_families_and_keep_port_ranges():
    rules = firewall_rules(
        [
            IngressRule(port=8000, cidrs=["10.0.0.0/8", "fd00::/8"], description="vLLM"),
            IngressRule(port=9000, to_port=9010, protocol="udp", cidrs=["192.168.0.0/16"]),
        ]
    )
    assert rules == (
        FirewallRule("tcp", ("8000",), ("10.0.0.0/8",), "vLLM"),
        FirewallRule("tcp", ("8000",), ("fd00::/8",), "vLLM"),
        FirewallRule("udp", ("9000-9010",), ("192.168.0.0/16",), "port 9000-9010/udp"),
    )
    assert firewall_rules([]) == ()


@pytest.mark.parametrize("workload", ["a", "chat", "pretrain-8b", "x" * 63, "a-" * 31 + "b"])
def test_generated_names_follow_google_rules(workload):
    account = service_account_id(workload, "dev")
    assert ACCOUNT_ID.fullmatch(account), account
    assert RFC1035.fullmatch(network_tag(workload))
    assert RFC1035.fullmatch(resource_id(workload, "dev", 12))


def test_the_service_account_differs_per_stack_and_is_stable():
    assert service_account_id("chat", "dev") == service_account_id("chat", "dev")
    assert service_account_id("chat", "dev") != service_account_id("chat", "prod")


def test_a_given_service_account_is_used_instead_of_a_new_one():
    email = "tpu-runner@ml-prod.iam.gserviceaccount.com"
    a = tpu_args(tpu("v6e-8", deploy=deploy_gcp(service_account=email)))
    assert a.common.service_account_email == email
    assert tpu_args(tpu("v6e-8")).common.service_account_email is None


def test_labels_are_valid_gcp_labels():
    from pulumi_aihw.targets.gcp.settings import gcp_common
    from pulumi_aihw.targets.resolve import resolve_workload

    r = resolve_workload("t", spec=tpu("v6e-8"))
    tags = {"aihw-workload": "Chat", "Cost Center": "ML/4711", "9lives": "x" * 80}
    labels = gcp_common(
        r.spec, r.chosen, tags, stack="dev", known_zones=("us-central1-b",), hardware="v6e"
    ).labels
    assert labels == {"aihw-workload": "chat", "cost-center": "ml-4711", "k-9lives": "x" * 63}
    assert all(LABEL_KEY.fullmatch(k) and LABEL_VALUE.fullmatch(v) for k, v in labels.items())


@pytest.mark.parametrize(
    ("constraints", "deploy", "purchase"),
    [
        ({}, {}, "on-demand"),
        ({"purchase_option": "spot"}, {}, "spot"),
        ({"purchase_option": "reserved"}, {}, "reserved"),
        ({}, {"reservation": True}, "reserved"),
    ],
)
def test_purchase_option(constraints, deploy, purchase):
    data = gpu("g2-standard-8", constraints=constraints, deploy=deploy_gcp(**deploy))
    assert gpu_args(data).common.purchase == purchase


def test_spot_with_a_reservation_is_an_error():
    data = gpu(
        "g2-standard-8",
        constraints={"purchase_option": "spot"},
        deploy=deploy_gcp(reservation=True),
    )
    with pytest.raises(SpecError, match=r"deploy\.gcp\.reservation.*cannot also be spot"):
        gpu_args(data)


def test_a_reservation_name_needs_reserved_capacity():
    with pytest.raises(SpecError, match=r"reservation_name.*To fix: set constraints"):
        gpu_args(gpu("g2-standard-8", deploy=deploy_gcp(reservation_name="l4-pool")))


def test_capacity_blocks_are_aws_only():
    from pulumi_aihw.spec import spec_from_dict
    from pulumi_aihw.targets.gcp.settings import purchase

    spec = spec_from_dict(gpu("g2-standard-8", constraints={"purchase_option": "capacity-block"}))
    with pytest.raises(SpecError, match=r"constraints\.purchase_option.*AWS purchase option"):
        purchase(spec)
