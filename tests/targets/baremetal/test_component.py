"""The BareMetalTarget under Pulumi's mock engine: one command chain per server, in the
right order, secrets marked secret and never in plain text, rack power and TCO outputs."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pulumi
import pytest

from pulumi_aihw import contracts
from pulumi_aihw.contracts import ResourceRecord, StackPreview
from pulumi_aihw.errors import NoFeasiblePlanError
from pulumi_aihw.preview import run_program
from pulumi_aihw.preview.mocks import SECRET_MARKER
from pulumi_aihw.targets.baremetal.component import BAREMETAL_TARGET_TYPE
from pulumi_aihw.targets.baremetal.secrets import secret_input
from pulumi_aihw.targets.workload import Workload
from tests.targets.baremetal.fixtures import INVENTORY, R02_KEY, SSH_KEY, baremetal_spec

COMMAND = "command:remote:Command"
KEY_CONFIG = {"aihw:sshPrivateKey": SSH_KEY, "aihw:sshKeyR02": R02_KEY}


def preview(
    spec: dict[str, Any],
    config: dict[str, str] | None = None,
    *,
    dry_run: bool = True,
    export_secret: str | None = None,
) -> StackPreview:
    def program() -> None:
        Workload("chat", {"spec": spec})
        if export_secret is not None:
            pulumi.export("secret", secret_input(export_secret))

    cfg = KEY_CONFIG if config is None else config
    return run_program(
        program, project="t", stack="test", config=cfg, secret_keys=tuple(cfg), dry_run=dry_run
    )


def commands(p: StackPreview) -> dict[str, ResourceRecord]:
    return {r.name: r for r in p.of_type(COMMAND)}


def test_one_command_chain_per_server_under_the_target(tmp_path: Path) -> None:
    p = preview(baremetal_spec(tmp_path))
    (target,) = p.of_type(BAREMETAL_TARGET_TYPE)
    (workload,) = p.of_type(contracts.WORKLOAD_TYPE)
    assert target.parent == workload.urn and target.name == "chat-baremetal"
    cmds = commands(p)
    assert sorted(cmds) == [
        f"chat-baremetal-{server}-{role}"
        for server in ("l40s-a", "l40s-b")
        for role in ("drivers", "os", "record", "verify")
    ]
    assert {r.parent for r in cmds.values()} == {target.urn}
    assert target.inputs["servers"] == ["l40s-a", "l40s-b"]
    assert target.inputs["tags"]["aihw-workload"] == "chat"


def test_steps_depend_on_each_other_in_order_within_each_server(tmp_path: Path) -> None:
    cmds = commands(preview(baremetal_spec(tmp_path)))
    urn = {name: r.urn for name, r in cmds.items()}
    for server in ("l40s-a", "l40s-b"):
        chain = [
            f"chat-baremetal-{server}-{role}" for role in ("os", "drivers", "verify", "record")
        ]
        assert cmds[chain[0]].dependencies == ()
        for before, after in itertools.pairwise(chain):
            assert cmds[after].dependencies == (urn[before],), after


def test_external_drivers_leave_the_install_step_out(tmp_path: Path) -> None:
    spec = baremetal_spec(tmp_path)
    spec["baremetal"]["drivers"] = "external"
    cmds = commands(preview(spec))
    assert not [n for n in cmds if n.endswith("-drivers")]
    verify = cmds["chat-baremetal-l40s-a-verify"]
    assert verify.dependencies == (cmds["chat-baremetal-l40s-a-os"].urn,)


def test_the_command_runs_the_packaged_script_with_version_triggers(tmp_path: Path) -> None:
    cmds = commands(preview(baremetal_spec(tmp_path)))
    verify = cmds["chat-baremetal-l40s-b-verify"].inputs
    assert verify["create"] == "bash -s -- l40s-b nvidia 4 l40s L40S"
    assert verify["stdin"].startswith("#!/usr/bin/env bash\n# aihw-script: verify-gpus\n")
    assert any(t.startswith("verify-gpus@v") for t in verify["triggers"])
    record = cmds["chat-baremetal-l40s-b-record"].inputs
    assert "release l40s-b chat" in record["delete"]
    assert set(verify["triggers"]) < set(record["triggers"])
    assert all("delete" not in r.inputs for n, r in cmds.items() if not n.endswith("-record"))


def test_ssh_keys_from_config_are_secret_and_never_plain(tmp_path: Path) -> None:
    p = preview(baremetal_spec(tmp_path), dry_run=False)
    for record in commands(p).values():
        assert record.inputs["connection"] == SECRET_MARKER
    everything = json.dumps([[r.inputs, r.outputs] for r in p.resources] + [p.outputs], default=str)
    for key in (SSH_KEY, R02_KEY, "testkey0001", "testkey0002"):
        assert key not in everything


def test_secrets_from_the_environment_are_wrapped_as_secrets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIHW_SSH_PRIVATE_KEY", SSH_KEY)
    monkeypatch.setenv("AIHW_SSH_KEY_R02", R02_KEY)
    p = preview(baremetal_spec(tmp_path), config={}, dry_run=False, export_secret="sshKeyR02")
    assert p.outputs["secret"] == SECRET_MARKER  # an env value is a secret output too
    everything = json.dumps([[r.inputs, r.outputs] for r in p.resources] + [p.outputs])
    assert "testkey0001" not in everything and "testkey0002" not in everything


def test_outputs_rack_power_tco_servers_and_inventory_status(tmp_path: Path) -> None:
    p = preview(baremetal_spec(tmp_path))
    (target,) = p.of_type(BAREMETAL_TARGET_TYPE)
    out = target.outputs
    racks = out[contracts.RACK_POWER_PROPERTY]
    assert [
        {k: r[k] for k in ("rack", "site", "budget_kw", "used_kw", "planned_kw")} for r in racks
    ] == [
        {"rack": "r01", "site": "fra1", "budget_kw": 12, "used_kw": 0, "planned_kw": 2.68},
        {"rack": "r02", "site": "fra1", "budget_kw": 12, "used_kw": 1, "planned_kw": 2.68},
    ]
    assert out["tco_usd_per_month"] == pytest.approx(5817.328)
    assert [s["name"] for s in out["servers"]] == ["l40s-a", "l40s-b"]
    assert out["servers"][0]["status"] == "assigned" and out["servers"][0]["workload"] == "chat"
    assert out["inventory_status"] == {"l40s-a": "assigned", "l40s-b": "assigned", "h100-a": "free"}
    assert out["gpu_inventory"]["l40s-a"] is contracts.UNKNOWN  # known after enrollment
    (workload,) = p.of_type(contracts.WORKLOAD_TYPE)
    assert workload.outputs["offering"] == "4x-l40s" and workload.outputs["units"] == 2


def test_a_rented_choice_stops_the_program_with_what_to_order(tmp_path: Path) -> None:
    full = INVENTORY.replace("power_budget_kw: 12}", "power_budget_kw: 2}")  # no room anywhere
    spec = baremetal_spec(
        tmp_path,
        full,
        pin={"accelerator": "h200", "count": 8},
        placement={"deployments": ["bare-metal"]},
    )
    with pytest.raises(
        NoFeasiblePlanError,
        match="order NVIDIA H200 141GB 8-GPU SXM bare metal "
        "server from qubrid, add it to the inventory",
    ):
        preview(spec)
