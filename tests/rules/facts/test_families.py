"""Family-level facts: a type the catalog does not know still tells its accelerator family,
so lock-in is judged; cost and power are "not evaluated: unknown offering", never passed."""

from __future__ import annotations

from pulumi_aihw.rules import Status
from pulumi_aihw.rules.facts import families
from pulumi_aihw.vocab import Family

from .helpers import BUDGET, facts, judge, raw, stack_cap

INSTANCE = "aws:ec2/instance:Instance"


def test_an_unknown_size_of_a_known_series_carries_the_series_accelerator(ctx):
    for name in ("g6.8xlarge", "ml.g6.8xlarge"):
        ff = families.for_aws_type(ctx.catalog, name)
        if ctx.catalog.find(provider="aws", offering="g6.8xlarge"):
            continue  # the catalog knows it now: nothing family-level to check
        assert ff is not None and ff.family is Family.GPU
        assert ff.accelerator is not None and ff.accelerator.id == "l4", ff
        assert "every g6 type in the catalog carries it" in ff.describe()


def test_unknown_series_give_the_family_only():
    assert families.aws_family("trn9.48xlarge") is Family.TRAINIUM
    assert families.aws_family("inf9.xlarge") is Family.INFERENTIA
    assert families.aws_family("dl9.24xlarge") is Family.GAUDI
    assert families.aws_family("gr6.4xlarge") is Family.GPU
    for cpu in ("m7i.large", "c7g.xlarge", "t3.micro", "r7iz.large"):
        assert families.aws_family(cpu) is None, cpu


def test_gcp_machine_series_and_accelerator_names(ctx):
    tpu = families.for_gcp_machine_type(ctx.catalog, "ct9-standard-4t")
    assert tpu is not None and tpu.family is Family.TPU
    assert families.for_gcp_machine_type(ctx.catalog, "g1-small") is None
    assert families.for_gcp_machine_type(ctx.catalog, "n2-standard-8") is None
    gpu = families.for_gcp_accelerator("nvidia-tesla-k80")
    assert gpu is not None and gpu.family is Family.GPU
    assert families.for_gcp_accelerator("v9") is not None
    assert families.family_sdk(ctx.catalog, Family.TPU) is not None
    assert families.family_sdk(ctx.catalog, Family.GPU) is None  # CUDA or ROCm


def test_an_unknown_trainium_is_judged_for_lock_in_but_never_passed_on_cost_or_power(ctx):
    trn = raw(INSTANCE, "trn", instanceType="trn9.48xlarge", region="us-east-1")
    hw = facts(trn, ctx)
    assert hw.offering is None and hw.family is not None
    assert hw.family.family is Family.TRAINIUM
    sdk = judge("AIHW-LOCK-002", trn, ctx)  # no workload spec: portability "preferred"
    assert sdk.status is Status.VIOLATION and "Neuron" in sdk.message, sdk.message
    assert judge("AIHW-LOCK-004", trn, ctx).status is Status.VIOLATION  # only AWS has it
    cost = judge("AIHW-COST-001", trn, ctx, **BUDGET)
    assert cost.status is Status.NOT_EVALUATED
    assert "unknown offering: trn9.48xlarge is not in the catalog" in cost.message
    assert judge("AIHW-POWER-004", trn, ctx).status is Status.VIOLATION
    cap = stack_cap([trn], ctx, 1000)
    assert cap.status is Status.NOT_EVALUATED and "trn" in cap.message
