"""The planner never chooses what the policy pack would flag as a mandatory violation for
the same spec: the rules the spec's profile makes mandatory reject candidates, with the
predicate the rule itself uses."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from pulumi_aihw.catalog import Catalog
from pulumi_aihw.contracts import WORKLOAD_TYPE, plan_summary
from pulumi_aihw.planner import plan
from pulumi_aihw.planner.gates import GATES
from pulumi_aihw.planner.summary import category
from pulumi_aihw.rules import RULES, Context, Resource, resolve
from pulumi_aihw.rules.config import settings
from pulumi_aihw.rules.engine import evaluate_resource, evaluate_stack
from pulumi_aihw.rules.model import Enforcement, ResourceRule, Status
from pulumi_aihw.spec import load_spec
from tests.conftest import REPO, STACK_URN, STACKS, urn

Write = Callable[[str, str], Path]


def _stack_with_policy(tmp_path: Path, stack: str, policy: dict[str, Any]) -> Path:
    """A copy of ``stacks/<stack>`` whose platform profile carries ``policy``."""
    root = tmp_path / "stacks"
    shutil.copytree(STACKS / stack, root / stack)
    profile = yaml.safe_load((STACKS / "profiles" / "platform.yaml").read_text())
    profile["policy"] = policy
    (root / "profiles").mkdir()
    (root / "profiles" / "platform.yaml").write_text(yaml.safe_dump(profile))
    return root / stack / "workload.yaml"


def _compare_with_policy(tmp_path: Path, policy: dict[str, Any], **constraints: Any) -> Path:
    profile = {"name": "p", "policy": policy}
    (tmp_path / "profile.yaml").write_text(yaml.safe_dump(profile))
    spec = yaml.safe_load((REPO / "examples" / "compare-families" / "workload.yaml").read_text())
    spec["extends"] = "profile.yaml"
    spec["constraints"].update(constraints)
    path = tmp_path / "workload.yaml"
    path.write_text(yaml.safe_dump(spec))
    return path


def test_a_profile_making_vendor_sdk_preferred_mandatory_rejects_vendor_sdk_chips(
    catalog: Catalog, tmp_path: Path
) -> None:
    path = _compare_with_policy(tmp_path, {"aihw-lock-vendor-sdk-preferred": "mandatory"})
    p = plan(load_spec(path), catalog)
    assert p.chosen is not None and p.chosen.accelerator.vendor_sdk == "CUDA"
    gated = [c for c in p.rejected if c.accelerator.id == "inferentia2"]
    assert gated and all(
        "mandatory policy AIHW-LOCK-002" in {category(r) for r in c.rejected_because} for c in gated
    )
    reason = next(r for r in gated[0].rejected_because if "AIHW-LOCK-002" in r)
    assert "aihw-lock-vendor-sdk-preferred is mandatory in" in reason and "profile.yaml" in reason
    # the price of portability still compares with the cheapest (ruled out) candidate
    assert p.comparison is not None and p.comparison.portability.cheapest is not None
    assert p.comparison.portability.cheapest.accelerator.id == "inferentia2"


def test_a_spec_suppression_lifts_the_gate(catalog: Catalog, tmp_path: Path) -> None:
    path = _compare_with_policy(tmp_path, {"aihw-lock-vendor-sdk-preferred": "mandatory"})
    data = yaml.safe_load(path.read_text())
    data["suppressions"] = [{"rule": "AIHW-LOCK-002", "reason": "compiled for Neuron on purpose"}]
    path.write_text(yaml.safe_dump(data))
    p = plan(load_spec(path), catalog)
    assert p.chosen is not None and p.chosen.accelerator.id == "inferentia2"


def test_the_profiles_budget_and_stack_cap_apply_to_a_spec_without_its_own(
    catalog: Catalog, tmp_path: Path
) -> None:
    policy = {
        "aihw-cost-over-budget": {"maxUsdPerMonth": 3000},
        "aihw-power-stack-cap": {"maxStackKw": 1.0},
    }
    p = plan(load_spec(_compare_with_policy(tmp_path, policy)), catalog)
    assert p.chosen is not None and (p.chosen.usd_per_month or 0) <= 3000
    over = [r for c in p.rejected for r in c.rejected_because if r.startswith("over budget")]
    assert over and all("maxUsdPerMonth" in r for r in over)
    capped = [r for c in p.rejected for r in c.rejected_because if "maxStackKw" in r]
    assert capped and all(r.startswith("over power cap") for r in capped)


def _mandatory_violations(
    spec_path: Path, policy: dict[str, Any], catalog: Catalog, planned_from: Path | None = None
) -> list[str]:
    """Mandatory violations the pack finds on the Workload the planner chose for the spec
    at ``planned_from`` (default: ``spec_path``); none: ok."""
    spec = load_spec(spec_path)
    p = plan(load_spec(planned_from or spec_path), catalog)
    if p.chosen is None:
        return []
    props = {"spec": spec.model_dump(mode="json"), "plan": plan_summary(p)}
    resource = Resource(urn(WORKLOAD_TYPE, spec.name), WORKLOAD_TYPE, spec.name, STACK_URN, props)
    ctx = Context(catalog, catalog.as_of)
    resolved = resolve(RULES, policy)
    out = []
    for rule in RULES:
        r = resolved[rule.name]
        if r.level not in (Enforcement.MANDATORY, Enforcement.REMEDIATE):
            continue
        conf = settings(rule, r.properties)
        if isinstance(rule, ResourceRule):
            found = [evaluate_resource(rule, resource, conf, ctx)]
        else:
            found = evaluate_stack(rule, [resource], conf, ctx)
        out += [f"{f.rule_id}: {f.message}" for f in found if f and f.status is Status.VIOLATION]
    return out


ADVISORY = sorted(g.policy for g in GATES.values() if not g.default_mandatory)
POLICIES = [{}, {"all": "mandatory"}, *({name: "mandatory"} for name in ADVISORY)]
EXAMPLES = [
    "aws-inferentia-inference",
    "aws-gpu-inference",
    "gcp-tpu-inference",
    "gcp-gpu-inference",
    "aws-trainium-training",
]


@pytest.mark.parametrize("stack", EXAMPLES)
@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: ",".join(p) or "default")
def test_the_planner_never_chooses_a_mandatory_violation(
    catalog: Catalog, tmp_path: Path, stack: str, policy: dict[str, Any]
) -> None:
    spec_path = _stack_with_policy(tmp_path, stack, policy)
    assert _mandatory_violations(spec_path, policy, catalog) == []


def test_the_gates_change_choices_on_the_examples(catalog: Catalog, tmp_path: Path) -> None:
    """The test above is not vacuous: without the gates the pack would block these."""
    policy = {"aihw-lock-vendor-sdk-preferred": "mandatory", "aihw-lock-single-cloud": "mandatory"}
    path = _compare_with_policy(tmp_path, policy)
    gated = plan(load_spec(path), catalog)
    assert gated.chosen is not None and gated.chosen.accelerator.vendor_sdk == "CUDA"
    assert _mandatory_violations(path, policy, catalog) == []
    free_path = REPO / "examples" / "compare-families" / "workload.yaml"
    free = plan(load_spec(free_path), catalog)
    assert free.chosen is not None and free.chosen.accelerator.vendor_sdk == "Neuron SDK"
    blocked = _mandatory_violations(path, policy, catalog, planned_from=free_path)
    assert {v.split(":")[0] for v in blocked} == {"AIHW-LOCK-002"}


def test_a_locked_choice_a_profile_now_blocks_is_no_longer_feasible(
    catalog: Catalog, tmp_path: Path
) -> None:
    from pulumi_aihw.planner import lock_from_plan

    free = load_spec(REPO / "examples" / "compare-families" / "workload.yaml")
    lock = lock_from_plan(plan(free, catalog))
    assert lock.chosen.offering == "inf2.xlarge"
    path = _compare_with_policy(tmp_path, {"aihw-lock-vendor-sdk-preferred": "mandatory"})
    p = plan(load_spec(path), catalog, lock=lock)
    assert p.lock_status == "honoured" and p.chosen is not None and p.chosen.locked
    assert not p.chosen.feasible  # kept (a lock never moves silently), but blocked, and why
    assert any("mandatory policy AIHW-LOCK-002" in r for r in p.chosen.rejected_because)
