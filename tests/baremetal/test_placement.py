"""Rack power arithmetic: power in use per rack, placement against budgets, and the
refusal of a placement that would take a rack over its budget, naming the rack."""

from __future__ import annotations

from pathlib import Path

import pytest

from pulumi_aihw.baremetal.placement import RackPower, place, rack_used_kw
from pulumi_aihw.baremetal.power import server_power_kw
from tests.baremetal.inventories import GOOD, load

THREE_H100 = """\
sites: [{name: s1, pue: 1.2, electricity_price_per_kwh: 0.1}]
racks:
  - {name: small, site: s1, power_budget_kw: 10}
  - {name: big, site: s1, power_budget_kw: 12, other_load_kw: 1.5}
servers:
  - {name: a, rack: small, ssh: {host: h1, user: u}, gpu: {model: h100-sxm, count: 8},
     cpu_cores: 112, memory_gib: 2048, cost: {monthly_rent: 100}}
  - {name: b, rack: small, ssh: {host: h2, user: u}, gpu: {model: h100-sxm, count: 8},
     cpu_cores: 112, memory_gib: 2048, cost: {monthly_rent: 100}}
  - {name: c, rack: big, ssh: {host: h3, user: u}, gpu: {model: h100-sxm, count: 8},
     cpu_cores: 112, memory_gib: 2048, cost: {monthly_rent: 100}}
"""


def choices(loaded, *names: str):  # type: ignore[no-untyped-def]
    return [
        (loaded.server(n), server_power_kw(loaded.server(n), loaded.accelerators[n])) for n in names
    ]


def test_power_in_use_counts_other_load_and_servers_of_other_workloads(tmp_path: Path) -> None:
    loaded = load(tmp_path)
    used = rack_used_kw(loaded, "chat")
    assert used == pytest.approx({"r01": 7.84, "r02": 1.5})  # h100-b runs other-team
    assert rack_used_kw(loaded, "other-team") == pytest.approx({"r01": 0.0, "r02": 1.5})
    maintenance = GOOD.replace("status: assigned\n    workload: other-team", "status: maintenance")
    assert rack_used_kw(load(tmp_path, maintenance), "other-team")["r01"] == pytest.approx(7.84)


def test_placement_within_budget_reports_used_and_planned(tmp_path: Path) -> None:
    loaded = load(tmp_path)
    got = place(choices(loaded, "h100-a"), 1, loaded, rack_used_kw(loaded, "chat"))
    assert got.feasible and got.servers == ("h100-a",)
    (rack,) = got.racks
    assert rack.to_dict() == {
        "rack": "r01",
        "site": "fra1",
        "budget_kw": 17.0,
        "used_kw": 7.84,
        "planned_kw": 7.84,
        "servers": ["h100-a"],
    }
    assert rack.total_kw == pytest.approx(15.68) and rack.headroom_kw == pytest.approx(1.32)


def test_placement_over_a_racks_budget_is_refused_naming_the_rack(tmp_path: Path) -> None:
    loaded = load(tmp_path, GOOD.replace("power_budget_kw: 17", "power_budget_kw: 15"))
    got = place(choices(loaded, "h100-a"), 1, loaded, rack_used_kw(loaded, "chat"))
    assert not got.feasible and got.servers == ()
    assert got.problem == (
        "rack over budget: rack r01 would draw 15.68 kW (7.84 in use + 7.84 planned) > budget 15 kW"
    )
    assert [r.rack for r in got.racks] == ["r01"]


def test_a_full_rack_is_skipped_for_one_with_room(tmp_path: Path) -> None:
    loaded = load(tmp_path, THREE_H100)
    used = rack_used_kw(loaded, "w")
    got = place(choices(loaded, "a", "b", "c"), 2, loaded, used)
    assert got.servers == ("a", "c")  # b would put rack small at 15.68 kW > 10
    assert {r.rack: (r.used_kw, round(r.planned_kw, 2)) for r in got.racks} == {
        "big": (1.5, 7.84),
        "small": (0.0, 7.84),
    }
    three = place(choices(loaded, "a", "b", "c"), 3, loaded, used)
    assert three.problem == (
        "rack over budget: rack small would draw 15.68 kW (0.00 in use + 15.68 planned) "
        "> budget 10 kW"
    )


def test_a_rack_filled_exactly_to_budget_fits() -> None:
    assert not RackPower("r", "s", 10.0, 2.2, 7.8).over_budget
    assert RackPower("r", "s", 10.0, 2.2, 7.81).over_budget
