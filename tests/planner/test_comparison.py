"""Best of each hardware family and the price of portability, from one plan."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pulumi_aihw.catalog import Catalog
from pulumi_aihw.planner import plan
from pulumi_aihw.planner.comparison import family_of
from pulumi_aihw.planner.economics import cost_key, is_portable
from pulumi_aihw.planner.families import HardwareFamily, hardware_family
from pulumi_aihw.spec import WorkloadSpec, load_spec
from pulumi_aihw.vocab import Portability
from pulumi_aihw.workflow import plan_workload
from tests.conftest import REPO, STACKS

COMPARE = REPO / "examples" / "compare-families" / "workload.yaml"
MakeSpec = Callable[..., WorkloadSpec]


def test_family_key_splits_gpus_by_vendor_and_bare_metal_by_ownership(catalog: Catalog) -> None:
    acc = catalog.accelerator
    assert hardware_family(acc("h100-sxm"), "cloud", "aws") is HardwareFamily.NVIDIA_GPU
    assert hardware_family(acc("mi300x"), "cloud", "aws") is HardwareFamily.AMD_GPU
    assert hardware_family(acc("tpu-v5e"), "cloud", "gcp") is HardwareFamily.TPU
    assert hardware_family(acc("inferentia2"), "cloud", "aws") is HardwareFamily.INFERENTIA
    assert hardware_family(acc("trainium"), "cloud", "aws") is HardwareFamily.TRAINIUM
    assert hardware_family(acc("gaudi2"), "cloud", "aws") is HardwareFamily.GAUDI
    assert hardware_family(acc("h100-sxm"), "bare-metal", "owned") is (
        HardwareFamily.BARE_METAL_OWNED
    )
    assert hardware_family(acc("mi300x"), "bare-metal", "qubrid") is (
        HardwareFamily.BARE_METAL_RENTED
    )


def test_one_row_per_family_with_a_feasible_candidate_its_best_ranked(catalog: Catalog) -> None:
    p = plan(load_spec(COMPARE), catalog)
    assert p.comparison is not None
    rows = p.comparison.families
    families = {family_of(c) for c in p.feasible}
    assert [r.family for r in rows] == sorted(families, key=lambda f: f.order)
    assert len(rows) >= 5  # NVIDIA GPU, TPU, Inferentia, Trainium, rented bare metal
    for r in rows:
        first = next(c for c in p.feasible if family_of(c) is r.family)
        assert r.candidate is first and r.candidate.feasible
        assert r.feasible == sum(1 for c in p.feasible if family_of(c) is r.family)


def test_owned_servers_form_their_own_family(catalog: Catalog) -> None:
    spec = load_spec(STACKS / "baremetal-gpu-inference" / "workload.yaml")
    p = plan_workload(spec, catalog)
    assert p.comparison is not None
    assert HardwareFamily.BARE_METAL_OWNED in [r.family for r in p.comparison.families]


@pytest.mark.parametrize("spec_path", [COMPARE, STACKS / "gcp-tpu-training" / "workload.yaml"])
def test_price_of_portability_is_the_difference_of_the_two_plans_it_replaces(
    catalog: Catalog, spec_path
) -> None:
    spec = load_spec(spec_path)

    def variant(portability: str) -> WorkloadSpec:
        # no budget: the portable plan must have a choice to compare with
        update = {"portability": Portability(portability), "max_usd_total": None}
        c = spec.constraints.model_copy(update=update)
        return spec.model_copy(update={"constraints": c})

    anything = plan(variant("none"), catalog)
    portable = plan(variant("required"), catalog)
    assert anything.chosen is not None and portable.chosen is not None
    expected = cost_key(portable.chosen) - cost_key(anything.chosen)
    assert expected > 0
    for p in (anything, portable, plan(variant("preferred"), catalog)):
        assert p.comparison is not None
        cost = p.comparison.portability
        assert cost.usd == pytest.approx(expected, abs=0.01)
        assert cost.portable is not None and is_portable(cost.portable.accelerator)
        assert cost.portable.offering.key == portable.chosen.offering.key
        assert cost.cheapest is not None
        assert cost.cheapest.offering.key == anything.chosen.offering.key
        data = p.to_dict()["portability_cost"]
        assert data["usd"] == pytest.approx(expected, abs=0.01)
        assert data["lock_in"] == {
            "from": str(anything.chosen.lock_in.level),
            "to": str(portable.chosen.lock_in.level),
        }


def test_no_feasible_portable_candidate_names_the_closest_one(catalog: Catalog) -> None:
    p = plan(load_spec(STACKS / "aws-inferentia-inference" / "workload.yaml"), catalog)
    assert p.comparison is not None
    cost = p.comparison.portability
    assert cost.portable is None and cost.usd is None
    assert cost.closest_portable is not None
    assert cost.closest_portable.offering.offering == "g6e.xlarge"
    assert cost.closest_portable.rejected_because[0].startswith("over budget")
    closest = p.to_dict()["portability_cost"]["closest_portable"]
    assert closest["usd_per_month"] == pytest.approx(1358.53, abs=0.01)


def test_json_best_per_family_fields_and_unknowns_stay_null(catalog: Catalog) -> None:
    data = plan(load_spec(COMPARE), catalog).to_dict()
    rows = data["best_per_family"]
    assert {r["family"] for r in rows} >= {"nvidia-gpu", "tpu", "inferentia", "trainium"}
    fields = {
        "family",
        "offering",
        "units",
        "usd_per_month",
        "suspect_price",
        "your_rate",
        "tokens_per_second",
        "million_tokens_per_usd",
        "tokens_per_kwh",
        "power",
        "lock_in",
        "frameworks_not_native",
        "calibration",
        "calibrated",
        "flags",
    }
    for r in rows:
        assert fields <= set(r)
        assert set(r["lock_in"]) == {"level", "reasons"}
        assert r["lock_in"]["reasons"] or r["lock_in"]["level"] == "none"
        tps, kw, per_kwh = r["tokens_per_second"], r["power"], r["tokens_per_kwh"]
        if kw["value"] is None:  # unknown power: never 0, never divided into per kWh
            assert per_kwh["value"] is None and kw["basis"] == "unknown"
            continue
        assert per_kwh["value"] == pytest.approx(tps["value"] * 3600 / kw["value"], rel=1e-3)
        assert r["usd_per_month"] > 0 and r["million_tokens_per_usd"]["value"] > 0
        if tps["low"] is not None:  # a range in gives a range out, each end paired
            assert per_kwh["low"] == pytest.approx(
                tps["low"] * 3600 / (kw["high"] or kw["value"]), rel=1e-3
            )
            assert per_kwh["high"] == pytest.approx(
                tps["high"] * 3600 / (kw["low"] or kw["value"]), rel=1e-3
            )
            per_usd = r["million_tokens_per_usd"]
            assert per_usd["low"] < per_usd["value"] < per_usd["high"]
    inf = next(r for r in rows if r["family"] == "inferentia")
    assert inf["frameworks_not_native"] == ["jax", "tensorflow", "onnx"]
    assert inf["power"]["basis"] == "estimate" and inf["power"]["label"].endswith(")")
    assert {"code": "power est.", "text": f"AWS Inferentia2: {inf['power']['label']}"} in inf[
        "flags"
    ]
    assert inf["calibrated"] is True and inf["calibration"].startswith("calibrated on")
    tpu = next(r for r in rows if r["family"] == "tpu")  # no measured results of its own
    assert tpu["calibrated"] is False and "uncalibrated" in tpu["calibration"]
    assert any(f["code"] == "uncalibrated" for f in tpu["flags"])


def test_every_feasible_candidate_carries_its_estimate(catalog: Catalog) -> None:
    data = plan(load_spec(COMPARE), catalog).to_dict()
    for c in data["candidates"]:
        if c["feasible"]:
            assert c["estimate"]["tokens_per_second"]["value"] > 0
    training = plan(load_spec(STACKS / "gcp-tpu-training" / "workload.yaml"), catalog).to_dict()
    for c in training["candidates"]:
        if c["feasible"]:
            assert c["estimate"]["time_to_train_hours"]["value"] > 0
            assert c["estimate"]["tokens_per_second"]["value"] is None
            run = c["estimate"]["usd_total"]  # the run's cost ranges with its time
            assert run["low"] < run["value"] < run["high"]
