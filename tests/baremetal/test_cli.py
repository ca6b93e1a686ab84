"""`aihw plan` and `aihw validate` on bare-metal specs: the inventory is loaded, its
mistakes exit 2 with located messages, and the plan says which servers, racks or order."""

from __future__ import annotations

from pathlib import Path

from tests.baremetal.inventories import GOOD, write_inventory
from tests.run import python

SPEC = """\
name: chat
owner: team-chat
phase: inference
model: {name: llama-3-70b, parameters_billion: 70, context_length_tokens: 8192}
frameworks: [pytorch, vllm]
demand: {tokens_per_second: 1500}
placement: {deployments: [bare-metal], accelerators: [h100, h200, b200, l40s]}
constraints: {max_usd_per_month: 30000, portability: required}
baremetal: {inventory: inventory.yaml}
"""


def setup(tmp_path: Path, inventory: str = GOOD) -> Path:
    write_inventory(tmp_path, inventory)
    spec = tmp_path / "workload.yaml"
    spec.write_text(SPEC)
    return spec


def test_plan_table_names_the_servers_and_rack_power(tmp_path: Path) -> None:
    out = python("-m", "pulumi_aihw", "plan", str(setup(tmp_path)))
    assert out.returncode == 0, out.stderr
    assert "Chosen: owned 8x-h100-sxm x1 server in fra1" in out.stdout
    assert "  servers: h100-a (r01)\n" in out.stdout
    assert "  rack r01: 15.68 of 17 kW (7.84 in use + 7.84 planned)\n" in out.stdout


def test_plan_says_a_rented_choice_needs_an_order(tmp_path: Path) -> None:
    spec = setup(tmp_path, GOOD.replace("power_budget_kw: 17", "power_budget_kw: 15"))
    out = python("-m", "pulumi_aihw", "plan", str(spec), "--format", "markdown")
    assert out.returncode == 0, out.stderr
    assert (
        "- order: NVIDIA H100 80GB 8-GPU SXM Server must be ordered from qubrid and "
        "added to the inventory before enrollment" in out.stdout
    )


def test_a_bad_inventory_exits_2_naming_file_line_and_field(tmp_path: Path) -> None:
    spec = setup(tmp_path, GOOD.replace("model: l40s,", "model: l40x,"))
    for command in ("plan", "validate"):
        out = python("-m", "pulumi_aihw", command, str(spec))
        assert out.returncode == 2, out.stdout
        assert out.stderr.startswith(
            f"error: {tmp_path / 'inventory.yaml'}:33: servers[2].gpu.model: unknown accelerator "
        )
        assert "Traceback" not in out.stderr
