"""What the bare-metal target decides from the plan, without Pulumi: servers, steps,
cumulative triggers, rack power, TCO and the inventory status after the plan."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from pulumi_aihw.baremetal.candidates import inventory_for_spec
from pulumi_aihw.baremetal.scripts import script
from pulumi_aihw.catalog import load_catalog
from pulumi_aihw.errors import SpecError
from pulumi_aihw.targets.baremetal.args import BareMetalTargetArgs
from pulumi_aihw.targets.baremetal.settings import baremetal_target_args, env_name
from pulumi_aihw.targets.resolve import resolve_workload
from tests.targets.baremetal.fixtures import baremetal_spec


def args_for(tmp_path: Path, **fields: object) -> BareMetalTargetArgs:
    resolved = resolve_workload("chat", spec=baremetal_spec(tmp_path, **fields))
    loaded = inventory_for_spec(resolved.spec, load_catalog())
    return baremetal_target_args(resolved.spec, resolved.chosen, loaded, {"aihw-workload": "chat"})


def test_two_servers_with_their_addresses_racks_and_costs(tmp_path: Path) -> None:
    args = args_for(tmp_path)
    assert [s.name for s in args.servers] == ["l40s-a", "l40s-b"]
    b = args.servers[1]
    assert (b.host, b.port, b.user, b.key_secret, b.rack) == (
        "10.0.2.1",
        2222,
        "ops",
        "sshKeyR02",
        "r02",
    )
    assert (b.vendor, b.gpu_model, b.gpu_count) == ("nvidia", "l40s", 4)
    assert b.it_power_kw == 2.68
    # 2,400 + 2.68 kW x 1.3 x 730 h x 0.20 = 2,400 + 508.664
    assert b.tco_usd_per_month == 2908.66  # rounded to cents in the plan
    assert args.tco_usd_per_month == pytest.approx(2 * 2908.664)
    assert [
        (r["rack"], r["used_kw"], r["planned_kw"], r["budget_kw"]) for r in args.rack_power
    ] == [
        ("r01", 0.0, 2.68, 12.0),
        ("r02", 1.0, 2.68, 12.0),
    ]


def test_the_inventory_status_after_the_plan(tmp_path: Path) -> None:
    # h100-a was this workload's; the plan moved it to the L40S servers: h100-a is free again
    assert args_for(tmp_path).inventory_status == {
        "l40s-a": "assigned",
        "l40s-b": "assigned",
        "h100-a": "free",
    }


def test_steps_and_their_cumulative_triggers(tmp_path: Path) -> None:
    server = args_for(tmp_path).servers[0]
    roles = [s.role for s in server.steps]
    assert roles == ["os", "drivers", "verify", "record"]
    for before, after in itertools.pairwise(server.steps):
        assert (
            after.triggers[: len(before.triggers)] == before.triggers
        )  # a change re-runs later steps
    os_step, drivers, verify, record = server.steps
    assert os_step.create == "bash -s -- l40s-a nvidia"
    assert drivers.script.name == "nvidia-driver" and "sudo -n bash -s -- l40s-a" in drivers.create
    assert verify.create == "bash -s -- l40s-a nvidia 4 l40s L40S"
    assert "gpus=4xl40s" in verify.triggers and script("verify-gpus").trigger in verify.triggers
    assert [s.role for s in server.steps if s.delete] == ["record"]
    assert "release l40s-a chat" in (record.delete or "")


def test_external_drivers_skip_the_install_step(tmp_path: Path) -> None:
    server = args_for(
        tmp_path, baremetal={"inventory": str(tmp_path / "inventory.yaml"), "drivers": "external"}
    ).servers[0]
    assert [s.role for s in server.steps] == ["os", "verify", "record"]
    assert server.steps[0].create == "bash -s -- l40s-a none"


def test_a_choice_outside_the_inventory_is_refused(tmp_path: Path) -> None:
    resolved = resolve_workload("chat", spec=baremetal_spec(tmp_path))
    with pytest.raises(SpecError, match="not placed on servers of the workload's inventory"):
        baremetal_target_args(resolved.spec, resolved.chosen, None, {})


def test_env_names_for_secrets() -> None:
    assert env_name("sshPrivateKey") == "AIHW_SSH_PRIVATE_KEY"
    assert env_name("sshKeyR02") == "AIHW_SSH_KEY_R02"
    assert env_name("bmcPassword") == "AIHW_BMC_PASSWORD"
