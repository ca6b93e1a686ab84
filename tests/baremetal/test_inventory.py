"""Inventory validation: a good file loads; each mistake is one message naming the file,
line and field, what was wrong and what is allowed."""

from __future__ import annotations

from pathlib import Path

import pytest

from pulumi_aihw.baremetal.inventory import load_inventory
from pulumi_aihw.catalog import Catalog, load_catalog
from pulumi_aihw.errors import InventoryError
from tests.baremetal.inventories import GOOD, load, write_inventory


def errors(tmp_path: Path, text: str, catalog: Catalog | None = None) -> list[str]:
    path = write_inventory(tmp_path, text)
    with pytest.raises(InventoryError) as info:
        load_inventory(path, catalog or load_catalog())
    assert info.value.exit_code == 2
    return [str(p) for p in info.value.problems]


def test_good_inventory_loads_with_resolved_gpus(tmp_path: Path) -> None:
    loaded = load(tmp_path)
    assert [s.name for s in loaded.inventory.servers] == ["h100-a", "h100-b", "l40s-a"]
    assert loaded.accelerators["l40s-a"].id == "l40s"
    assert loaded.vendor_of(loaded.server("h100-a")) == "nvidia"
    assert loaded.site_of(loaded.server("l40s-a")).pue == 1.4
    assert loaded.server("h100-a").threads == 224  # 2 per core by default
    assert loaded.server("l40s-a").cost.hardware_per_month == 2400


def test_gpu_names_and_aliases_resolve_and_tdp_override_applies(tmp_path: Path) -> None:
    text = GOOD.replace("model: l40s, count: 4}", "model: NVIDIA L40S, count: 4, tdp_watts: 300}")
    loaded = load(tmp_path, text.replace("model: h100-sxm,", "model: h100,"))
    assert loaded.accelerators["h100-a"].id == "h100-sxm"
    assert loaded.accelerators["l40s-a"].tdp_watts == 300


def test_unknown_gpu_model_says_did_you_mean(tmp_path: Path) -> None:
    got = errors(tmp_path, GOOD.replace("model: l40s,", "model: l40x,"))
    (msg,) = got
    assert msg.startswith(f"{tmp_path / 'inventory.yaml'}:33: servers[2].gpu.model: unknown ")
    assert "unknown accelerator 'l40x'. Did you mean 'l40s'" in msg
    assert "Known accelerators: " in msg


def test_cross_references_name_the_field_and_the_known_names(tmp_path: Path) -> None:
    text = GOOD.replace(
        "    site: fra1\n    power_budget_kw: 12", "    site: fra2\n    power_budget_kw: 12"
    )
    text = text.replace("rack: r02", "rack: r03")
    file = tmp_path / "inventory.yaml"
    assert errors(tmp_path, text) == [
        f"{file}:10: racks[1].site: unknown site 'fra2'. Did you mean 'fra1'? Known sites: 'fra1'.",
        f"{file}:31: servers[2].rack: unknown rack 'r03'. Did you mean 'r01' or 'r02'? "
        "Known racks: 'r01' or 'r02'.",
    ]


def test_duplicate_names_and_addresses(tmp_path: Path) -> None:
    text = GOOD.replace("name: h100-b", "name: h100-a").replace("10.0.1.2", "10.0.1.1")
    file = tmp_path / "inventory.yaml"
    assert errors(tmp_path, text) == [
        f"{file}:21: servers[1].name: duplicate server 'h100-a' (first on line 14): each "
        "server must be listed once",
        f"{file}:23: servers[1].ssh.host: duplicate SSH address '10.0.1.1:22' (first on line 16): "
        "each SSH address must be listed once",
    ]


