"""Registry completeness: a provider, accelerator family, target kind or output format
registered in one place and missing in another fails here, naming the missing entry.
docs/extending.md lists the same places as steps."""

from __future__ import annotations

import importlib
import re

import pytest

from pulumi_aihw.catalog import Catalog
from pulumi_aihw.planner.economics import LockIn
from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.preflight.clouds import default_checkers
from pulumi_aihw.preflight.limits import Limits
from pulumi_aihw.preview.invokes import INVOKES
from pulumi_aihw.reports.registry import RENDERERS
from pulumi_aihw.rules.facts.registry import EXTRACTORS, PROVIDER_PACKAGES
from pulumi_aihw.spec.models import DeploySpec
from pulumi_aihw.targets.registry import TARGETS, target_kind
from pulumi_aihw.vocab import Deployment, Family, LockInLevel, Provider
from tests.conftest import REPO

README = (REPO / "README.md").read_text()

# Where a format is documented: the command whose --format writes each report kind.
COMMANDS = {
    "plan": "aihw plan SPEC",
    "catalog": "aihw catalog [",
    "preview": "aihw preview FOLDER",
    "findings": "aihw check FOLDER",
    "preflight": "aihw preflight SPEC",
    "explain": "aihw explain SPEC OFFERING",
    "outdated": "aihw outdated SPEC",
}


def _cloud_providers(catalog: Catalog) -> set[str]:
    return {str(o.provider) for o in catalog.offerings if o.deployment is Deployment.CLOUD}


def _candidate(catalog: Catalog, offering) -> Candidate:  # type: ignore[no-untyped-def]
    return Candidate(
        offering=offering,
        accelerator=catalog.accelerator(offering.accelerator_id),
        sizing=None,
        units=1,
        accelerators=None,
        usd_per_hour=None,
        usd_per_month=None,
        usd_total=None,
        power_kw=None,
        lock_in=LockIn(LockInLevel.LOW, ()),
        price_basis="on-demand",
        rejected_because=(),
    )


# Targets that call no provider function (data source) need no offline answers.
NO_INVOKES = {"azure": "images are marketplace references Azure resolves; no lookups"}


def test_every_cloud_provider_is_registered_in_every_part(catalog: Catalog):
    checkers = default_checkers(Limits())
    for provider in sorted(_cloud_providers(catalog)):
        missing = []
        package = PROVIDER_PACKAGES.get(provider)
        if package is None:
            missing.append("rules/facts/registry.py PROVIDER_PACKAGES (its Pulumi package)")
            package = provider
        if not hasattr(DeploySpec(), provider):
            missing.append(f"spec/models.py DeploySpec.{provider} (deploy settings)")
        if not any(t.startswith(f"{package}:") for t in EXTRACTORS):
            missing.append("rules/facts/registry.py EXTRACTORS (raw resources the rules read)")
        if provider not in NO_INVOKES and not any(t.startswith(f"{package}:") for t in INVOKES):
            missing.append("preview/invokes.py INVOKES (offline preview answers)")
        if provider not in checkers:
            missing.append("preflight/clouds.py default_checkers (preflight)")
        if not (REPO / "docs" / f"{provider}.md").is_file():
            missing.append(f"docs/{provider}.md")
        assert not missing, f"provider {provider} is missing from: {'; '.join(missing)}"


def test_every_catalog_offering_has_a_target_kind(catalog: Catalog):
    for o in catalog.offerings:
        kind = target_kind(_candidate(catalog, o))
        assert kind in TARGETS, (
            f"{o.key} plans to target kind '{kind}', which targets/registry.py TARGETS lacks"
        )


def test_every_target_kind_is_reachable_and_loads(catalog: Catalog):
    reached = {target_kind(_candidate(catalog, o)) for o in catalog.offerings}
    reached.add("baremetal")  # owned servers come from an inventory, not the catalog
    for kind, ref in TARGETS.items():
        assert kind in reached, f"TARGETS['{kind}'] is reached by no catalog offering"
        module, _, name = ref.partition(":")
        assert callable(getattr(importlib.import_module(module), name)), ref


def test_every_provider_of_the_vocabulary_is_in_the_catalog(catalog: Catalog):
    sold = {str(o.provider) for o in catalog.offerings} | {Provider.OWNED.value}
    assert set(Provider.values()) == sold, (
        f"vocab.Provider and the catalog disagree: only in vocab {set(Provider.values()) - sold}"
    )


def test_every_family_has_accelerators_and_offerings(catalog: Catalog):
    for family in Family:
        accs = [a for a in catalog.accelerators if a.family is family]
        assert accs, f"vocab.Family.{family.name}: no accelerator in catalog-src/accelerators.csv"
        assert any(
            catalog.accelerator(o.accelerator_id).family is family for o in catalog.offerings
        ), f"family {family}: no offering in the catalog"


