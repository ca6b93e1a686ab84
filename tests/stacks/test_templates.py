"""The example stacks as `pulumi new` templates: every prompt is one the program reads,
the defaults reproduce the checked-in example exactly, and answers other than the
defaults show up in the Workload's spec and plan.

`pulumi new` writes each answer to the new stack's config file in the project's
namespace; here each answer set goes into a `Pulumi.<stack>.yaml` of a temporary copy
(with the profiles beside it), previewed by the real offline engine in-process.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from pulumi_aihw.contracts import WORKLOAD_PROFILE_PROPERTY, WORKLOAD_TYPE
from pulumi_aihw.preview import run_stack
from pulumi_aihw.spec.overrides import KEYS_BY_NAME
from tests.run import ROOT

STACKS = sorted(p.parent.name for p in ROOT.glob("stacks/*/Pulumi.yaml"))

TEAM_PROFILE = """\
name: team-b-platform
defaults: {tags: {cost-center: team-b}}
allow:
  providers: [aws, gcp, azure, owned, hetzner, qubrid]
  regions: [us-east-1, us-east-2, us-west-2, us-central1, us-central2, us-east5, europe-west4,
            eastus2, francecentral, swedencentral]
ceilings: {max_usd_per_month: 100000}
"""

# Answers other than the defaults, per prompt, that still plan: (config value, what the
# Workload's spec must then show at the prompt's field).
ANSWERS: dict[str, dict[str, tuple[str, Any]]] = {
    "aws-gpu-inference": {"region": ("us-east-1,us-west-2", ["us-east-1", "us-west-2"])},
    "aws-inferentia-inference": {"region": ("us-east-1,us-east-2", ["us-east-1", "us-east-2"])},
    "aws-trainium-training": {"region": ("us-east-1,us-west-2", ["us-east-1", "us-west-2"])},
    "gcp-gpu-inference": {"region": ("us-central1,us-east5", ["us-central1", "us-east5"])},
    "gcp-tpu-inference": {"region": ("us-east5", ["us-east5"])},
    "gcp-tpu-training": {"region": ("europe-west4", ["europe-west4"])},
    "baremetal-gpu-inference": {"site": ("fra1", ["fra1"])},
    "azure-gpu-inference": {"region": ("eastus2", ["eastus2"])},
    "azure-mi300x-inference": {
        "region": ("francecentral,swedencentral", ["francecentral", "swedencentral"])
    },
}
BUDGET_USD = {
    "aws-trainium-training": 99000,
    "gcp-tpu-training": 90000,
    "azure-mi300x-inference": 90000,
}


def template(stack: str) -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "stacks" / stack / "Pulumi.yaml").read_text())
    section: dict[str, Any] = data["template"]
    return section


def answers(stack: str) -> dict[str, tuple[str, Any]]:
    """A non-default answer for every prompt of ``stack``."""
    budget = BUDGET_USD.get(
        stack, 2 * float(template(stack)["config"]["maxUsdPerMonth"]["default"] or 0)
    )
    return {
        "workloadName": (f"{stack[:40]}-team-b", f"{stack[:40]}-team-b"),
        "maxUsdPerMonth": (str(budget), budget),
        "profile": ("../profiles/team-b.yaml", "../profiles/team-b.yaml"),
        **ANSWERS[stack],
    }


def preview_with(tmp_path: Path, stack: str, values: dict[str, str]) -> dict[str, Any]:
    """Preview a copy of ``stack`` as stack ``team`` whose config is the example's
    Pulumi.dev.yaml plus ``values`` (as `pulumi new` saves them); the Workload's inputs."""
    root = tmp_path / "stacks"
    shutil.copytree(ROOT / "stacks" / "profiles", root / "profiles")
    (root / "profiles" / "team-b.yaml").write_text(TEAM_PROFILE)
    copy = root / stack
    shutil.copytree(ROOT / "stacks" / stack, copy)
    config = yaml.safe_load((copy / "Pulumi.dev.yaml").read_text())["config"]
    config.update({f"{stack}:{key}": value for key, value in values.items()})
    (copy / "Pulumi.team.yaml").write_text(yaml.safe_dump({"config": config}))
    return workload_inputs(run_stack(copy, stack="team"))


def workload_inputs(preview: Any) -> dict[str, Any]:
    (workload,) = preview.of_type(WORKLOAD_TYPE)
    inputs: dict[str, Any] = workload.inputs
    return inputs


@pytest.mark.parametrize("stack", STACKS)
def test_every_prompt_is_a_key_the_program_reads(stack: str) -> None:
    section = template(stack)
    assert section["description"]
    prompts = section["config"]
    assert set(prompts) <= set(KEYS_BY_NAME)  # read by pulumi_aihw.workload_args
    assert {"workloadName", "maxUsdPerMonth", "profile"} <= set(prompts)
    assert ("site" if stack.startswith("baremetal") else "region") in prompts
    for key, prompt in prompts.items():
        assert prompt["description"] == KEYS_BY_NAME[key].prompt
        assert isinstance(prompt["default"], str)  # Pulumi config values are strings
    assert 'workload_args("workload.yaml")' in (ROOT / "stacks" / stack / "__main__.py").read_text()


@pytest.mark.slow
@pytest.mark.parametrize("stack", STACKS)
def test_defaults_reproduce_the_checked_in_example(tmp_path: Path, stack: str) -> None:
    defaults = {k: v["default"] for k, v in template(stack)["config"].items()}
    with_defaults = preview_with(tmp_path, stack, defaults)
    example = workload_inputs(run_stack(ROOT / "stacks" / stack))
    assert with_defaults["spec"] == example["spec"]
    assert with_defaults["plan"] == example["plan"]  # same choice, cost and spec hash
    assert with_defaults.get(WORKLOAD_PROFILE_PROPERTY) == example.get(WORKLOAD_PROFILE_PROPERTY)


@pytest.mark.slow
@pytest.mark.parametrize("stack", STACKS)
def test_every_answer_shows_in_the_workload(tmp_path: Path, stack: str) -> None:
    given = answers(stack)
    assert set(given) == set(template(stack)["config"])  # an answer for every prompt
    inputs = preview_with(tmp_path, stack, {k: value for k, (value, _) in given.items()})
    spec = inputs["spec"]
    for key, (_, expected) in given.items():
        node = spec
        for part in KEYS_BY_NAME[key].path:
            node = node[part]
        assert node == expected, key
    assert inputs[WORKLOAD_PROFILE_PROPERTY]["name"] == "team-b-platform"
    assert spec["tags"]["cost-center"] == "team-b"  # the prompted profile applied
    assert inputs["plan"]["chosen"] is not None


@pytest.mark.slow
def test_a_prompted_budget_above_the_profile_ceiling_stops_the_preview(tmp_path: Path) -> None:
    from tests.stacks.layout import aihw

    stack = "aws-inferentia-inference"
    shutil.copytree(ROOT / "stacks" / "profiles", tmp_path / "profiles")
    shutil.copytree(ROOT / "stacks" / stack, tmp_path / stack)
    config = tmp_path / stack / "Pulumi.dev.yaml"
    config.write_text(config.read_text() + f'  {stack}:maxUsdPerMonth: "90000"\n')
    out = aihw("preview", str(tmp_path / stack))
    assert out.returncode == 2
    assert (
        "Workload 'chat' input maxUsdPerMonth: constraints.max_usd_per_month: 90000 exceeds "
        "the ceiling 60000 set by platform profile ../profiles/platform.yaml"
    ) in out.stderr
    assert "Traceback" not in out.stderr