def test_schema_errors_are_located_and_say_what_is_allowed(tmp_path: Path) -> None:
    text = (
        GOOD.replace("pue: 1.4", "pue: 0.9")
        .replace("status: assigned", "status: busy")
        .replace("cpu_cores: 64", "cpu_cores: 64\n    gpus: 4")
    )
    file = tmp_path / "inventory.yaml"
    got = errors(tmp_path, text)
    assert f"{file}:3: sites[0].pue: must be at least 1, got 0.9" in got
    assert (
        f"{file}:28: servers[1].status: 'busy' is not allowed. Allowed: free, assigned, "
        "maintenance." in got
    )
    assert any(
        m.startswith(f"{file}:35: servers[2].gpus: unknown field 'gpus'. Did you mean 'gpu'?")
        for m in got
    )


def test_cost_needs_exactly_one_basis(tmp_path: Path) -> None:
    text = GOOD.replace(
        "cost: {monthly_rent: 2400}", "cost: {monthly_rent: 2400, purchase_price: 9}"
    )
    (msg,) = errors(tmp_path, text)
    assert msg.endswith(
        "servers[2].cost: give monthly_rent, or purchase_price with amortization_months "
        "(exactly one)"
    )
    text = GOOD.replace("cost: {monthly_rent: 2400}", "cost: {purchase_price: 9000}")
    (msg,) = errors(tmp_path, text)
    assert msg.endswith("servers[2].cost: purchase_price needs amortization_months")


def test_secrets_are_named_never_given(tmp_path: Path) -> None:
    text = GOOD.replace(
        "ssh: {host: 10.0.2.1, user: ubuntu}",
        "ssh: {host: 10.0.2.1, user: ubuntu, private_key: '-----BEGIN OPENSSH PRIVATE KEY-----'}",
    )
    (msg,) = errors(tmp_path, text)
    assert "servers[2].ssh.private_key: unknown field 'private_key'" in msg
    text = GOOD.replace(
        "ssh: {host: 10.0.2.1, user: ubuntu}",
        "ssh: {host: 10.0.2.1, user: ubuntu, private_key_secret: 'ssh key!'}",
    )
    (msg,) = errors(tmp_path, text)
    assert msg.endswith(
        "servers[2].ssh.private_key_secret: 'ssh key!' is not valid: use a config key such as "
        "sshPrivateKey (letters, digits)"
    )


def test_gpus_enrollment_cannot_drive_and_missing_power_figures(tmp_path: Path) -> None:
    text = GOOD.replace("model: l40s, count: 4}", "model: gaudi2, count: 8}")
    (msg,) = errors(tmp_path, text)
    assert "servers[2].gpu.model: Intel Gaudi 2 is an Intel (Habana) gaudi accelerator" in msg
    assert "must carry NVIDIA or AMD GPUs" in msg
    # every GPU the catalog has now carries a figure; one without must be given one
    cat = load_catalog()
    doc = cat.document.model_copy(
        update={
            "accelerators": tuple(
                a.model_copy(update={"tdp_watts": None}) if a.id == "a10g" else a
                for a in cat.document.accelerators
            )
        }
    )
    text = GOOD.replace("model: l40s, count: 4}", "model: a10g, count: 4}")
    (msg,) = errors(tmp_path, text, Catalog(doc))
    assert msg.endswith(
        "servers[2].gpu: the catalog publishes no power figure for NVIDIA A10G: give "
        "gpu.tdp_watts (rated watts per card) so its rack power and energy cost can be counted"
    )


def test_workload_goes_with_assigned(tmp_path: Path) -> None:
    text = GOOD.replace("    status: assigned\n", "    status: maintenance\n")
    (msg,) = errors(tmp_path, text)
    assert msg.endswith("servers[1]: workload is set but status is 'maintenance'; use 'assigned'")


def test_unreadable_and_malformed_files(tmp_path: Path) -> None:
    with pytest.raises(InventoryError, match="inventory file not found"):
        load_inventory(tmp_path / "missing.yaml", load_catalog())
    (msg,) = errors(tmp_path, "sites: [\n")
    assert msg.startswith(f"{tmp_path / 'inventory.yaml'}:2: malformed YAML")
    (msg,) = errors(tmp_path, "sites: []\nracks: []\nservers: []\nsites: []\n")
    assert "duplicate key 'sites'" in msg
