"""The example specs plan to the hardware their comments promise."""

from __future__ import annotations

import pytest

from pulumi_aihw.catalog import Catalog
from pulumi_aihw.planner import Candidate, plan
from pulumi_aihw.spec import load_spec
from tests.conftest import STACKS

EXPECTED = {
    # stack: (family, offering, units)
    "aws-inferentia-inference": ("inferentia", "inf2.xlarge", 2),
    "aws-gpu-inference": ("gpu", "g7e.2xlarge", 1),  # one RTX PRO 6000 (96 GB)
    "gcp-tpu-training": ("tpu", "v6e-32", 1),
    "gcp-tpu-inference": ("tpu", "v5litepod-4", 3),
    "gcp-gpu-inference": ("gpu", "g2-standard-96", 2),  # = 4 x g2-standard-48, fewer VMs
    "azure-gpu-inference": ("gpu", "Standard_NC96ads_A100_v4", 1),
    "azure-mi300x-inference": ("gpu", "Standard_ND96isr_MI300X_v5", 1),
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


def test_mi300x_wins_on_price_per_token_for_a_memory_heavy_model(catalog: Catalog) -> None:
    """Llama 3.1 405B in FP8 across AWS, Google Cloud and Azure: with sourced prices, one ND
    MI300X v5 VM is the cheapest per token served of every candidate that fits the model,
    those over the stack's budget included (GCP's 8-GPU VMs all are)."""
    p = plan(load_spec(STACKS / "azure-mi300x-inference" / "workload.yaml"), catalog)
    best: dict[str, tuple[float, Candidate]] = {}
    compared = set()
    for c in p.candidates:
        only_budget = all(r.startswith("over budget") for r in c.rejected_because)
        if not (c.feasible or only_budget) or c.sizing is None or c.usd_per_hour is None:
            continue
        compared.add(str(c.provider))
        usd_per_mtok = c.usd_per_hour / (c.sizing.tokens_per_second * 3600 / 1e6)
        if c.accelerator.id not in best or usd_per_mtok < best[c.accelerator.id][0]:
            best[c.accelerator.id] = (usd_per_mtok, c)
    assert compared >= {"aws", "gcp", "azure"}
    winner = min(best.values(), key=lambda t: t[0])[1]
    assert (winner.provider, winner.accelerator.id) == ("azure", "mi300x")
    assert p.chosen is not None and p.chosen.offering.offering == "Standard_ND96isr_MI300X_v5"
    assert best["mi300x"][0] < best["h200"][0] * 0.8  # over 20% cheaper per token
