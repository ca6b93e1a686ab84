"""A bare-metal workload for target tests: two free 4 x L40S servers in two racks, one
8 x H100 server, and a spec pinning 8 L40S cards (two servers)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

INVENTORY = """\
sites: [{name: fra1, pue: 1.3, electricity_price_per_kwh: 0.2}]
racks:
  - {name: r01, site: fra1, power_budget_kw: 12}
  - {name: r02, site: fra1, power_budget_kw: 12, other_load_kw: 1}
servers:
  - {name: l40s-a, rack: r01, ssh: {host: 10.0.1.1, user: ubuntu}, gpu: {model: l40s, count: 4},
     cpu_cores: 64, memory_gib: 512, cost: {monthly_rent: 2400}}
  - {name: l40s-b, rack: r02, ssh: {host: 10.0.2.1, user: ops, port: 2222,
     private_key_secret: sshKeyR02}, gpu: {model: l40s, count: 4},
     cpu_cores: 64, memory_gib: 512, cost: {monthly_rent: 2400}}
  - {name: h100-a, rack: r01, ssh: {host: 10.0.1.9, user: ubuntu}, gpu: {model: h100-sxm, count: 8},
     cpu_cores: 112, memory_gib: 2048, cost: {purchase_price: 280000, amortization_months: 36},
     status: assigned, workload: chat}
"""

SSH_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAtestkey0001\n"
R02_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAtestkey0002\n"


def baremetal_spec(tmp_path: Path, inventory: str = INVENTORY, **fields: Any) -> dict[str, Any]:
    """The spec as data; the inventory path is absolute (a data spec resolves against cwd)."""
    path = tmp_path / "inventory.yaml"
    path.write_text(inventory)
    spec: dict[str, Any] = {
        "name": "chat",
        "owner": "team-chat",
        "phase": "inference",
        "model": {"name": "llama-3-8b", "parameters_billion": 8, "context_length_tokens": 8192},
        "frameworks": ["pytorch", "vllm"],
        "pin": {"accelerator": "l40s", "count": 8},
        "placement": {"providers": ["owned"]},
        "baremetal": {"inventory": str(path), "drivers": "managed"},
    }
    spec.update(fields)
    return spec
