"""Meta-tests: every rule registered, ids unique and stable, names kebab-case, documented."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from pulumi_aihw.rules import RULES, ResourceRule, StackRule
from pulumi_aihw.rules.reference import BEGIN, END, render_reference

ROOT = Path(__file__).resolve().parents[2]
RULE_MODULES = sorted(
    p.stem
    for p in (ROOT / "pulumi_aihw" / "rules").glob("*.py")
    if p.stem.startswith(("lock_", "power_", "cost_"))
)


def test_ids_unique_stable_format_and_names_kebab_case():
    ids = [r.id for r in RULES]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"AIHW-(LOCK|POWER|COST)-\d{3}", i) for i in ids)
    assert all(re.fullmatch(r"aihw-[a-z0-9]+(-[a-z0-9]+)+", r.name) for r in RULES)
    assert len({r.name for r in RULES}) == len(RULES)


def test_every_rule_module_is_registered():
    registered = {type(r).__module__ for r in RULES}
    for stem in RULE_MODULES:
        module = importlib.import_module(f"pulumi_aihw.rules.{stem}")
        classes = [
            c
            for c in vars(module).values()
            if isinstance(c, type)
            and issubclass(c, (ResourceRule, StackRule))
            and c.__module__ == module.__name__
        ]
        if classes:
            assert module.__name__ in registered, f"{stem} defines a rule that is not in RULES"


def test_every_rule_declares_its_metadata_and_config_defaults():
    for r in RULES:
        assert r.title and r.description and r.remediation, r.id
        for key in r.config:
            assert key.description and "type" in key.schema, (r.id, key.name)


def test_known_ids_never_change():
    assert [(r.id, r.name) for r in RULES] == [
        ("AIHW-LOCK-001", "aihw-lock-vendor-sdk-required"),
        ("AIHW-LOCK-002", "aihw-lock-vendor-sdk-preferred"),
        ("AIHW-LOCK-003", "aihw-lock-framework-unsupported"),
        ("AIHW-LOCK-004", "aihw-lock-single-cloud"),
        ("AIHW-LOCK-005", "aihw-lock-irreversible-purchase"),
        ("AIHW-POWER-001", "aihw-power-stack-cap"),
        ("AIHW-POWER-002", "aihw-power-rack-budget"),
        ("AIHW-POWER-003", "aihw-power-inference-high-tdp"),
        ("AIHW-POWER-004", "aihw-power-unknown"),
        ("AIHW-COST-001", "aihw-cost-over-budget"),
        ("AIHW-COST-002", "aihw-cost-idle-on-demand"),
        ("AIHW-COST-003", "aihw-cost-oversized"),
        ("AIHW-COST-004", "aihw-cost-price-unknown"),
        ("AIHW-COST-005", "aihw-cost-catalog-stale"),
        ("AIHW-COST-006", "aihw-cost-optimistic-estimate"),
    ]


def test_docs_policies_md_is_generated_from_the_registry():
    text = (ROOT / "docs" / "policies.md").read_text(encoding="utf-8")
    block = text[text.index(BEGIN) : text.index(END) + len(END)]
    assert block == render_reference(), "docs/policies.md is stale: run tools/gen_policy_docs.py"
    for r in RULES:
        assert f"### {r.id}" in block
