"""Every feasibility reason, on the candidate it applies to."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pulumi_aihw.catalog import Catalog
from pulumi_aihw.planner import DEFAULT_ASSUMPTIONS, Candidate, plan
from pulumi_aihw.planner.candidates import Evaluator
from pulumi_aihw.spec import WorkloadSpec
from tests.conftest import TRAINING

MakeSpec = Callable[..., WorkloadSpec]


def cand(
    catalog: Catalog, spec: WorkloadSpec, offering: str, region: str | None = None
) -> Candidate:
    """The plan's candidate for ``offering`` (priced in the region the planner chose), or
    the planner's evaluation of its row in ``region``."""
    if region is not None:
        (row,) = catalog.find(offering=offering, region=region)
        return Evaluator(spec, catalog, DEFAULT_ASSUMPTIONS).evaluate(row)
    p = plan(spec, catalog)
    return next(c for c in p.candidates if c.offering.offering == offering)


def reasons(catalog: Catalog, spec: WorkloadSpec, offering: str, **kw: Any) -> tuple[str, ...]:
    return cand(catalog, spec, offering, **kw).rejected_because


def test_feasible_candidate_has_no_reasons(catalog: Catalog, make_spec: MakeSpec) -> None:
    c = cand(catalog, make_spec(), "g6e.xlarge")
    assert c.feasible and c.rejected_because == () and c.units == 1


def test_framework_unsupported(catalog: Catalog, make_spec: MakeSpec) -> None:
    spec = make_spec(frameworks=["pytorch", "tensorflow"])
    assert (
        "framework unsupported: tensorflow not native on AWS Inferentia2 (runs pytorch, vllm)"
        in reasons(catalog, spec, "inf2.xlarge")
    )


def test_cannot_train_on_inference_only_chips(catalog: Catalog, make_spec: MakeSpec) -> None:
    spec = make_spec(TRAINING, frameworks=["pytorch"])
    assert "cannot train: AWS Inferentia2 is inference-only" in reasons(
        catalog, spec, "inf2.48xlarge"
    )


def test_portability_required_rejects_vendor_sdks(catalog: Catalog, make_spec: MakeSpec) -> None:
    spec = make_spec(constraints={"portability": "required"})
    assert "portability required: AWS Inferentia2 needs the Neuron SDK" in reasons(
        catalog, spec, "inf2.xlarge"
    )
    assert "portability required: Google TPU v5e needs the XLA/libtpu" in reasons(
        catalog, spec, "v5litepod-8", region="us-central1"
    )
    assert cand(catalog, spec, "g6e.xlarge").feasible


def test_does_not_fit(catalog: Catalog, make_spec: MakeSpec) -> None:
    assert reasons(catalog, make_spec(), "g4dn.xlarge")[0].startswith(
        "does not fit: needs 15.9 GiB per replica"
    )


def test_cannot_meet_demand_with_a_pin(catalog: Catalog, make_spec: MakeSpec) -> None:
    spec = make_spec(pin={"offering": "inf2.xlarge"}, demand={"tokens_per_second": 800})
    assert "cannot meet demand: estimated 529 tokens/s < 800 tokens/s wanted" in reasons(
        catalog, spec, "inf2.xlarge"
    )


def test_cannot_meet_deadline(catalog: Catalog, make_spec: MakeSpec) -> None:
    spec = make_spec(TRAINING, pin={"offering": "trn1.32xlarge"}, frameworks=["pytorch"])
    assert "cannot meet deadline: 165.3 days > 14 days" in reasons(catalog, spec, "trn1.32xlarge")


def test_over_budget_and_over_power_cap(catalog: Catalog, make_spec: MakeSpec) -> None:
    spec = make_spec(constraints={"max_usd_per_month": 2000, "max_power_kw": 0.5})
    got = reasons(catalog, spec, "g6e.4xlarge")
    assert "over budget: $2,193/month > max $2,000/month" in got
    assert "over power cap: 0.51 kW > max 0.5 kW" in got  # 1 x (350 W + 16 vCPU x 10 W)


def _no_power(catalog: Catalog, spec: WorkloadSpec, offering: str) -> Candidate:
    """``offering`` evaluated as if its accelerator had no power figure or basis at all."""
    row = catalog.find(offering=offering, region="us-east-1")[0]
    acc = catalog.accelerator(row.accelerator_id).model_copy(
        update={"power_watts": None, "tdp_watts": None, "power_basis": "unknown"}
    )
    return Evaluator(spec, catalog, DEFAULT_ASSUMPTIONS).evaluate(row, acc)


