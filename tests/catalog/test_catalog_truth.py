"""Issue 12's guarantees on the packaged catalog: every price has a source and a date,
every cross-check disagreement is flagged, every sum adds up, every offered accelerator
has a power figure with its basis, every region and current type is covered."""

from __future__ import annotations

import datetime as dt

import pytest

from pulumi_aihw.catalog import Catalog
from pulumi_aihw.catalog.assemble import check_sums
from pulumi_aihw.catalog.models import PriceComponent
from pulumi_aihw.errors import CatalogError
from pulumi_aihw.vocab import PowerBasis

PRICE_DATES = {
    "on_demand_usd_per_hour": "as_of",
    "spot_usd_per_hour": "spot_as_of",
    "capacity_block_usd_per_hour": "capacity_block_as_of",
    "reserved_1y_usd_per_hour": "reserved_as_of",
    "reserved_3y_usd_per_hour": "reserved_as_of",
}


def test_every_price_row_has_a_source_and_a_date(catalog: Catalog) -> None:
    for o in catalog.offerings:
        assert o.source and isinstance(o.as_of, dt.date), o.key
        for price, date in PRICE_DATES.items():
            if getattr(o, price) is not None and str(o.deployment) == "cloud":
                assert isinstance(getattr(o, date), dt.date), (o.key, price)
                kind = price.removesuffix("_usd_per_hour").replace("_", "-")
                kind = {"on-demand": "on-demand", "reserved-1y": "reserved-1y"}.get(kind, kind)
                assert kind.split("-")[0] in o.source, (o.key, price, o.source)
    for label in {o.source.split(": ", 1)[-1].split(";")[0] for o in catalog.offerings}:
        assert label  # every row names its source
    assert catalog.document.sources  # and the document explains each label


def test_every_cross_check_disagreement_is_flagged_and_makes_the_price_suspect(
    catalog: Catalog,
) -> None:
    disagreements = 0
    for o in catalog.offerings:
        for c in o.cross_checks:
            if c.disagrees:
                disagreements += 1
                assert c.difference_pct > 5 and c.independent, o.key
                assert f"price check: {c.describe()}" in o.flags, o.key
                assert o.is_suspect(c.kind), o.key
            elif c.independent:
                assert c.difference_pct <= 5, o.key
    assert disagreements > 0  # GCP spot prices moved between the two sources' dates
    checked = [o for o in catalog.offerings if any(c.independent for c in o.cross_checks)]
    assert len(checked) > 200  # a second source covers many rows


def test_every_host_plus_accelerator_sum_adds_up(catalog: Catalog) -> None:
    summed = [o for o in catalog.offerings if o.components]
    assert len(summed) > 50  # N1 + GPU, A3 Ultra from CoCalc parts, ...
    for o in summed:
        check_sums(o.components, o.model_dump(), o.key)  # raises if a sum is off
    (g2,) = catalog.find(offering="g2-standard-48", region="us-central1")
    assert g2.on_demand_usd_per_hour == pytest.approx(4.001665)  # not the old 3.9017
    cocalc = next(c for c in g2.cross_checks if "CoCalc" in c.other_source)
    assert cocalc.other_usd_per_hour == pytest.approx(1.761504192 + 4 * 0.560040239)


def test_the_build_check_rejects_a_sum_that_does_not_add_up() -> None:
    parts = (
        PriceComponent(kind="on-demand", label="host", usd_per_hour=1.7615, source="s"),
        PriceComponent(kind="on-demand", label="4 x L4", usd_per_hour=2.24016, source="s"),
    )
    with pytest.raises(CatalogError, match="is not the sum of its parts"):
        check_sums(parts, {"on_demand_usd_per_hour": 3.9017}, "gcp g2-standard-48 us-central1")
    check_sums(parts, {"on_demand_usd_per_hour": 4.00166}, "ok")


def test_no_offered_accelerator_without_power_or_basis(catalog: Catalog) -> None:
    offered = {o.accelerator_id for o in catalog.offerings}
    for acc_id in offered:
        acc = catalog.accelerator(acc_id)
        assert acc.power_watts is not None and acc.power_basis is not PowerBasis.UNKNOWN, acc_id
        assert acc.power_source and acc.power_method, acc_id
        if acc.power_basis is PowerBasis.ESTIMATE:
            assert acc.power_low_watts <= acc.power_watts <= acc.power_high_watts, acc_id
    assert catalog.accelerator("a10g").power_watts == 150
    assert catalog.accelerator("gaudi").power_watts == 350
    b300 = catalog.accelerator("b300")  # two published figures disagree: both kept
    assert (b300.power_watts, b300.power_high_watts) == (1000, 1300)


@pytest.mark.parametrize(
    ("provider", "families"),
    [
        ("aws", ["p4d", "p4de", "p5", "p5e", "p5en", "p6-b200", "p6-b300", "g4dn", "g5", "g6",
                 "g6e", "g7e", "gr6", "inf1", "inf2", "trn1", "trn1n", "trn2", "dl1", "p3"]),
        ("gcp", ["a2-highgpu", "a2-ultragpu", "a2-megagpu", "a3-highgpu", "a3-megagpu",
                 "a3-ultragpu", "a4-highgpu", "a4x-highgpu", "g2-standard", "g4-standard",
                 "n1-standard", "v4", "v5litepod", "v5p", "v6e"]),
    ],
)  # fmt: skip
def test_every_current_family_is_covered(
    catalog: Catalog, provider: str, families: list[str]
) -> None:
    names = {o.offering for o in catalog.offerings if str(o.provider) == provider}
    for family in families:
        assert any(n.split(".")[0] == family or n.startswith(family + "-") for n in names), family


def test_regions_per_cloud_and_local_zones_left_out(catalog: Catalog) -> None:
    aws = {o.region for o in catalog.offerings if str(o.provider) == "aws"}
    gcp = {o.region for o in catalog.offerings if str(o.provider) == "gcp"}
    assert len(aws) >= 25 and len(gcp) >= 30
    assert not any(r.count("-") > 2 or r.startswith("us-gov-") for r in aws)  # Local Zones out
    assert any("Local Zone or Wavelength Zone" in d for d in catalog.document.dropped)
    assert len({o.region for o in catalog.find(offering="p5.48xlarge")}) >= 10
