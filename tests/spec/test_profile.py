"""Platform profiles: defaults, allow-lists, ceilings; errors name both files."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from pulumi_aihw.errors import ProfileError, SpecError
from pulumi_aihw.planner import plan
from pulumi_aihw.spec import load_spec

PROFILE = """
    name: ml-platform
    defaults:
      tags: {cost-center: ml-1, env: prod}
      placement:
        regions: [us-east-1]
      constraints:
        purchase_option: spot
    allow:
      providers: [aws, gcp]
      regions: [us-east-1, us-central1]
      accelerators: [inferentia2, l40s, h100]
    ceilings:
      max_usd_per_month: 5000
      max_power_kw: 20
"""

TEAM = """
    name: chat
    owner: team-chat
    extends: profiles/platform.yaml
    phase: inference
    tags: {env: dev}
    model: {name: m, parameters_billion: 8, context_length_tokens: 8192}
    demand: {tokens_per_second: 500}
"""


@pytest.fixture
def profile(write: Callable[[str, str], Path]) -> Path:
    return write("profiles/platform.yaml", PROFILE)


def rel(path: Path) -> str:
    return os.path.relpath(path)


def test_defaults_allow_lists_and_ceilings_fill_the_spec(
    write: Callable[[str, str], Path], profile: Path
) -> None:
    spec = load_spec(write("team/../w.yaml", TEAM))
    assert spec.tags == {"cost-center": "ml-1", "env": "dev"}  # merged, team wins
    assert spec.placement.regions == ["us-east-1"]  # profile default
    assert [str(p) for p in spec.placement.providers or []] == ["aws", "gcp"]  # allow-list
    assert spec.placement.accelerators == ["inferentia2", "l40s", "h100"]
    assert spec.constraints.max_usd_per_month == 5000  # ceiling
    assert spec.constraints.max_power_kw == 20
    assert str(spec.constraints.purchase_option) == "spot"


def test_profile_line_is_used_for_values_it_supplied(
    write: Callable[[str, str], Path], profile: Path
) -> None:
    path = write("w.yaml", TEAM.replace("spot", "x"))
    spec = load_spec(path)
    loc = spec.source.locate(("placement", "providers"))
    assert loc.file.endswith("platform.yaml") and loc.line == 9


def test_team_value_above_ceiling_names_both_files(
    write: Callable[[str, str], Path], profile: Path
) -> None:
    path = write("w.yaml", TEAM + "    constraints: {max_usd_per_month: 9000}\n")
    with pytest.raises(SpecError) as info:
        load_spec(path)
    assert str(info.value) == (
        f"{path}:8: constraints.max_usd_per_month: 9000 exceeds the ceiling 5000 set by platform "
        f"profile {rel(profile)}:13 (ceilings.max_usd_per_month)"
    )


def test_team_value_outside_allow_list_names_both_files(
    write: Callable[[str, str], Path], profile: Path
) -> None:
    path = write("w.yaml", TEAM + "    placement: {regions: [us-east-1, eu-west-1]}\n")
    with pytest.raises(SpecError) as info:
        load_spec(path)
    assert str(info.value) == (
        f"{path}:8: placement.regions[1]: 'eu-west-1' is not allowed by platform profile "
        f"{rel(profile)}:10 (allow.regions: us-central1, us-east-1)"
    )


def test_pinned_accelerator_outside_allow_list(
    write: Callable[[str, str], Path], profile: Path, catalog
) -> None:
    text = TEAM.replace("    demand: {tokens_per_second: 500}\n", "") + (
        "    pin: {accelerator: a100-80gb, count: 8}\n"
    )
    spec = load_spec(write("w.yaml", text))
    with pytest.raises(SpecError) as info:
        plan(spec, catalog)
    assert "pin.accelerator: a100-80gb is not allowed by platform profile" in str(info.value)
    assert "(allow.accelerators: h100-sxm, inferentia2, l40s)" in str(info.value)


def test_missing_profile(write: Callable[[str, str], Path]) -> None:
    path = write("w.yaml", TEAM)
    with pytest.raises(SpecError) as info:
        load_spec(path)
    assert str(info.value).startswith(
        f"{path}:3: extends: platform profile 'profiles/platform.yaml' not found (looked for "
    )


def test_invalid_profile_is_reported_in_the_profile_file(
    write: Callable[[str, str], Path],
) -> None:
    bad = write("profiles/platform.yaml", "name: ml\nceilings: {max_usd_per_month: -1}\n")
    with pytest.raises(ProfileError) as info:
        load_spec(write("w.yaml", TEAM))
    assert str(info.value) == (
        f"{rel(bad)}:2: ceilings.max_usd_per_month: must be greater than 0, got -1"
    )


def test_profile_unknown_field(write: Callable[[str, str], Path]) -> None:
    write("profiles/platform.yaml", "name: ml\nallow: {clouds: [aws]}\n")
    with pytest.raises(ProfileError) as info:
        load_spec(write("w.yaml", TEAM))
    assert "allow.clouds: unknown field 'clouds'." in str(info.value)


def test_two_example_team_specs_extend_one_profile() -> None:
    from tests.conftest import STACKS

    extending = [p for p in STACKS.glob("*/workload.yaml") if "extends:" in p.read_text()]
    assert len(extending) >= 2
    for path in extending:
        spec = load_spec(path)
        assert spec.source.profile is not None
        assert spec.tags["cost-center"] == "ml-4711"


def test_the_documented_profile_is_a_valid_profile(tmp_path: Path) -> None:
    from pulumi_aihw.rules import RULES, parse_config
    from pulumi_aihw.spec import load_profile
    from tests.conftest import REPO

    doc = (REPO / "docs" / "profiles.md").read_text()
    section = doc[doc.index("## The file") :]
    block = section[section.index("```yaml\n") + 8 : section.index("```\n", 10)]
    (tmp_path / "profile.yaml").write_text(block)
    loaded = load_profile(tmp_path / "profile.yaml")
    assert loaded.profile.name == "ml-platform" and loaded.profile.ceilings.max_power_kw == 60
    assert parse_config(loaded.profile.policy, RULES, "profiles.md")
