"""Pure Azure target decisions: series facts, images, OS disk, purchase options and the
located errors, without the mock engine."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pulumi_aihw.catalog import load_catalog
from pulumi_aihw.catalog.azure_sizes import series_of
from pulumi_aihw.errors import SpecError
from pulumi_aihw.spec.models import IngressRule
from pulumi_aihw.targets.azure.images import parse_image
from pulumi_aihw.targets.azure.settings import azure_target_args, security_rules
from pulumi_aihw.targets.resolve import resolve_workload
from tests.targets.azure.helpers import TAGS, azure, azure_args


def test_every_azure_catalog_size_has_a_series() -> None:
    sizes = {o.offering for o in load_catalog().document.offerings if str(o.provider) == "azure"}
    missing = sorted(s for s in sizes if series_of(s) is None)
    assert missing == [], f"add these sizes to pulumi_aihw/catalog/azure_sizes.py: {missing}"


def test_os_disk_grows_with_the_model_and_can_be_set() -> None:
    small = azure_args(azure("Standard_NC24ads_A100_v4"))
    assert small.os_disk_gib == 300  # ceil_10(256 + 2 x 14.9 x 1.2)
    big = azure_args(
        azure(
            "Standard_ND96isr_H100_v5",
            model={"name": "llama-3-70b", "parameters_billion": 70, "precision": "bf16"},
        )
    )
    assert big.os_disk_gib == 570  # ceil_10(256 + 2 x 130.4 x 1.2)
    given = azure_args(azure("Standard_NC24ads_A100_v4", deploy_azure={"os_disk_gib": 1024}))
    assert given.os_disk_gib == 1024


def test_images_parse_urns_and_resource_ids() -> None:
    ref = parse_image("microsoft-dsvm:ubuntu-hpc:2204:22.04.2025030701")
    assert ref is not None and ref.reference()["version"] == "22.04.2025030701"
    gallery = (
        "/subscriptions/0/resourceGroups/g/providers/Microsoft.Compute/galleries/gal/images/img"
    )
    ref = parse_image(gallery)
    assert ref is not None and ref.reference() == {"id": gallery}
    assert parse_image("ubuntu:latest") is None


def test_gb200_needs_an_explicit_image_and_a_region() -> None:
    r = resolve_workload("t", spec=azure("Standard_NC24ads_A100_v4"))
    # ND GB200 v6 is priced nowhere here, so the packaged catalog has no row for it
    # (catalog-src/azure/SOURCES.md); a snapshot that has one still needs a region and an image
    assert not any(o.offering.endswith("GB200_v6") for o in load_catalog().document.offerings)
    gb200 = r.chosen.offering.model_copy(
        update={
            "offering": "Standard_ND128isr_NDR_GB200_v6",
            "accelerator_id": "gb200",
            "accelerators_per_unit": 4.0,
            "region": None,
        }
    )
    with pytest.raises(SpecError, match="has no priced region in the catalog"):
        azure_target_args(r.spec, replace(r.chosen, offering=gb200), TAGS)
    in_eastus = replace(r.chosen, offering=gb200.model_copy(update={"region": "eastus"}))
    with pytest.raises(SpecError) as err:
        azure_target_args(r.spec, in_eastus, TAGS)
    assert "deploy.azure.image" in str(err.value) and "Arm64" in str(err.value)


def test_reserved_settings_need_the_reserved_purchase_option() -> None:
    order = "/providers/Microsoft.Capacity/reservationOrders/abc"
    with pytest.raises(SpecError) as err:
        azure_args(azure("Standard_NC24ads_A100_v4", deploy_azure={"reservation_order_id": order}))
    assert "deploy.azure.reservation_order_id is for reserved capacity" in str(err.value)
    assert "To fix: set purchase_option to reserved" in str(err.value)
    with pytest.raises(SpecError, match="applies to Spot VMs only"):
        azure_args(
            azure("Standard_NC24ads_A100_v4", deploy_azure={"spot_eviction_policy": "Delete"})
        )


def test_trusted_launch_override_warns_where_unverified() -> None:
    args = azure_args(
        azure(
            "Standard_ND96isr_MI300X_v5",
            region="northeurope",
            deploy_azure={"trusted_launch": True},
        )
    )
    assert args.trusted_launch and any("although Microsoft's ND MI300X" in w for w in args.warnings)


def test_ssh_keys_must_be_public_keys() -> None:
    data = azure("Standard_NC24ads_A100_v4")
    data["deploy"]["azure"]["ssh_public_keys"] = ["-----BEGIN OPENSSH PRIVATE KEY-----"]
    with pytest.raises(SpecError, match="is not an OpenSSH public key"):
        azure_args(data)


def test_security_rules_number_priorities_and_map_protocols() -> None:
    rules = security_rules(
        [
            IngressRule(port=8000, to_port=8010, cidrs=["10.0.0.0/8"]),
            IngressRule(port=53, protocol="udp", cidrs=["10.0.0.0/8"], description="dns"),
        ]
    )
    assert [(r.priority, r.protocol, r.port_range, r.description) for r in rules] == [
        (100, "Tcp", "8000-8010", "port 8000-8010/tcp"),
        (101, "Udp", "53", "dns"),
    ]
