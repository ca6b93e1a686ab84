"""What the multi-region catalog lets a spec plan (issue 12): regions outside us-east-1,
the named types with a price (or the clear reason), suspect prices ranking behind
unflagged ones, your own rates, reserved terms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from pulumi_aihw.catalog import Catalog
from pulumi_aihw.catalog.catalog import Catalog as CatalogClass
from pulumi_aihw.planner import plan
from pulumi_aihw.reports.registry import RENDERERS
from pulumi_aihw.spec import WorkloadSpec

MakeSpec = Callable[..., WorkloadSpec]
BIG = {  # a 70B model: H100 x8, L40S and Inferentia2 servers can all serve it
    "model": {"name": "m", "parameters_billion": 70, "precision": "bf16",
              "context_length_tokens": 8192},
    "demand": {"tokens_per_second": 2000},
    "constraints": {"portability": "none"},
}  # fmt: skip


def feasible_accelerators(p: Any) -> set[str]:
    return {c.accelerator.id for c in p.feasible}


def test_a_spec_limited_to_eu_west_1_plans_there(catalog: Catalog, make_spec: MakeSpec) -> None:
    eu_west = {"regions": ["eu-west-1"], "deployments": ["cloud"]}
    p = plan(make_spec(**BIG, placement=eu_west), catalog)
    assert p.chosen is not None and {c.region for c in p.feasible} == {"eu-west-1"}
    assert {"inferentia2", "a100-40gb"} <= feasible_accelerators(p)  # inf2, p4d.24xlarge
    # The sources list neither P5 (H100) nor G6e (L40S) in eu-west-1 (EC2's offerings data
    # and the Price List): the rejection names where they are sold instead.
    p5 = next(c for c in p.candidates if c.offering.offering == "p5.48xlarge")
    (reason,) = [r for r in p5.rejected_because if r.startswith("region not allowed")]
    assert "eu-north-1" in reason and "(allowed: eu-west-1)" in reason


def test_a_spec_limited_to_eu_north_1_plans_h100_x8_l40s_and_inf2(
    catalog: Catalog, make_spec: MakeSpec
) -> None:
    eu_north = {"regions": ["eu-north-1"], "deployments": ["cloud"]}
    p = plan(make_spec(**BIG, placement=eu_north), catalog)
    offerings = {c.offering.offering for c in p.feasible}
    assert {"p5.48xlarge", "inf2.48xlarge"} <= offerings
    assert any(o.startswith("g6e.") for o in offerings)
    assert {"h100-sxm", "l40s", "inferentia2"} <= feasible_accelerators(p)
    assert {c.region for c in p.feasible} == {"eu-north-1"}


NAMED = [
    # (offering, region, purchase option)
    ("a3-highgpu-8g", "us-central1", "on-demand"),
    ("a3-highgpu-1g", "us-central1", "on-demand"),
    ("a2-ultragpu-8g", "us-central1", "on-demand"),
    ("g2-standard-48", "us-central1", "on-demand"),
    ("g4-standard-48", "us-central1", "on-demand"),  # GCP G4 (RTX PRO 6000)
    ("g7e.2xlarge", "us-east-1", "on-demand"),
    ("g6.12xlarge", "us-east-1", "on-demand"),  # multi-GPU g6
    ("g5.2xlarge", "us-east-1", "on-demand"),
    ("g5.12xlarge", "us-east-1", "on-demand"),
    ("p5e.48xlarge", "us-east-2", "capacity-block"),  # no on-demand price: sold as blocks
    ("trn2.48xlarge", "us-east-2", "capacity-block"),
]


@pytest.mark.parametrize(("offering", "region", "option"), NAMED)
def test_named_types_plan_with_a_price(
    catalog: Catalog, make_spec: MakeSpec, offering: str, region: str, option: str
) -> None:
    spec = make_spec(
        pin={"offering": offering, "units": 1},
        demand=None,
        frameworks=["pytorch"],
        placement={"regions": [region]},
        constraints={"portability": "none", "purchase_option": option},
    )
    p = plan(spec, catalog)
    assert p.chosen is not None, [
        c.rejected_because for c in p.candidates if c.offering.offering == offering
    ]
    assert p.chosen.offering.offering == offering and p.chosen.region == region
    assert p.chosen.usd_per_hour is not None and p.chosen.usd_per_hour > 0


def test_a4_has_no_published_price_and_plans_with_your_own(
    catalog: Catalog, make_spec: MakeSpec
) -> None:
    base: dict[str, Any] = {
        "pin": {"offering": "a4-highgpu-8g", "units": 1},
        "demand": None,
        "placement": {"regions": ["us-central1"]},
        "constraints": {"portability": "none"},
    }
    p = plan(make_spec(**base), catalog)
    assert p.chosen is None
    (a4,) = [c for c in p.candidates if c.offering.offering == "a4-highgpu-8g"]
    assert (
        "price unknown: no on-demand price for a4-highgpu-8g in us-central1" in a4.rejected_because
    )
    assert any(
        w.startswith("price not published: A4 (B200) has no public list price") for w in a4.warnings
    )
    own = {"offerings": [{"provider": "gcp", "offering": "a4-highgpu-8g", "usd_per_hour": 75}]}
    p = plan(make_spec(**base, pricing=own), catalog)
    assert p.chosen is not None and p.chosen.usd_per_hour == 75
    assert p.chosen.your_rate and "your rate $75/h from pricing.offerings" in p.chosen.your_rate
    text = RENDERERS["plan"]["table"](p, 3)
    assert "price: your rate $75/h from pricing.offerings" in text
    assert "$54,750*" in text and "* your rate (pricing:)" in text


def test_a_discount_per_provider_is_your_rate(catalog: Catalog, make_spec: MakeSpec) -> None:
    base = {"placement": {"providers": ["aws"], "regions": ["us-east-1"]}}
    list_price = plan(make_spec(**base), catalog).chosen
    ours = plan(make_spec(**base, pricing={"discount_percent": {"aws": 20}}), catalog).chosen
    assert list_price is not None and ours is not None
    assert ours.offering.key == list_price.offering.key
    assert ours.usd_per_month == pytest.approx(list_price.usd_per_month * 0.8)
    assert ours.catalog_usd_per_unit_hour == list_price.catalog_usd_per_unit_hour
    assert ours.your_rate == "your rate: 20% off the aws on-demand price"
    assert ours.to_dict()["your_rate"] == ours.your_rate
    md = RENDERERS["plan"]["markdown"](
        plan(make_spec(**base, pricing={"discount_percent": {"aws": 20}}), catalog), 3
    )
    assert "- price: your rate: 20% off the aws on-demand price" in md


def test_reserved_terms_price_commitments(catalog: Catalog, make_spec: MakeSpec) -> None:
    def chosen(term: int) -> Any:
        spec = make_spec(
            pin={"offering": "a3-highgpu-8g", "units": 1},
            demand=None,
            placement={"regions": ["us-central1"]},
            constraints={"purchase_option": "reserved", "reservation_term_years": term},
        )
        return plan(spec, catalog).chosen

    one, three = chosen(1), chosen(3)
    assert (one.price_basis, three.price_basis) == ("reserved-1y", "reserved-3y")
    assert three.usd_per_hour < one.usd_per_hour < one.offering.on_demand_usd_per_hour
    assert one.usd_per_month == pytest.approx(one.usd_per_hour * 730)  # billed around the clock


def test_a_suspect_price_ranks_behind_an_unflagged_one_at_near_equal_cost(
    catalog: Catalog, make_spec: MakeSpec
) -> None:
    (row,) = catalog.find(offering="g6e.xlarge", region="us-east-1")
    cheap_but_suspect = row.model_copy(
        update={
            "offering": "g6e.xlarge-twin",
            "on_demand_usd_per_hour": row.on_demand_usd_per_hour * 0.98,  # 2 % cheaper
            "suspect_prices": ("on-demand",),
            "flags": ("price check: on-demand disagrees (test)",),
        }
    )
    doc = catalog.document.model_copy(
        update={"offerings": (*catalog.document.offerings, cheap_but_suspect)}
    )
    spec = make_spec(placement={"regions": ["us-east-1"], "accelerators": ["l40s"]})
    p = plan(spec, CatalogClass(doc))
    order = [c.offering.offering for c in p.feasible]
    assert order.index("g6e.xlarge") < order.index("g6e.xlarge-twin")
    twin = next(c for c in p.feasible if c.offering.offering == "g6e.xlarge-twin")
    assert twin.suspect and "disagrees with a second source" in twin.rank_reason
    assert twin.to_dict()["suspect_price"] is True
    assert "$" in RENDERERS["plan"]["table"](p, 5) and "! price disagrees" in RENDERERS["plan"][
        "table"
    ](p, 5)