def test_unknown_power_under_a_cap_warns_by_default_and_can_reject(
    catalog: Catalog, make_spec: MakeSpec
) -> None:
    warn = _no_power(catalog, make_spec(constraints={"max_power_kw": 5}), "inf2.xlarge")
    assert warn.feasible and warn.power_kw is None  # unknown, never 0 kW
    assert any(
        w.startswith("max_power_kw 5 cannot be evaluated: power unknown") for w in warn.warnings
    )
    strict = make_spec(constraints={"max_power_kw": 5, "unknown_power": "reject"})
    assert _no_power(catalog, strict, "inf2.xlarge").rejected_because == (
        "power cannot be evaluated: power unknown: no published, measured or estimated figure "
        "for AWS Inferentia2; max_power_kw 5 (constraints.unknown_power: reject)",
    )


def test_power_caps_compare_the_high_end_of_an_estimate(
    catalog: Catalog, make_spec: MakeSpec
) -> None:
    base = {"portability": "none"}
    c = cand(catalog, make_spec(constraints=base), "v6e-1", "us-central1")
    assert c.power.basis == "estimate" and c.power.low_kw < c.power_kw < c.power.high_kw
    assert c.power.label().startswith("~") and " kW est. (" in c.power.label()
    cap = round((c.power_kw + c.power.high_kw) / 2, 3)  # above the point, below the high end
    capped = make_spec(constraints={**base, "max_power_kw": cap})
    got = reasons(catalog, capped, "v6e-1", region="us-central1")
    assert any(r.startswith("over power cap: up to") and "high end of ~" in r for r in got), got


def test_not_in_allowed_regions_providers_or_deployments(
    catalog: Catalog, make_spec: MakeSpec
) -> None:
    spec = make_spec(
        placement={"providers": ["gcp"], "regions": ["us-east5"], "deployments": ["cloud"]}
    )
    got = reasons(catalog, spec, "g6e.xlarge")
    assert "provider not allowed: aws (allowed: gcp)" in got
    region = next(r for r in got if r.startswith("region not allowed: "))
    assert region.startswith("region not allowed: offered in ") and "(allowed: us-east5)" in region
    assert "deployment not allowed: bare-metal (allowed: cloud)" in reasons(catalog, spec, "GEX63")


def test_price_unknown(catalog: Catalog, make_spec: MakeSpec) -> None:
    got = reasons(catalog, make_spec(), "a4-highgpu-8g", region="us-central1")
    assert any(
        f.startswith("price not published: A4 (B200)")
        for f in cand(catalog, make_spec(), "a4-highgpu-8g", region="us-central1").warnings
    )
    assert "price unknown: no on-demand price for a4-highgpu-8g in us-central1" in got
    c = cand(catalog, make_spec(), "a4-highgpu-8g", region="us-central1")
    assert c.usd_per_month is None and c.usd_per_hour is None  # unknown, never 0


def test_spot_and_capacity_block_prices(catalog: Catalog, make_spec: MakeSpec) -> None:
    spot = make_spec(constraints={"purchase_option": "spot"})
    assert "price unknown: no spot price for p5.4xlarge in us-east-1" in reasons(
        catalog, spot, "p5.4xlarge", region="us-east-1"
    )
    g6e = cand(catalog, spot, "g6e.xlarge", region="us-east-1")
    assert g6e.price_basis == "spot" and g6e.as_of == g6e.offering.spot_as_of  # dated separately
    block = make_spec(constraints={"purchase_option": "capacity-block"})
    assert (
        "purchase option not offered: capacity-block is an AWS purchase option (EC2 Capacity "
        "Blocks for ML)"
    ) in reasons(catalog, block, "a2-highgpu-1g", region="us-central1")
    assert "price unknown: no capacity-block price for g6e.xlarge in us-east-1" in reasons(
        catalog, block, "g6e.xlarge", region="us-east-1"
    )
    p4d = cand(catalog, block, "p4d.24xlarge", region="us-east-1")
    assert p4d.usd_per_hour == 11.8 and p4d.price_basis == "capacity-block"
    assert p4d.as_of == p4d.offering.capacity_block_as_of  # the block price has its own date
    assert p4d.as_of != p4d.offering.as_of


