"""The GCP targets and the catalog agree: every TPU accelerator type the components can
emit is a name the catalog prices, every generation has a runtime version and zones, and
every GCP offering the catalog prices has a default zone in its region."""

from __future__ import annotations

import re

import pytest

from pulumi_aihw.catalog import Catalog
from pulumi_aihw.catalog.tpu import TPU_GENERATIONS, runtime_version
from pulumi_aihw.targets.gcp.tpu_settings import tpu_accelerator_type
from pulumi_aihw.targets.gcp.zones import (
    GPU_ZONES,
    TPU_ZONES,
    known_zones,
    machine_series,
    region_of_zone,
)
from pulumi_aihw.targets.gcp.zones_sourced import SOURCED_GPU_ZONES

RUNTIME = re.compile(
    r"^(v2-alpha-tpuv[0-9a-z-]+|tpu-ubuntu2204-base|tpu-vm-tf-\d+\.\d+\.\d+(-pod)?-pjrt)$"
)


def gcp_offerings(catalog: Catalog, family: str) -> list:
    return [
        o
        for o in catalog.offerings
        if str(o.provider) == "gcp" and str(catalog.accelerator(o.accelerator_id).family) == family
    ]


def priced(catalog: Catalog) -> set[str]:
    return {
        o.offering for o in gcp_offerings(catalog, "tpu") if o.on_demand_usd_per_hour is not None
    }


@pytest.mark.parametrize("gen", sorted(TPU_GENERATIONS))
def test_every_slice_size_the_targets_can_emit_is_priced(catalog: Catalog, gen: str) -> None:
    g = TPU_GENERATIONS[gen]
    names = {tpu_accelerator_type(g.slice_name(chips))[2] for chips in g.slice_chips}
    assert names and names <= priced(catalog)


def test_every_catalog_tpu_offering_round_trips_to_its_own_name(catalog: Catalog) -> None:
    offerings = gcp_offerings(catalog, "tpu")
    assert offerings
    for o in offerings:
        gen, chips, name = tpu_accelerator_type(o.offering)
        assert name == o.offering
        assert gen.accelerator_id == o.accelerator_id
        assert chips == o.accelerators_per_unit and gen.hosts(chips) == o.hosts_per_unit


@pytest.mark.parametrize("gen", sorted(TPU_GENERATIONS))
@pytest.mark.parametrize("frameworks", [["jax"], ["pytorch"], ["tensorflow"]])
def test_every_generation_has_a_runtime_version(gen: str, frameworks: list[str]) -> None:
    g = TPU_GENERATIONS[gen]
    for chips in (g.slice_chips[0], g.slice_chips[-1]):
        assert RUNTIME.fullmatch(runtime_version(g, frameworks, chips))


def test_every_generation_has_zones() -> None:
    assert set(TPU_ZONES) == set(TPU_GENERATIONS)


def test_every_priced_tpu_region_has_a_default_zone(catalog: Catalog) -> None:
    for o in gcp_offerings(catalog, "tpu"):
        zones = known_zones(TPU_ZONES, o.accelerator_id, o.region or "")
        assert zones, f"no zone for {o.accelerator_id} in {o.region}"


# Offered in these regions (Cyclenerd's machinetyperegion) but no source here lists their
# zones: the GCP target asks for deploy.gcp.zone there (test_settings).
NO_ZONE_SOURCE = {
    "a3-highgpu", "a3-megagpu", "a3-ultragpu", "a4-highgpu", "a4x-highgpu", "g2-standard",
    "g4-standard",
}  # fmt: skip


def test_every_gpu_offering_has_a_default_zone_where_a_source_lists_zones(
    catalog: Catalog,
) -> None:
    offerings = gcp_offerings(catalog, "gpu")
    assert {machine_series(o.offering) for o in offerings} - NO_ZONE_SOURCE <= set(GPU_ZONES)
    gaps = set()
    for o in offerings:
        series = machine_series(o.offering)
        if not known_zones(GPU_ZONES, series, o.region or ""):
            assert region_unlisted(series, o.region or ""), (o.offering, o.region)
            gaps.add(series)
    assert gaps <= NO_ZONE_SOURCE, gaps - NO_ZONE_SOURCE


def region_unlisted(series: str, region: str) -> bool:
    """No zone source names ``series`` in ``region`` (not a forgotten table entry)."""
    return region not in SOURCED_GPU_ZONES.get(series, {})


@pytest.mark.parametrize("table", [TPU_ZONES, GPU_ZONES], ids=["tpu", "gpu"])
def test_zones_belong_to_their_region(table: dict) -> None:
    for regions in table.values():
        for region, zones in regions.items():
            assert zones and len(set(zones)) == len(zones)
            assert all(region_of_zone(z) == region for z in zones), (region, zones)
