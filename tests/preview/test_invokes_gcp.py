"""Placeholder answers for the GCP provider functions the GCP targets call."""

from __future__ import annotations

from pulumi_aihw.preview.invokes import (
    INVOKES,
    PLACEHOLDER_GCP_IMAGE_GIB,
    PLACEHOLDER_GCP_PROJECT,
)

IMAGE = "gcp:compute/getImage:getImage"


def test_image_by_family_names_a_current_image_of_the_family():
    found = INVOKES[IMAGE]({"family": "common-cu128", "project": "deeplearning-platform-release"})
    assert found["name"].startswith("common-cu128-v") and found["family"] == "common-cu128"
    assert found["selfLink"] == (
        "https://www.googleapis.com/compute/v1/projects/deeplearning-platform-release"
        f"/global/images/{found['name']}"
    )
    assert found["diskSizeGb"] == PLACEHOLDER_GCP_IMAGE_GIB and found["status"] == "READY"
    assert found == INVOKES[IMAGE](
        {"family": "common-cu128", "project": "deeplearning-platform-release"}
    )


def test_image_by_name_in_the_providers_project():
    found = INVOKES[IMAGE]({"name": "llm-v3"})
    assert found["name"] == "llm-v3" and found["project"] == PLACEHOLDER_GCP_PROJECT
    assert found["selfLink"].endswith(f"/projects/{PLACEHOLDER_GCP_PROJECT}/global/images/llm-v3")


def test_client_config_reports_the_placeholder_project():
    config = INVOKES["gcp:organizations/getClientConfig:getClientConfig"]({})
    assert config["project"] == PLACEHOLDER_GCP_PROJECT


def test_network_by_name_in_the_providers_project():
    network = INVOKES["gcp:compute/getNetwork:getNetwork"]({"name": "default"})
    assert network["id"] == f"projects/{PLACEHOLDER_GCP_PROJECT}/global/networks/default"
    assert network["selfLink"].endswith(network["id"]) and network["name"] == "default"
