"""The platform profile's policy config in `aihw check`: applied per stack, under the
--policy-config file (the file wins), validated with the profile named."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from pulumi_aihw.check.profiles import profile_policy, stack_policy
from pulumi_aihw.contracts import WORKLOAD_PROFILE_PROPERTY, WORKLOAD_TYPE, StackPreview
from pulumi_aihw.crossguard import check_previews
from pulumi_aihw.errors import ConfigError
from pulumi_aihw.rules import Enforcement

from ..conftest import ROOT_DIR, TODAY
from .sample import inferentia_stack, tpu_stack

UPGRADE = {
    "aihw-cost-catalog-stale": "mandatory",
    "aihw-cost-over-budget": {"maxUsdPerMonth": 20000},
}


def with_profile(
    preview: StackPreview, policy: dict[str, Any], file: str = "../profiles/team.yaml"
) -> StackPreview:
    """``preview`` whose Workload extends a profile with ``policy``, as the component
    records it (file relative to the stack directory)."""
    records = tuple(
        replace(
            r,
            inputs={
                **r.inputs,
                WORKLOAD_PROFILE_PROPERTY: {"name": "team", "file": file, "policy": policy},
            },
        )
        if r.type == WORKLOAD_TYPE
        else r
        for r in preview.resources
    )
    return replace(preview, resources=records)


def power_unknown(report, name="chat"):
    (item,) = [
        i
        for i in report.items
        if i.finding.rule_id == "AIHW-COST-005" and i.finding.resource.name == name
    ]
    return item.finding


@pytest.fixture(autouse=True)
def _repo_root(monkeypatch):
    monkeypatch.chdir(ROOT_DIR)


def test_profile_policy_is_validated_and_located_beside_the_stack() -> None:
    config, file = profile_policy(with_profile(inferentia_stack(), UPGRADE))
    assert file == "stacks/profiles/team.yaml"
    assert config == {
        "aihw-cost-catalog-stale": {"enforcementLevel": "mandatory"},
        "aihw-cost-over-budget": {"maxUsdPerMonth": 20000},
    }
    assert profile_policy(inferentia_stack()) == ({}, None)
    assert profile_policy(tpu_stack()) == ({}, None)  # no Workload at all


def test_a_bad_profile_policy_names_the_profile() -> None:
    with pytest.raises(ConfigError) as exc:
        profile_policy(with_profile(inferentia_stack(), {"aihw-power-unkown": "mandatory"}))
    (problem,) = exc.value.problems
    assert problem.file == "stacks/profiles/team.yaml (policy)"
    assert "Did you mean 'aihw-power-unknown'?" in problem.message


def test_the_file_wins_over_the_profile() -> None:
    sp = stack_policy(
        with_profile(inferentia_stack(), UPGRADE), {"aihw-cost-catalog-stale": "advisory"}
    )
    assert sp.config["aihw-cost-catalog-stale"] == {"enforcementLevel": "advisory"}
    assert sp.config["aihw-cost-over-budget"] == {"maxUsdPerMonth": 20000}
    assert sp.profile == "stacks/profiles/team.yaml"


def test_profile_upgrades_an_advisory_rule_and_the_file_lowers_it_again() -> None:
    plain = check_previews([inferentia_stack()], {}, today=TODAY)
    assert power_unknown(plain).level is Enforcement.ADVISORY and plain.exit_code == 0
    upgraded = check_previews([with_profile(inferentia_stack(), UPGRADE)], {}, today=TODAY)
    assert power_unknown(upgraded).level is Enforcement.MANDATORY and upgraded.exit_code == 1
    assert upgraded.stacks[0].policy_profile == "stacks/profiles/team.yaml"
    assert upgraded.rule("AIHW-COST-005").level is Enforcement.MANDATORY
    lowered = check_previews(
        [with_profile(inferentia_stack(), UPGRADE)],
        {"aihw-cost-catalog-stale": "advisory"},
        today=TODAY,
    )
    assert power_unknown(lowered).level is Enforcement.ADVISORY and lowered.exit_code == 0


def test_each_stack_gets_its_own_profile() -> None:
    report = check_previews(
        [with_profile(inferentia_stack(), UPGRADE), tpu_stack()], {}, today=TODAY
    )
    assert power_unknown(report).level is Enforcement.MANDATORY
    (trainer,) = [
        i.finding
        for i in report.items
        if i.finding.rule_id == "AIHW-COST-005" and i.finding.resource.name == "trainer"
    ]
    assert trainer.level is Enforcement.ADVISORY  # the TPU stack extends no profile
    assert [s.policy_profile for s in report.stacks] == ["stacks/profiles/team.yaml", None]
    # the stacks differ: the report's rule levels are those of the (empty) file config
    assert report.rule("AIHW-COST-005").level is Enforcement.ADVISORY


def test_one_stack_with_two_different_profile_policies_is_refused() -> None:
    preview = with_profile(inferentia_stack(), UPGRADE)
    first = next(r for r in preview.resources if r.type == WORKLOAD_TYPE)
    second = replace(
        first,
        urn=first.urn + "-2",
        name="chat-2",
        inputs={
            **first.inputs,
            WORKLOAD_PROFILE_PROPERTY: {
                "name": "b",
                "file": "b.yaml",
                "policy": {"all": "advisory"},
            },
        },
    )
    with pytest.raises(ConfigError, match="different policy configs"):
        profile_policy(replace(preview, resources=(*preview.resources, second)))
