"""Catalog queries: names, aliases, suggestions, filters."""

from __future__ import annotations

import pytest

from pulumi_aihw.catalog import Catalog, normalize_name
from pulumi_aihw.catalog.tpu import TPU_GENERATIONS, parse_slice_name, runtime_version
from pulumi_aihw.errors import CatalogError


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("h100", "h100-sxm"),
        ("NVIDIA H100 SXM", "h100-sxm"),
        ("H100_SXM", "h100-sxm"),
        ("inf2", "inferentia2"),
        ("Trillium", "tpu-v6e"),
        ("v5e", "tpu-v5e"),
        ("AWS Trainium2", "trainium2"),
        ("l40s", "l40s"),
    ],
)
def test_names_and_aliases_resolve(catalog: Catalog, name: str, expected: str) -> None:
    assert catalog.resolve_accelerator(name).id == expected


def test_unknown_accelerator_suggests_close_names(catalog: Catalog) -> None:
    with pytest.raises(CatalogError) as info:
        catalog.resolve_accelerator("a100")
    msg = str(info.value)
    assert msg.startswith("unknown accelerator 'a100'. Did you mean 'a100-40gb'")
    assert "'a100-80gb'" in msg and "Known accelerators: " in msg
    with pytest.raises(CatalogError, match="Did you mean 'h200'"):
        catalog.resolve_accelerator("h20O")


def test_normalize_name() -> None:
    assert normalize_name("Google TPU v6e (Trillium)") == "tpu-v6e-trillium"
    assert normalize_name("AMD Instinct MI300X") == "mi300x"


def test_find_filters_combine(catalog: Catalog) -> None:
    rows = catalog.find(provider="aws", family="inferentia")
    assert rows and all(r.offering.startswith("inf") for r in rows)
    assert catalog.find(accelerator="l4", provider="gcp")[0].offering.startswith("g2-")
    assert catalog.find(region="us-central2") and all(
        r.accelerator_id.startswith("tpu-") for r in catalog.find(region="us-central2")
    )
    assert {r.accelerator_id for r in catalog.find(offering="v4-8")} == {"tpu-v4"}


def test_single_cloud_families(catalog: Catalog) -> None:
    assert catalog.providers_of("tpu") == {"gcp"}
    assert catalog.providers_of("inferentia") == {"aws"}
    assert {"aws", "gcp", "qubrid"} <= catalog.providers_of("gpu")


def test_offering_suggestions(catalog: Catalog) -> None:
    assert "p5.48xlarge" in catalog.offering_suggestions("p5.48xl")


def test_tpu_slice_names_and_hosts() -> None:
    gen, chips = parse_slice_name("v5p-8")  # type: ignore[misc]
    assert (gen.accelerator_id, chips, gen.hosts(chips)) == ("tpu-v5p", 4, 1)
    gen, chips = parse_slice_name("v5litepod-16")  # type: ignore[misc]
    assert (chips, gen.hosts(chips)) == (16, 4)
    gen, chips = parse_slice_name("v6e-8")  # type: ignore[misc]
    assert (chips, gen.hosts(chips)) == (8, 1)
    assert parse_slice_name("v5p-7") is None and parse_slice_name("p5.48xlarge") is None


def test_every_generation_has_a_runtime_version() -> None:
    versions = {g.accelerator_id: runtime_version(g, ["jax"], 8) for g in TPU_GENERATIONS.values()}
    assert versions == {
        "tpu-v4": "tpu-ubuntu2204-base",
        "tpu-v5e": "v2-alpha-tpuv5-lite",
        "tpu-v5p": "v2-alpha-tpuv5",
        "tpu-v6e": "v2-alpha-tpuv6e",
    }
    v6e = TPU_GENERATIONS["tpu-v6e"]
    assert runtime_version(v6e, ["tensorflow"], 8) == "tpu-vm-tf-2.18.0-pjrt"
    assert runtime_version(v6e, ["tensorflow"], 64) == "tpu-vm-tf-2.18.0-pod-pjrt"