def test_monthly_rent_needs_an_exchange_rate(catalog: Catalog, make_spec: MakeSpec) -> None:
    spec = make_spec(pin={"offering": "GEX63"}, demand=None)
    assert (
        "price unknown: priced in EUR, no USD rate; set exchange_rates_usd.EUR in the spec to "
        "compare it"
    ) in reasons(catalog, spec, "GEX63")
    rated = make_spec(pin={"offering": "GEX63"}, demand=None, exchange_rates_usd={"EUR": 1.1})
    c = cand(catalog, rated, "GEX63")
    assert c.feasible and round(c.usd_per_month or 0, 2) == 1098.9  # 999 EUR x 1.1
    spot = make_spec(
        pin={"offering": "GEX63"},
        demand=None,
        exchange_rates_usd={"EUR": 1.1},
        constraints={"purchase_option": "spot"},
    )
    assert "purchase option not offered: spot is not offered for monthly-rented servers" in reasons(
        catalog, spot, "GEX63"
    )


def test_pins_reject_everything_else(catalog: Catalog, make_spec: MakeSpec) -> None:
    spec = make_spec(pin={"accelerator": "h100", "count": 8}, demand=None)
    assert "not pinned: the spec pins accelerator h100-sxm" in reasons(catalog, spec, "g6e.xlarge")
    p = plan(spec, catalog)
    assert {c.accelerator.id for c in p.feasible} == {"h100-sxm"}
    assert all(c.accelerators == 8 for c in p.feasible)


def test_training_run_budget(catalog: Catalog, make_spec: MakeSpec) -> None:
    spec = make_spec(TRAINING, constraints={"max_usd_total": 1000})
    assert "over budget: $28,617 for the run > max $1,000" in reasons(
        catalog, spec, "v6e-32", region="us-central1"
    )


def test_cannot_span_nodes_for_training(catalog: Catalog, make_spec: MakeSpec) -> None:
    spec = make_spec(TRAINING, frameworks=["pytorch"])
    got = reasons(catalog, spec, "g6e.48xlarge")
    assert any(r.startswith("cannot span nodes: needs") for r in got)


def test_lock_in_levels_and_reasons(catalog: Catalog, make_spec: MakeSpec) -> None:
    spec = make_spec(constraints={"portability": "none", "purchase_option": "reserved"})
    inf2 = cand(catalog, spec, "inf2.xlarge").lock_in
    assert str(inf2.level) == "high"
    assert inf2.reasons[0].startswith("needs the Neuron SDK")
    assert "inferentia accelerators are sold only by aws: no alternative provider" in inf2.reasons
    assert "a reservation commits spend for its whole term" in inf2.reasons
    gpu = cand(catalog, make_spec(), "g6e.xlarge").lock_in
    assert str(gpu.level) == "low"
    h200 = make_spec(pin={"offering": "NVIDIA H200 141GB 8-GPU SXM bare metal server"}, demand=None)
    assert (
        str(cand(catalog, h200, "NVIDIA H200 141GB 8-GPU SXM bare metal server").lock_in.level)
        == "none"
    )


def test_reserved_prices_the_commitment_term(catalog: Catalog, make_spec: MakeSpec) -> None:
    one = cand(
        catalog, make_spec(constraints={"purchase_option": "reserved"}), "g6e.xlarge", "us-east-1"
    )
    row = one.offering
    assert one.price_basis == "reserved-1y"  # plain `reserved` means a 1-year term
    assert one.usd_per_hour == row.reserved_1y_usd_per_hour * one.units
    assert row.reserved_1y_usd_per_hour < row.on_demand_usd_per_hour
    assert not any("upper bound" in w for w in one.warnings)
    three = make_spec(constraints={"purchase_option": "reserved", "reservation_term_years": 3})
    assert (
        "price unknown: no reserved-3y price for g6e.xlarge in us-east-1 in the catalog's sources"
        in reasons(catalog, three, "g6e.xlarge", region="us-east-1")
    )
    gcp = cand(catalog, three, "a3-highgpu-8g", region="us-central1")
    assert gcp.price_basis == "reserved-3y"
    assert gcp.usd_per_hour == gcp.offering.reserved_3y_usd_per_hour * gcp.units
