"""Policy config: the `--policy-pack-config` format, clear errors, merging, resolution."""

from __future__ import annotations

import pytest

from pulumi_aihw.errors import ConfigError
from pulumi_aihw.rules import RULES, Enforcement, merge_configs, parse_config, resolve, rule_by_id
from pulumi_aihw.rules import settings as settings_for


def test_valid_config_resolves_levels_like_pulumi():
    cfg = parse_config(
        {
            "all": "advisory",
            "aihw-cost-over-budget": {"enforcementLevel": "mandatory", "maxUsdPerMonth": 5000},
            "aihw-power-unknown": "disabled",
            "aihw-cost-oversized": {"oversizeFactor": 3},
        },
        RULES,
        "cfg.json",
    )
    levels = resolve(RULES, cfg)
    assert levels["aihw-cost-over-budget"].level is Enforcement.MANDATORY
    assert levels["aihw-cost-over-budget"].properties == {"maxUsdPerMonth": 5000}
    assert levels["aihw-power-unknown"].level is Enforcement.DISABLED
    assert levels["aihw-lock-vendor-sdk-required"].level is Enforcement.ADVISORY  # "all"
    assert levels["aihw-cost-oversized"].level is Enforcement.ADVISORY


def test_without_config_each_rule_keeps_its_default_level():
    levels = resolve(RULES, {})
    assert {name: r.level for name, r in levels.items()} == {r.name: r.enforcement for r in RULES}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"aihw-cost-overbudget": "mandatory"}, "Did you mean 'aihw-cost-over-budget'?"),
        ({"AIHW-COST-001": "mandatory"}, "Did you mean 'aihw-cost-over-budget'?"),
        ({"all": "strict"}, "'strict' is not an enforcement level"),
        ({"aihw-cost-over-budget": {"enforcementLevel": "warn"}}, "is not one of: advisory"),
        ({"aihw-cost-over-budget": {"maxUsd": 1}}, "Did you mean 'maxUsdPerMonth'?"),
        ({"aihw-cost-over-budget": {"maxUsdPerMonth": "lots"}}, "expected number or null"),
        ({"aihw-lock-single-cloud": {"ignoreFamilies": ["fpga"]}}, "'fpga' is not one of"),
        ([], "expected a JSON object"),
    ],
)
def test_bad_config_names_file_and_what_is_allowed(data, expected):
    with pytest.raises(ConfigError) as err:
        parse_config(data, RULES, "cfg.json")
    assert "cfg.json" in str(err.value) and expected in str(err.value)


def test_merge_profile_then_file():
    profile = {"all": "advisory", "aihw-cost-over-budget": {"enforcementLevel": "mandatory"}}
    file = {"aihw-cost-over-budget": {"maxUsdPerMonth": 100}, "aihw-power-unknown": "disabled"}
    merged = merge_configs(profile, file)
    assert merged == {
        "all": "advisory",
        "aihw-cost-over-budget": {"enforcementLevel": "mandatory", "maxUsdPerMonth": 100},
        "aihw-power-unknown": {"enforcementLevel": "disabled"},
    }


def test_settings_fill_defaults_in_code():
    rule = rule_by_id("AIHW-COST-005")
    assert settings_for(rule, None) == {"maxCatalogAgeDays": 180}
    assert settings_for(rule, {"maxCatalogAgeDays": 30}) == {"maxCatalogAgeDays": 30}
    with pytest.raises(ConfigError):
        settings_for(rule, {"maxCatalogAgeDays": -1})
