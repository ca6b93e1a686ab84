"""Stack-level overrides: parsed from inputs and stack config, applied before the profile,
judged by it, and located at their source in errors."""

from __future__ import annotations

import pytest

from pulumi_aihw.errors import ConfigError, SpecError
from pulumi_aihw.spec import load_spec
from pulumi_aihw.spec.overrides import (
    KEYS_BY_NAME,
    NO_PROFILE,
    OVERRIDE_KEYS,
    SpecOverrides,
    inputs_from_config,
    overrides_from_inputs,
)
from tests.conftest import STACKS

GPU = STACKS / "aws-gpu-inference" / "workload.yaml"  # extends ../profiles/platform.yaml
SRC = "Workload 'chat' input"


def load(path=GPU, **inputs):
    return load_spec(path, overrides_from_inputs(inputs, SRC))


def test_every_key_names_a_workload_input_and_a_spec_field() -> None:
    assert [k.key for k in OVERRIDE_KEYS] == [
        "workloadName",
        "region",
        "site",
        "maxUsdPerMonth",
        "profile",
    ]
    for k in OVERRIDE_KEYS:  # the config key is the camelCase of the input
        first, *rest = k.arg.split("_")
        assert k.key == first + "".join(p.title() for p in rest)
        assert k.prompt and k.path


def test_no_values_change_nothing() -> None:
    assert overrides_from_inputs({}, SRC).is_empty()
    assert overrides_from_inputs({"region": "  ", "profile": ""}, SRC).is_empty()
    assert load() == load_spec(GPU)


def test_each_override_sets_its_field() -> None:
    spec = load(
        workload_name="team-x-chat",
        region="us-west-2, us-east-2",
        max_usd_per_month="4,500",
        profile="../profiles/platform.yaml",
    )
    assert spec.name == "team-x-chat"
    assert spec.placement.regions == ["us-west-2", "us-east-2"]
    assert spec.constraints.max_usd_per_month == 4500
    assert spec.extends == "../profiles/platform.yaml"
    assert spec.tags["cost-center"] == "ml-4711"  # the profile still applies


def test_sites_and_lists_given_as_lists() -> None:
    ov = overrides_from_inputs({"site": ["fra1"], "region": ["us-east-1"]}, SRC)
    assert ov.sites == ("fra1",) and ov.regions == ("us-east-1",)


def test_profile_none_drops_extends(tmp_path) -> None:
    spec = load(profile=NO_PROFILE)
    assert spec.extends is None and "cost-center" not in spec.tags
    other = tmp_path / "eu.yaml"
    other.write_text("name: eu-platform\nallow: {regions: [europe-west4]}\n")
    with pytest.raises(SpecError) as exc:
        load(profile=str(other))  # the spec's us-east-1 is outside the new profile
    assert "not allowed by platform profile" in str(exc.value) and "eu.yaml" in str(exc.value)


def test_budget_above_the_profile_ceiling_is_refused_naming_the_input() -> None:
    with pytest.raises(SpecError) as exc:
        load(max_usd_per_month=90000)
    (problem,) = exc.value.problems
    assert problem.file == f"{SRC} maxUsdPerMonth"
    assert "exceeds the ceiling 60000 set by platform profile" in problem.message


def test_region_outside_the_profile_allow_list_names_the_input() -> None:
    with pytest.raises(SpecError) as exc:
        load(region="us-east-1,eu-north-9")
    (problem,) = exc.value.problems
    assert problem.file == f"{SRC} region" and problem.path == "placement.regions[1]"
    assert "'eu-north-9' is not allowed" in problem.message


def test_missing_profile_and_bad_name_name_their_inputs() -> None:
    with pytest.raises(SpecError) as exc:
        load(profile="nope.yaml")
    assert str(exc.value).startswith(f"{SRC} profile: extends: platform profile 'nope.yaml'")
    with pytest.raises(SpecError) as exc:
        load(workload_name="Chat Bot")
    assert str(exc.value).startswith(f"{SRC} workloadName: name: 'Chat Bot' is not valid")


@pytest.mark.parametrize(
    ("inputs", "key"),
    [
        ({"max_usd_per_month": "lots"}, "maxUsdPerMonth"),
        ({"max_usd_per_month": True}, "maxUsdPerMonth"),
        ({"max_usd_per_month": "inf"}, "maxUsdPerMonth"),
        ({"region": 3}, "region"),
        ({"region": ",,"}, "region"),
        ({"profile": ["a.yaml"]}, "profile"),
    ],
)
def test_wrong_types_are_refused(inputs, key) -> None:
    with pytest.raises(SpecError) as exc:
        overrides_from_inputs(inputs, SRC)
    (problem,) = exc.value.problems
    assert problem.file == f"{SRC} {key}" and "To fix" in problem.message


def test_inputs_from_config_reads_every_key_and_parses_the_budget() -> None:
    config = {"workloadName": "x", "region": "us-east-1", "maxUsdPerMonth": "2500", "site": ""}
    assert inputs_from_config(config.get, "proj") == {
        "workload_name": "x",
        "region": "us-east-1",
        "max_usd_per_month": 2500.0,
    }
    with pytest.raises(ConfigError) as exc:
        inputs_from_config({"maxUsdPerMonth": "a lot"}.get, "proj")
    assert str(exc.value).startswith("stack config proj:maxUsdPerMonth: 'a lot' is not a number")


def test_values_lists_only_what_is_set() -> None:
    ov = SpecOverrides(regions=("us-east-1",), max_usd_per_month=10.0)
    assert ov.values() == {
        KEYS_BY_NAME["region"].path: ["us-east-1"],
        KEYS_BY_NAME["maxUsdPerMonth"].path: 10.0,
    }
