"""The example bare-metal stack: its layout, `aihw plan` / `aihw preview` on it through the
real command (a subprocess), and the rack-budget policy reading its rack power in `aihw check`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.run import ROOT, python

STACK = ROOT / "stacks" / "baremetal-gpu-inference"


def aihw(*args: str) -> subprocess.CompletedProcess[str]:
    return python("-m", "pulumi_aihw", *args)


def test_stack_layout() -> None:
    for f in ("Pulumi.yaml", "Pulumi.dev.yaml", "__main__.py", "workload.yaml", "inventory.yaml",
              "requirements.txt"):  # fmt: skip
        assert (STACK / f).is_file(), f
    code = [ln for ln in (STACK / "__main__.py").read_text().splitlines() if ln.strip()]
    assert len(code) <= 12
    assert "pulumi-aihw[baremetal]" in (STACK / "requirements.txt").read_text()
    config = yaml.safe_load((STACK / "Pulumi.dev.yaml").read_text())["config"]
    assert set(config["aihw:sshPrivateKey"]) == {"secure"}  # a secret, encrypted, never plain
    assert "PRIVATE KEY" not in (STACK / "Pulumi.dev.yaml").read_text()
    assert "PRIVATE KEY" not in (STACK / "inventory.yaml").read_text()


@pytest.mark.slow
def test_aihw_plan_picks_an_owned_server_that_fits_its_rack() -> None:
    out = aihw("plan", "stacks/baremetal-gpu-inference/workload.yaml", "--format", "json")
    assert out.returncode == 0, out.stderr
    chosen = json.loads(out.stdout)["chosen"]
    assert (chosen["provider"], chosen["offering"], chosen["region"], chosen["units"]) == (
        "owned",
        "8x-h100-sxm",
        "fra1",
        1,
    )
    assert chosen["deployment"] == "bare-metal" and chosen["requires_order"] is False
    # 280,000 / 36 + 7.84 kW x 1.4 x 730 h x 0.21 + 450 colo
    assert chosen["usd_per_month"] == 9910.4 and chosen["power_kw"] == 10.976
    facts = chosen["baremetal"]
    assert [s["name"] for s in facts["servers"]] == ["gpu-h100-01"]
    (rack,) = facts["racks"]
    assert (rack["rack"], rack["used_kw"], rack["planned_kw"], rack["budget_kw"]) == (
        "fra1-r01",
        7.84,  # gpu-h100-02 runs another workload in the same rack
        7.84,
        17.0,
    )


@pytest.mark.slow
def test_aihw_preview_shows_one_command_chain_with_secret_connections() -> None:
    out = aihw("preview", "stacks/baremetal-gpu-inference", "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["project"] == "baremetal-gpu-inference" and data["stack"] == "dev"
    assert data["plan"]["chosen"]["offering"] == "8x-h100-sxm"
    commands = {r["name"]: r for r in data["resources"] if r["type"] == "command:remote:Command"}
    assert sorted(commands) == [
        f"chat-baremetal-gpu-h100-01-{step}" for step in ("drivers", "os", "record", "verify")
    ]
    assert {c["inputs"]["connection"] for c in commands.values()} == {"[secret]"}
    target = next(r for r in data["resources"] if r["type"] == "aihw:index:BareMetalTarget")
    assert target["inputs"]["servers"] == ["gpu-h100-01"]
    table = aihw("preview", "stacks/baremetal-gpu-inference")
    assert table.returncode == 0, table.stderr
    assert "script=verify-gpus v1 connection=[secret]" in table.stdout


@pytest.mark.slow
def test_rack_budget_policy_reads_the_stacks_rack_power(tmp_path: Path) -> None:
    out = aihw("check", "stacks/baremetal-gpu-inference", "--format", "json")
    assert out.returncode == 0, out.stderr
    (rack_rule,) = [
        f for f in json.loads(out.stdout)["findings"] if f["rule_id"] == "AIHW-POWER-002"
    ]
    assert rack_rule["status"] == "passed"  # 15.68 kW of 17 kW
    cfg = tmp_path / "cfg.json"
    cfg.write_text(json.dumps({"aihw-power-rack-budget": {"headroomPercent": 20}}))
    tight = aihw("check", "stacks/baremetal-gpu-inference", "--policy-config", str(cfg))
    assert tight.returncode == 1, tight.stderr  # mandatory: 15.68 kW > 17 x 0.8 = 13.6 kW
    assert "AIHW-POWER-002" in tight.stdout
    assert "rack fra1-r01 would draw 15.68 kW (7.84 kW already in use + 7.84 kW planned)" in (
        " ".join(tight.stdout.split())
    )
