"""Inventory servers as planner candidates: ranked with the catalog's rented servers,
priced at TCO, placed against rack budgets, with their facts in the plan's JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pulumi_aihw.baremetal.candidates import candidates_for_spec
from pulumi_aihw.catalog import load_catalog
from pulumi_aihw.errors import LockError, NoFeasiblePlanError
from pulumi_aihw.planner import lock_from_plan, plan
from pulumi_aihw.planner.models import Candidate, Plan
from pulumi_aihw.spec import WorkloadSpec, spec_from_dict
from pulumi_aihw.targets.resolve import resolve_workload
from tests.baremetal.inventories import GOOD, write_inventory

LLAMA_70B: dict[str, Any] = {
    "name": "chat",
    "owner": "team-chat",
    "phase": "inference",
    "model": {
        "name": "llama-3-70b",
        "parameters_billion": 70,
        "context_length_tokens": 8192,
        "architecture": {"layers": 80, "kv_heads": 8, "head_dim": 128},
    },
    "frameworks": ["pytorch", "vllm"],
    "demand": {"tokens_per_second": 1500},
    # without an allow-list the rented 8 x A100 80GB server (Qubrid) is the cheapest
    "placement": {"deployments": ["bare-metal"], "accelerators": ["h100", "h200", "b200", "l40s"]},
    "constraints": {"max_usd_per_month": 30000, "portability": "required"},
    "baremetal": {"inventory": "inventory.yaml"},
}


def spec_in(tmp_path: Path, text: str = GOOD, **changes: Any) -> WorkloadSpec:
    write_inventory(tmp_path, text)
    return spec_from_dict({**LLAMA_70B, **changes}, base_dir=tmp_path)


def planned(spec: WorkloadSpec) -> Plan:
    catalog = load_catalog()
    return plan(spec, catalog, extra_candidates=candidates_for_spec(spec, catalog))


def owned(p: Plan, offering: str) -> Candidate:
    (c,) = [c for c in p.candidates if c.provider == "owned" and c.offering.offering == offering]
    return c


def test_owned_servers_rank_with_rented_ones_at_their_tco(tmp_path: Path) -> None:
    p = planned(spec_in(tmp_path))
    chosen = p.chosen
    assert chosen is not None and chosen.provider == "owned"
    assert (chosen.offering.offering, chosen.region, chosen.units) == ("8x-h100-sxm", "fra1", 1)
    assert str(chosen.offering.deployment) == "bare-metal" and not chosen.offering.requires_order
    assert chosen.usd_per_month == pytest.approx(9910.3986, abs=1e-3)  # test_tco's figure
    assert chosen.power_kw == pytest.approx(7.84 * 1.4)  # IT power x PUE
    assert chosen.lock_in.level == "none" and chosen.price_basis == "tco"
    rented = [c for c in p.feasible if c.provider == "qubrid"]
    assert rented and all(c.offering.requires_order for c in rented)
    assert all(c.to_dict()["requires_order"] for c in rented)
    assert chosen.usd_per_month < min(c.usd_per_month or 0 for c in rented)


def test_plan_json_shows_the_servers_and_rack_power(tmp_path: Path) -> None:
    facts = planned(spec_in(tmp_path)).chosen.to_dict()["baremetal"]  # type: ignore[union-attr]
    assert facts["site"] == "fra1" and facts["pue"] == 1.4 and facts["placed"] is True
    (server,) = facts["servers"]
    assert server["name"] == "h100-a" and server["rack"] == "r01" and server["it_power_kw"] == 7.84
    assert server["usd_per_month"] == 9910.4 and server["energy_usd_per_month"] == 1682.62
    assert facts["racks"] == [
        {
            "rack": "r01",
            "site": "fra1",
            "budget_kw": 17.0,
            "used_kw": 7.84,
            "planned_kw": 7.84,
            "servers": ["h100-a"],
        }
    ]


def test_an_over_budget_rack_makes_the_owned_candidate_infeasible(tmp_path: Path) -> None:
    spec = spec_in(tmp_path, GOOD.replace("power_budget_kw: 17", "power_budget_kw: 15"))
    p = planned(spec)
    h100 = owned(p, "8x-h100-sxm")
    assert h100.rejected_because == (
        "rack over budget: rack r01 would draw 15.68 kW (7.84 in use + 7.84 planned) > budget "
        "15 kW",
    )
    assert h100.to_dict()["baremetal"]["placed"] is False
    assert p.chosen is not None and p.chosen.provider == "qubrid"  # a rented server wins now
    with pytest.raises(NoFeasiblePlanError) as info:
        resolve_workload("chat", spec=spec)
    assert info.value.exit_code == 1
    assert "order NVIDIA H100 80GB 8-GPU SXM Server from qubrid, add it to the " in str(info.value)
    assert "inventory (inventory.yaml), then run again" in str(info.value)


def test_too_few_free_servers_and_power_caps(tmp_path: Path) -> None:
    p = planned(spec_in(tmp_path, constraints={"max_power_kw": 10, "portability": "required"}))
    l40s = owned(p, "4x-l40s")
    assert "not enough free servers: needs 4 x 4x-l40s, 1 free at fra1" in l40s.rejected_because
    h100 = owned(p, "8x-h100-sxm")
    assert h100.rejected_because == ("over power cap: 10.98 kW > max 10 kW",)


def test_a_site_in_another_currency_needs_a_rate(tmp_path: Path) -> None:
    text = GOOD.replace(
        "electricity_price_per_kwh: 0.21", "electricity_price_per_kwh: 0.2\n    currency: EUR"
    )
    h100 = owned(planned(spec_in(tmp_path, text)), "8x-h100-sxm")
    assert h100.usd_per_month is None  # unknown, never 0
    assert h100.rejected_because == (
        "price unknown: site fra1 prices in EUR, no USD rate; set exchange_rates_usd.EUR in the "
        "spec to compare it",
    )
    rated = owned(planned(spec_in(tmp_path, text, exchange_rates_usd={"EUR": 1.1})), "8x-h100-sxm")
    # (7,777.78 + 8,012.48 kWh x 0.20 + 450) EUR x 1.1
    assert rated.feasible and rated.usd_per_month == pytest.approx(
        (280000 / 36 + 8012.48 * 0.2 + 450) * 1.1
    )


def test_a_workload_may_be_planned_onto_its_own_servers(tmp_path: Path) -> None:
    spec = spec_in(tmp_path, name="other-team")
    h100 = owned(planned(spec), "8x-h100-sxm")
    assert h100.feasible
    assert h100.extra["baremetal"]["racks"][0]["used_kw"] == 0  # its own server is not "in use"


def test_without_an_inventory_there_are_no_owned_candidates(tmp_path: Path) -> None:
    spec = spec_from_dict({**LLAMA_70B, "baremetal": None})
    assert candidates_for_spec(spec, load_catalog()) == []


def test_a_lock_keeps_the_owned_choice_until_the_inventory_takes_it_away(tmp_path: Path) -> None:
    spec = spec_in(tmp_path)
    catalog = load_catalog()
    lock = lock_from_plan(planned(spec))
    again = plan(spec, catalog, lock=lock, extra_candidates=candidates_for_spec(spec, catalog))
    assert again.lock_status == "honoured" and again.chosen is not None and again.chosen.locked
    assert again.chosen.offering.offering == "8x-h100-sxm"
    in_maintenance = GOOD.replace("  - name: h100-b", "    status: maintenance\n  - name: h100-b")
    taken = spec_in(tmp_path, in_maintenance)  # h100-a is no longer free
    with pytest.raises(
        LockError, match="pins owned servers 8x-h100-sxm at fra1, which the inventory"
    ):
        plan(taken, catalog, lock=lock, extra_candidates=candidates_for_spec(taken, catalog))
