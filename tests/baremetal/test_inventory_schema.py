"""The inventory's JSON Schema: current in schemas/, valid, and accepting the example."""

from __future__ import annotations

import json

import jsonschema
import yaml

import pulumi_aihw.baremetal.inventory  # noqa: F401  (registers the "inventory" kind)
from pulumi_aihw.spec.schema import SCHEMA_KINDS, json_schema
from tests.conftest import REPO, STACKS
from tests.run import python

EXAMPLE = STACKS / "baremetal-gpu-inference" / "inventory.yaml"


def test_checked_in_schema_is_current() -> None:
    _, filename = SCHEMA_KINDS["inventory"]
    on_disk = json.loads((REPO / "schemas" / filename).read_text())
    assert on_disk == json_schema("inventory"), (
        f"run: aihw schema --kind inventory -o schemas/{filename}"
    )


def test_schema_is_valid_and_describes_the_fields() -> None:
    schema = json_schema("inventory")
    jsonschema.Draft202012Validator.check_schema(schema)
    text = json.dumps(schema)
    assert "Power usage effectiveness" in text and "IT power the rack may draw" in text
    assert "^[A-Z]{3}$" in text  # the currency pattern stays in the schema


def test_example_inventory_validates_and_points_editors_at_the_schema() -> None:
    text = EXAMPLE.read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schemas/inventory.schema.json")
    as_json = json.loads(json.dumps(yaml.safe_load(text), default=str))  # dates as strings
    jsonschema.validate(as_json, json_schema("inventory"))


def test_schema_rejects_secrets_in_the_file() -> None:
    data = yaml.safe_load(EXAMPLE.read_text())
    data["servers"][0]["ssh"]["private_key"] = "-----BEGIN OPENSSH PRIVATE KEY-----"
    errors = list(jsonschema.Draft202012Validator(json_schema("inventory")).iter_errors(data))
    assert any("private_key" in e.message for e in errors)


def test_aihw_schema_prints_the_inventory_kind() -> None:
    out = python("-m", "pulumi_aihw", "schema", "--kind", "inventory")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["$id"].endswith("/inventory.schema.json")