@pytest.mark.parametrize("kind", sorted(RENDERERS))
def test_every_format_has_a_renderer(kind: str):
    renderers = RENDERERS[kind]
    for fmt in renderers:
        assert callable(renderers[fmt]), renderers.ref(fmt)


@pytest.mark.parametrize("kind", sorted(COMMANDS))
def test_every_format_is_in_the_readme_command_reference(kind: str):
    line = next(x for x in README.splitlines() if x.startswith(f"| `{COMMANDS[kind]}"))
    documented = re.search(r"--format ([a-z|\\]+)", line)
    assert documented, f"README command reference: no --format for {COMMANDS[kind]}"
    formats = documented.group(1).replace("\\", "").split("|")
    assert formats == list(RENDERERS[kind]), (
        f"README documents {formats} for {COMMANDS[kind]}, the registry has {list(RENDERERS[kind])}"
    )


def test_the_readme_architecture_table_lists_every_top_level_module():
    package = REPO / "pulumi_aihw"
    modules = {
        p.name
        for p in package.iterdir()
        if (p.is_dir() and (p / "__init__.py").exists()) or (p.suffix == ".py")
    }
    table = [line for line in README.splitlines() if line.startswith("| `pulumi_aihw/")]
    listed = set(re.findall(r"`pulumi_aihw/([a-z_]+(?:\.py)?)/?`", "\n".join(table)))
    listed |= set(re.findall(r"`([a-z_]+\.py)`", "\n".join(table)))
    missing = {m for m in modules if m not in listed}
    assert not missing, f"README architecture table misses {sorted(missing)}"


def test_every_gpu_vendor_and_accelerator_family_has_a_comparison_family(catalog: Catalog):
    from pulumi_aihw.planner.families import ACCELERATOR_FAMILIES, GPU_VENDORS

    for acc in catalog.accelerators:
        if acc.family is Family.GPU:
            assert acc.vendor in GPU_VENDORS, (
                f"GPU vendor {acc.vendor!r} ({acc.id}) is not in planner/families.py GPU_VENDORS"
            )
    for family in Family:
        if family is not Family.GPU:
            assert family in ACCELERATOR_FAMILIES, f"planner/families.py: no family for {family}"


def test_every_mandatory_rule_is_a_planner_gate_or_rejection():
    """What the pack blocks by default, the planner never chooses (docs/extending.md)."""
    from pulumi_aihw.planner.gates import BUILT_IN, GATES
    from pulumi_aihw.rules import RULES
    from pulumi_aihw.rules.model import Enforcement

    by_id = {r.id: r for r in RULES}
    for rule_id, gate in GATES.items():
        rule = by_id.get(rule_id)
        assert rule is not None, f"planner gate {rule_id}: no such rule"
        assert rule.name == gate.policy, f"planner gate {rule_id}: policy is {rule.name}"
        mandatory = rule.enforcement is Enforcement.MANDATORY
        assert gate.default_mandatory == mandatory, (
            f"planner gate {rule_id}: default_mandatory={gate.default_mandatory}, the rule's "
            f"default is {rule.enforcement}"
        )
        keys = {k.name for k in rule.config}
        assert set(gate.config_keys) <= keys, f"planner gate {rule_id}: unknown config keys"
    for rule in RULES:
        if rule.enforcement is Enforcement.MANDATORY:
            assert rule.id in GATES or rule.id in BUILT_IN, (
                f"{rule.id} is mandatory by default: add it to planner/gates.py GATES or BUILT_IN"
            )


def test_every_provider_sdk_module_the_targets_use_is_preloaded_for_jobs():
    """`aihw check --jobs` imports targets.registry.SDK_MODULES once before forking its
    workers: a module a target uses and the list misses is imported again per stack."""
    from pulumi_aihw.targets.registry import SDK_MODULES

    aliases = {
        "aws": "pulumi_aws",
        "gcp": "pulumi_gcp",
        "azure": "pulumi_azure_native",
        "command": "pulumi_command",
    }
    used = set()
    for path in (REPO / "pulumi_aihw" / "targets").rglob("*.py"):
        imports = dict(re.findall(r"^import (pulumi_\w+) as (\w+)$", path.read_text(), re.M))
        names = {alias: module for module, alias in imports.items()}
        for alias, sub in re.findall(
            r"(?<![\w.`])(aws|gcp|azure|command)\.([a-z0-9_]+)\.", path.read_text()
        ):
            if alias in names:
                used.add(f"{aliases[alias]}.{sub}")
    assert used, "no provider SDK use found in pulumi_aihw/targets (the pattern is stale)"
    missing = used - set(SDK_MODULES)
    assert not missing, f"targets.registry.SDK_MODULES misses {sorted(missing)}"
    for module in SDK_MODULES:
        importlib.import_module(module)
