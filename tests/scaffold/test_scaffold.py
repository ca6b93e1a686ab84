"""The scaffold's files, per target: valid project, program, spec and inventory."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
import yaml

from pulumi_aihw.errors import ConfigError
from pulumi_aihw.scaffold import COMMON_FILES, SCAFFOLDS, ScaffoldInputs, scaffold_files
from pulumi_aihw.scaffold import workload_name as name_from
from pulumi_aihw.spec import json_schema
from tests.stacks.layout import SCHEMA

TODAY = dt.date(2026, 10, 1)


def files(target="aws", name="chat", owner="team-chat", extends=None):
    return scaffold_files(ScaffoldInputs(target, name, owner, extends, TODAY))


@pytest.mark.parametrize("target", sorted(SCAFFOLDS))
def test_every_target_is_a_valid_stack(target: str) -> None:
    out = files(target, extends="../profiles/platform.yaml")
    assert set(out) == {*COMMON_FILES, *SCAFFOLDS[target].files}
    project = yaml.safe_load(out["Pulumi.yaml"])
    jsonschema.validate(project, SCHEMA)  # Pulumi's project file schema
    assert project["name"] == "chat" and project["runtime"]["name"] == "python"
    spec = yaml.safe_load(out["workload.yaml"])
    jsonschema.validate(spec, json_schema("workload"))
    assert spec["name"] == "chat" and spec["owner"] == "team-chat"
    assert spec["extends"] == "../profiles/platform.yaml"
    compile(out["__main__.py"], "__main__.py", "exec")
    assert 'workload_args("workload.yaml")' in out["__main__.py"]
    assert out["requirements.txt"].strip() == f"pulumi-aihw[{SCAFFOLDS[target].extra}]"
    assert "config" in yaml.safe_load(out["Pulumi.dev.yaml"])


def test_secure_defaults_in_every_starting_workload() -> None:
    for target in SCAFFOLDS:
        spec = yaml.safe_load(files(target)["workload.yaml"])
        network = spec.get("network", {})
        assert not network.get("public_ip")
        for rule in network.get("ingress", []):
            assert "0.0.0.0/0" not in rule["cidrs"]


def test_baremetal_ships_a_sample_inventory_without_secrets(tmp_path) -> None:
    from pulumi_aihw.baremetal import load_inventory
    from pulumi_aihw.catalog import load_catalog

    text = files("baremetal")["inventory.yaml"]
    (tmp_path / "inventory.yaml").write_text(text)
    inventory = load_inventory(tmp_path / "inventory.yaml", load_catalog()).inventory
    assert inventory.as_of == TODAY and len(inventory.servers) == 2
    assert "secure:" in files("baremetal")["Pulumi.dev.yaml"]  # the key is a config secret
    data = json.dumps(yaml.safe_load(text), default=str)  # the data, not the comments
    assert "PRIVATE KEY" not in text and "password" not in data and "key" not in data


def test_without_profile_or_owner() -> None:
    spec_text = files(owner=None)["workload.yaml"]
    spec = yaml.safe_load(spec_text)
    assert "extends" not in spec and "owner" not in spec
    assert "# extends: path/to/platform-profile.yaml" in spec_text


def test_paths_and_owners_that_need_quoting_stay_exact() -> None:
    spec = yaml.safe_load(
        files(owner="ops: gpu #1", extends="../my profiles/p: 1.yaml")["workload.yaml"]
    )
    assert spec["owner"] == "ops: gpu #1" and spec["extends"] == "../my profiles/p: 1.yaml"


@pytest.mark.parametrize(
    ("directory", "name"),
    [("chat", "chat"), ("Team Chat_2", "team-chat-2"), ("--llm--serving--", "llm-serving")],
)
def test_workload_name_from_the_directory(directory: str, name: str) -> None:
    assert name_from(directory) == name


@pytest.mark.parametrize("directory", ["2024", "___", "é"])
def test_directories_without_a_usable_name_ask_for_name(directory: str) -> None:
    with pytest.raises(ConfigError, match="pass --name"):
        name_from(directory)


def test_bad_target_and_name() -> None:
    with pytest.raises(
        ConfigError, match="--target: 'oracle' is not one of: aws, gcp, azure, baremetal"
    ):
        files("oracle")
    with pytest.raises(ConfigError, match="--name: 'Chat' is not a workload name"):
        files(name="Chat")
