"""SageMaker endpoint configurations and notebook instances (ml.* types)."""

from __future__ import annotations

from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.rules import Status
from pulumi_aihw.rules.facts.registry import hardware_of

from .helpers import BUDGET, facts, judge, raw, stack_cap, status

ENDPOINT = "aws:sagemaker/endpointConfiguration:EndpointConfiguration"
NOTEBOOK = "aws:sagemaker/notebookInstance:NotebookInstance"


def endpoint(name: str, *variants: dict):
    return raw(ENDPOINT, name, productionVariants=list(variants))


def test_ml_types_run_on_ec2_hardware_but_have_no_price(ctx):
    e = endpoint("inf2", {"instanceType": "ml.inf2.xlarge", "initialInstanceCount": 2})
    hw = facts(e, ctx)
    assert (hw.offering_name, hw.accelerator.id, hw.units) == ("ml.inf2.xlarge", "inferentia2", 2)
    f = judge("AIHW-COST-001", e, ctx, **BUDGET)
    assert f.status is Status.NOT_EVALUATED
    assert "the catalog has no SageMaker (ml.*) prices (ml.inf2.xlarge)" in f.message
    assert "SageMaker" in judge("AIHW-COST-004", e, ctx).message
    assert status("AIHW-LOCK-002", e, ctx) is Status.VIOLATION  # Neuron SDK
    g4 = endpoint("t4", {"instanceType": "ml.g4dn.xlarge", "initialInstanceCount": 1})
    assert status("AIHW-POWER-004", g4, ctx) is Status.PASSED  # one T4: power known
    assert stack_cap([g4], ctx, 10).status is Status.PASSED


def test_managed_instance_scaling_gives_the_range(ctx):
    e = endpoint(
        "scaled",
        {
            "instanceType": "ml.g5.2xlarge",
            "initialInstanceCount": 1,
            "managedInstanceScaling": {
                "status": "ENABLED",
                "minInstanceCount": 1,
                "maxInstanceCount": 4,
            },
        },
    )
    hw = facts(e, ctx)
    assert (hw.units, hw.scale.minimum, hw.scale.maximum, hw.scale.unit) == (1, 1, 4, "instance")


def test_serverless_and_cpu_variants_are_not_hardware_and_unknowns_are_not_evaluated(ctx):
    assert hardware_of(endpoint("sl", {"serverlessConfig": {"maxConcurrency": 5}}), ctx) is None
    assert hardware_of(endpoint("cpu", {"instanceType": "ml.m5.large"}), ctx) is None
    later = endpoint("later", {"instanceType": UNKNOWN, "initialInstanceCount": 1})
    assert status("AIHW-LOCK-002", later, ctx) is Status.NOT_EVALUATED


def test_notebook_instance(ctx):
    nb = raw(NOTEBOOK, "nb", instanceType="ml.p3.2xlarge")
    hw = facts(nb, ctx)
    assert hw.units == 1 and hw.accelerator.id == "v100-16gb"  # the EC2 p3.2xlarge's V100
    assert status("AIHW-POWER-004", nb, ctx) is Status.PASSED  # V100: 300 W published
    cost = judge("AIHW-COST-001", nb, ctx, maxUsdPerMonth=100)
    assert cost.status is Status.NOT_EVALUATED and "no SageMaker (ml.*) prices" in cost.message
