"""The example specs plan to the hardware their comments promise."""

from __future__ import annotations

import pytest

from pulumi_aihw.catalog import Catalog
from pulumi_aihw.planner import plan
from pulumi_aihw.spec import load_spec
from tests.conftest import STACKS

EXPECTED = {
    # stack: (family, offering, units)
    "aws-inferentia-inference": ("inferentia", "inf2.xlarge", 2),
    "aws-gpu-inference": ("gpu", "g6e.xlarge", 1),  # one L40S meets 800 tokens/s
    "gcp-tpu-training": ("tpu", "v6e-32", 1),
    "gcp-tpu-inference": ("tpu", "v5litepod-4", 3),
    "gcp-gpu-inference": ("gpu", "g2-standard-24", 7),  # 14 L4s in a managed group
}


@pytest.mark.parametrize("stack", sorted(EXPECTED))
def test_example_lands_where_promised(catalog: Catalog, stack: str) -> None:
    p = plan(load_spec(STACKS / stack / "workload.yaml"), catalog)
    assert p.chosen is not None
    family, offering, units = EXPECTED[stack]
    assert (str(p.chosen.accelerator.family), p.chosen.offering.offering, p.chosen.units) == (
        family,
        offering,
        units,
    )


def test_same_workload_moves_to_gpu_when_portability_is_required(catalog: Catalog) -> None:
    budget = load_spec(STACKS / "aws-inferentia-inference" / "workload.yaml")
    portable = load_spec(STACKS / "aws-gpu-inference" / "workload.yaml")
    assert budget.model == portable.model and budget.demand == portable.demand
    assert str(budget.constraints.portability) == "none"
    assert str(portable.constraints.portability) == "required"
    cheap = plan(budget, catalog).chosen
    gpu = plan(portable, catalog).chosen
    assert cheap is not None and gpu is not None
    assert cheap.usd_per_month < gpu.usd_per_month  # the accelerator is cheaper...
    assert str(cheap.lock_in.level) == "high" and str(gpu.lock_in.level) == "low"  # ...but locks in


def test_bare_metal_example_plans_an_owned_server_with_its_sites_pue(catalog: Catalog) -> None:
    from pulumi_aihw.baremetal.candidates import candidates_for_spec

    spec = load_spec(STACKS / "baremetal-gpu-inference" / "workload.yaml")
    p = plan(spec, catalog, extra_candidates=candidates_for_spec(spec, catalog))
    assert p.chosen is not None and str(p.chosen.offering.deployment) == "bare-metal"
    assert p.chosen.provider == "owned" and p.chosen.pue == 1.4
    assert p.chosen.power_kw is not None  # power is the owner's problem: never left out
    assert p.chosen.it_power_kw == pytest.approx(p.chosen.power_kw / 1.4)
    rented = next(c for c in p.feasible if c.provider == "qubrid")
    assert rented.pue == 1.0 and rented.offering.requires_order
