"""The target registry: which kind deploys a candidate, and what an unknown kind says."""

from __future__ import annotations

import pytest

from pulumi_aihw.catalog import load_catalog
from pulumi_aihw.errors import SpecError
from pulumi_aihw.planner import plan
from pulumi_aihw.spec import spec_from_dict
from pulumi_aihw.targets.registry import TARGETS, target_factory, target_kind
from pulumi_aihw.targets.resolve import resolve_workload
from tests.run import python
from tests.specs import gpu_inference, pinned


def chosen(data):
    return resolve_workload("t", spec=data).chosen


def test_kinds():
    assert target_kind(chosen(gpu_inference())) == "aws"
    catalog = load_catalog()
    kinds = set()
    for o in catalog.offerings:
        acc = catalog.accelerator(o.accelerator_id)
        if str(o.provider) == "gcp" and str(o.deployment) == "cloud":
            kinds.add(("gcp", str(acc.family)))
    assert ("gcp", "tpu") in kinds
    tpu = chosen(
        pinned(
            "v5litepod-8",
            1,
            frameworks=["jax"],
            placement={"providers": ["gcp"]},
        )
    )
    assert target_kind(tpu) == "gcp-tpu"
    gpu = chosen(pinned("g2-standard-4", 1, placement={"providers": ["gcp"]}))
    assert target_kind(gpu) == "gcp-gpu"


def test_bare_metal_kind():
    data = pinned(
        "GEX45",
        1,
        frameworks=["pytorch"],
        placement={"deployments": ["bare-metal"]},
        exchange_rates_usd={"EUR": 1.08},
    )
    data["model"] = {"name": "small", "parameters_billion": 1}
    rented = plan(spec_from_dict(data), load_catalog()).chosen  # must be ordered first
    assert rented is not None and target_kind(rented) == "baremetal"


def test_registry_is_explicit_and_lazy():
    assert {"aws", "gcp-tpu", "gcp-gpu", "baremetal"} <= set(TARGETS)
    assert target_factory(chosen(gpu_inference())) is TARGETS["aws"]
    tpu = chosen(pinned("v5litepod-8", 1, frameworks=["jax"], placement={"providers": ["gcp"]}))
    assert target_factory(tpu) is TARGETS["gcp-tpu"]


def test_unknown_kind_lists_the_supported_ones(monkeypatch):
    monkeypatch.delitem(TARGETS, "gcp-tpu")  # a kind whose target has not landed
    tpu = chosen(pinned("v5litepod-8", 1, frameworks=["jax"], placement={"providers": ["gcp"]}))
    with pytest.raises(
        SpecError, match=r"'gcp-tpu' target.*supported targets: aws, azure, baremetal, gcp-gpu\)"
    ):
        target_factory(tpu)


def test_registry_does_not_import_pulumi():
    code = (
        "import sys; import pulumi_aihw.targets.registry, pulumi_aihw.targets.resolve, "
        "pulumi_aihw.targets.gcp.tpu_settings, pulumi_aihw.targets.gcp.gpu_settings;"
        "print('pulumi' in sys.modules)"
    )
    assert python("-c", code, check=True).stdout.strip() == "False"
