"""The packaged catalog: consistent, sourced, dated, no zero or sentinel prices."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from pulumi_aihw.catalog import Catalog
from pulumi_aihw.catalog.build import SENTINEL_PRICES
from pulumi_aihw.catalog.tpu import TPU_GENERATIONS, parse_slice_name
from tests.conftest import REPO

PRICE_FIELDS = (
    "on_demand_usd_per_hour",
    "spot_usd_per_hour",
    "capacity_block_usd_per_hour",
    "monthly_price",
)


def test_every_offering_refers_to_a_known_accelerator(catalog: Catalog) -> None:
    ids = {a.id for a in catalog.accelerators}
    assert {o.accelerator_id for o in catalog.offerings} <= ids


def test_offering_keys_are_unique(catalog: Catalog) -> None:
    keys = [o.key for o in catalog.offerings]
    assert len(keys) == len(set(keys))


def test_every_row_has_a_source_and_a_plausible_date(catalog: Catalog) -> None:
    for row in (*catalog.accelerators, *catalog.offerings):
        assert row.source.strip(), row
        assert dt.date(2024, 1, 1) <= row.as_of <= catalog.as_of
    assert catalog.as_of == max(o.as_of for o in catalog.offerings)


def test_no_zero_or_sentinel_prices(catalog: Catalog) -> None:
    for o in catalog.offerings:
        for name in PRICE_FIELDS:
            value = getattr(o, name)
            assert value is None or (value > 0 and value not in SENTINEL_PRICES), (o.key, name)


def test_priced_offerings_have_a_price_or_say_why_not(catalog: Catalog) -> None:
    for o in catalog.offerings:
        priced = any(getattr(o, name) is not None for name in PRICE_FIELDS)
        if not priced or (o.on_demand_usd_per_hour is None and o.monthly_price is None):
            assert o.flags, f"{o.key} has no on-demand price and no flag explaining it"


def test_unknown_specs_stay_unknown_not_zero(catalog: Catalog) -> None:
    for acc in catalog.accelerators:
        for name in (
            "memory_gib",
            "memory_bandwidth_gbps",
            "bf16_dense_tflops",
            "fp8_dense_tflops",
            "tdp_watts",
        ):
            value = getattr(acc, name)
            assert value is None or value > 0, (acc.id, name)
    assert catalog.accelerator("inferentia2").tdp_watts is None
    assert catalog.accelerator("tpu-v6e").tdp_watts is None
    assert catalog.accelerator("tpu-v4").tdp_is_measured


@pytest.mark.parametrize(
    "offering",
    [
        "p5.48xlarge",
        "p5.4xlarge",
        "p5en.48xlarge",
        "p6-b200.48xlarge",
        "p4d.24xlarge",
        "p4de.24xlarge",
        "g6e.xlarge",
        "g6e.48xlarge",
        "g6.xlarge",
        "g5.xlarge",
        "g5.48xlarge",
        "g4dn.xlarge",
        "g4dn.metal",
        "inf1.xlarge",
        "inf2.xlarge",
        "inf2.8xlarge",
        "inf2.24xlarge",
        "inf2.48xlarge",
        "trn1.2xlarge",
        "trn1.32xlarge",
        "trn1n.32xlarge",
        "trn2.48xlarge",
        "a3-highgpu-8g",
        "a3-megagpu-8g",
        "a3-ultragpu-8g",
        "a4-highgpu-8g",
        "a2-highgpu-1g",
        "a2-ultragpu-8g",
        "g2-standard-4",
        "v4-8",
        "v4-32",
        "v5litepod-1",
        "v5litepod-8",
        "v5litepod-256",
        "v5p-8",
        "v5p-128",
        "v6e-1",
        "v6e-8",
        "v6e-256",
        "GEX63",
    ],
)
def test_required_coverage(catalog: Catalog, offering: str) -> None:
    assert catalog.find(offering=offering), offering


def test_dedicated_bare_metal_servers_have_monthly_prices(catalog: Catalog) -> None:
    rented = [o for o in catalog.offerings if str(o.deployment) == "bare-metal"]
    assert len(rented) >= 3
    for o in rented:
        assert o.monthly_price is not None and o.requires_order and o.unit_kind == "server"


def test_tpu_slices_follow_googles_naming(catalog: Catalog) -> None:
    for o in catalog.find(family="tpu"):
        parsed = parse_slice_name(o.offering)
        assert parsed is not None, o.offering
        gen, chips = parsed
        assert gen.accelerator_id == o.accelerator_id
        assert chips == o.accelerators_per_unit
        assert o.hosts_per_unit == gen.hosts(chips)
    v5p8 = catalog.find(offering="v5p-8")[0]
    assert v5p8.accelerators_per_unit == 4  # v5p counts TensorCores: 8 cores = 4 chips
    assert catalog.find(offering="v6e-8")[0].accelerators_per_unit == 8  # v6e counts chips


def test_tpu_prices_are_per_slice_and_linear_in_chips(catalog: Catalog) -> None:
    for gen in TPU_GENERATIONS.values():
        for o in catalog.find(accelerator=gen.accelerator_id):
            if o.on_demand_usd_per_hour is None:  # a placeholder in the source: unknown
                continue
            per_chip = o.on_demand_usd_per_hour / o.accelerators_per_unit
            one = [x for x in catalog.find(accelerator=gen.accelerator_id, region=o.region)]
            rates = {
                round(x.on_demand_usd_per_hour / x.accelerators_per_unit, 4)
                for x in one
                if x.on_demand_usd_per_hour is not None
            }
            assert len(rates) == 1 and round(per_chip, 4) in rates, o.key


def test_sentinel_price_is_never_a_price(catalog: Catalog) -> None:
    (row,) = catalog.find(offering="v6e-1", region="asia-east1")  # only a placeholder there
    assert row.on_demand_usd_per_hour is None and row.spot_usd_per_hour is None
    assert any(f.startswith("price not published: placeholder price") for f in row.flags)
    assert any(
        "asia-east1 on-demand: 700.0 is a placeholder" in d for d in catalog.document.dropped
    )
    assert all(o.on_demand_usd_per_hour != 700.0 for o in catalog.offerings)
    assert all(o.on_demand_usd_per_hour != 700.0 for o in catalog.offerings)


def test_placeholder_host_price_made_the_a4_price_unknown(catalog: Catalog) -> None:
    (a4,) = catalog.find(offering="a4-highgpu-8g", region="us-central1")
    assert a4.on_demand_usd_per_hour is None
    assert any("0.0 placeholder" in f for f in a4.flags)


def test_capacity_block_price_keeps_its_own_date(catalog: Catalog) -> None:
    (p4d,) = catalog.find(offering="p4d.24xlarge", region="us-east-1")
    assert p4d.capacity_block_usd_per_hour == 11.8
    assert p4d.capacity_block_as_of == dt.date(2026, 7, 22)
    assert p4d.as_of == dt.date(2026, 1, 21)  # the on-demand price's own source date
    earlier = [c for c in p4d.cross_checks if c.kind == "capacity-block" and not c.independent]
    assert earlier and not earlier[0].disagrees  # the 2026-03-01 price is history


def test_packaged_catalog_is_rebuilt_from_catalog_src() -> None:
    out = subprocess.run(
        [sys.executable, str(REPO / "tools" / "build_catalog.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr


def test_catalog_src_keeps_verbatim_copies_of_the_research_data() -> None:
    for name in ("accelerators.csv", "offerings.csv", "hardware_notes.md"):
        assert (REPO / "catalog-src" / name).is_file()
