"""JSON Schemas: current in schemas/, valid, and accepting every example file."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from pulumi_aihw.spec.schema import SCHEMA_KINDS, json_schema
from tests.conftest import REPO, STACKS


@pytest.mark.parametrize("kind", ["workload", "profile"])
def test_checked_in_schema_is_current(kind: str) -> None:
    _, filename = SCHEMA_KINDS[kind]
    on_disk = json.loads((REPO / "schemas" / filename).read_text())
    assert on_disk == json_schema(kind), f"run: aihw schema --kind {kind} -o schemas/{filename}"


@pytest.mark.parametrize("kind", ["workload", "profile"])
def test_schema_is_a_valid_draft_2020_12_schema(kind: str) -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema(kind))


def test_schema_carries_field_descriptions() -> None:
    schema = json_schema("workload")
    assert "Parameter count in billions" in json.dumps(schema)
    assert schema["properties"]["phase"]["description"].startswith("``training``")


@pytest.mark.parametrize(
    "path", sorted(STACKS.glob("*/workload.yaml")), ids=lambda p: p.parent.name
)
def test_example_specs_validate_and_point_editors_at_the_schema(path) -> None:
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schemas/workload.schema.json")
    jsonschema.validate(yaml.safe_load(text), json_schema("workload"))


def test_example_profile_validates() -> None:
    path = STACKS / "profiles" / "platform.yaml"
    assert "$schema=../../schemas/profile.schema.json" in path.read_text()
    jsonschema.validate(yaml.safe_load(path.read_text()), json_schema("profile"))


def test_schema_rejects_what_the_loader_rejects() -> None:
    validator = jsonschema.Draft202012Validator(json_schema("workload"))
    bad = {"name": "Chat Bot", "owner": "x", "phase": "serving", "model": {}}
    assert len(list(validator.iter_errors(bad))) >= 3


def test_spec_reference_is_current() -> None:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, str(REPO / "tools" / "gen_spec_docs.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr


def test_profile_schema_describes_the_policy_config() -> None:
    from pulumi_aihw.rules import RULES, Enforcement
    from pulumi_aihw.spec.profile import ENFORCEMENT_LEVELS

    assert set(ENFORCEMENT_LEVELS) == set(Enforcement.values())
    schema = json_schema("profile")
    validator = jsonschema.Draft202012Validator(schema)
    good = {"name": "p", "policy": {"all": "advisory", **{r.name: "mandatory" for r in RULES}}}
    assert not list(validator.iter_errors(good))
    for bad in (
        {"all": "strict"},
        {"aihw-cost-over-budget": {"enforcementLevel": "blocking"}},
        {"cost-over-budget": "mandatory"},
        {"aihw-power-unknown": 3},
    ):
        assert list(validator.iter_errors({"name": "p", "policy": bad})), bad
