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
    from pulumi_aihw.targets.aws.component import create_aws_target
    from pulumi_aihw.targets.gcp.component import create_gcp_tpu_target

    assert target_factory(chosen(gpu_inference())) is create_aws_target
    tpu = chosen(pinned("v5litepod-8", 1, frameworks=["jax"], placement={"providers": ["gcp"]}))
    assert target_factory(tpu) is create_gcp_tpu_target


def test_registry_names_factories_by_path_and_imports_no_component():
    """Importing the registry loads no component and no Pulumi (no cycle, fast imports)."""
    import subprocess
    import sys

    code = (
        "import sys, pulumi_aihw.targets.registry as r\n"
        "assert all(':' in ref for ref in r.TARGETS.values())\n"
        "loaded = [m for m in sys.modules\n"
        "          if m.endswith('.component') or m.split('.')[0] == 'pulumi']\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("kind", sorted(TARGETS))
def test_every_registered_factory_loads(kind):
    from pulumi_aihw.targets.registry import load_factory

    assert callable(load_factory(kind))


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


def test_importing_the_workload_component_loads_no_rule_and_no_report():
    """`pulumi up` imports the Workload component: it must not load the policy rules or the
    report renderers (89 project modules before the layers were enforced)."""
    import subprocess
    import sys

    code = (
        "import sys, pulumi_aihw.targets.workload\n"
        "ours = [m for m in sys.modules if m.startswith('pulumi_aihw')]\n"
        "bad = [m for m in ours if m.startswith(('pulumi_aihw.rules', 'pulumi_aihw.reports',\n"
        "      'pulumi_aihw.check', 'pulumi_aihw.crossguard'))]\n"
        "assert not bad, bad\n"
        "assert len(ours) <= 55, (len(ours), sorted(ours))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
