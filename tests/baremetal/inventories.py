"""Inventory files for tests: a small valid one, and edits of it as text."""

from __future__ import annotations

import textwrap
from pathlib import Path

from pulumi_aihw.baremetal.inventory import LoadedInventory, load_inventory
from pulumi_aihw.catalog import load_catalog

GOOD = """\
sites:
  - name: fra1
    pue: 1.4
    electricity_price_per_kwh: 0.21
racks:
  - name: r01
    site: fra1
    power_budget_kw: 17
  - name: r02
    site: fra1
    power_budget_kw: 12
    other_load_kw: 1.5
servers:
  - name: h100-a
    rack: r01
    ssh: {host: 10.0.1.1, user: ubuntu}
    gpu: {model: h100-sxm, count: 8}
    cpu_cores: 112
    memory_gib: 2048
    cost: {purchase_price: 280000, amortization_months: 36, colo_fee_per_month: 450}
  - name: h100-b
    rack: r01
    ssh: {host: 10.0.1.2, user: ubuntu}
    gpu: {model: h100-sxm, count: 8}
    cpu_cores: 112
    memory_gib: 2048
    cost: {purchase_price: 280000, amortization_months: 36, colo_fee_per_month: 450}
    status: assigned
    workload: other-team
  - name: l40s-a
    rack: r02
    ssh: {host: 10.0.2.1, user: ubuntu}
    gpu: {model: l40s, count: 4}
    cpu_cores: 64
    memory_gib: 512
    cost: {monthly_rent: 2400}
"""
"""Hand-checked figures (planner assumptions: 10 W per thread, 2 threads per core):
h100-a: 8 x 700 W + 224 x 10 W = 7.84 kW IT; l40s-a: 4 x 350 W + 128 x 10 W = 2.68 kW."""


def write_inventory(directory: Path, text: str = GOOD, name: str = "inventory.yaml") -> Path:
    path = directory / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load(directory: Path, text: str = GOOD) -> LoadedInventory:
    return load_inventory(write_inventory(directory, text), load_catalog())
