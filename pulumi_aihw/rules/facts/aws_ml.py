"""SageMaker hosting: endpoint configurations and notebook instances with ``ml.*`` types.

An ``ml.g5.2xlarge`` runs on the same hardware as the EC2 ``g5.2xlarge``, so the
accelerator, its count and its power come from the EC2 offering. SageMaker prices differ
from EC2's and the catalog has none yet: cost is "not evaluated" with that reason.
(pulumi-aws has no resource for SageMaker training jobs: they are started through the
SageMaker API, not declared.)
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.rules.facts.aws import accelerated, family_of, region_of, tags_of
from pulumi_aihw.rules.facts.build import raw_hardware
from pulumi_aihw.rules.facts.groups import as_scale, scale_from
from pulumi_aihw.rules.facts.hardware import Hardware
from pulumi_aihw.rules.facts.values import get, items
from pulumi_aihw.rules.model import Context, Resource

NO_SAGEMAKER_PRICES = "the catalog has no SageMaker (ml.*) prices"


def _ml(r: Resource, ctx: Context, itype: Any, units: Any, kind: str, path: str) -> Hardware | None:
    ec2 = itype.removeprefix("ml.") if isinstance(itype, str) else itype
    hw = raw_hardware(
        r,
        ctx.catalog,
        provider="aws",
        kind=kind,
        type_value=ec2,
        type_path=path,
        accelerated=accelerated(ec2),
        region=region_of(r.props, r.provider),
        tags=tags_of(r.props),
        family_of=family_of(ctx),
        units=units,
        units_path=path.replace("instanceType", "initialInstanceCount"),
        unpriced=NO_SAGEMAKER_PRICES,
    )
    if hw is None or not isinstance(itype, str):
        return hw
    return replace(hw, offering_name=itype)


def endpoint_configuration(r: Resource, ctx: Context) -> Hardware | None:
    """``aws.sagemaker.EndpointConfiguration``: the first production variant that runs on
    instances (``instanceType``, ``initialInstanceCount``, managed instance scaling);
    serverless variants run on no instance the stack chooses."""
    variants = items(get(r.props, "productionVariants"))
    if get(r.props, "productionVariants") is UNKNOWN:
        return _ml(r, ctx, UNKNOWN, None, "fleet", "productionVariants")
    for i, v in enumerate(variants):
        itype = get(v, "instanceType")
        if itype is None:
            continue
        path = f"productionVariants[{i}].instanceType"
        scaling = get(v, "managedInstanceScaling")
        scale = scale_from(
            get(v, "initialInstanceCount"),
            get(scaling, "minInstanceCount"),
            get(scaling, "maxInstanceCount"),
            unit="instance",
        )
        hw = _ml(r, ctx, itype, get(v, "initialInstanceCount"), "fleet", path)
        if hw is not None and as_scale(scale) is not None:
            return replace(hw, scale=as_scale(scale))
        return hw
    return None


def notebook_instance(r: Resource, ctx: Context) -> Hardware | None:
    """``aws.sagemaker.NotebookInstance``: one ``ml.*`` instance."""
    return _ml(r, ctx, get(r.props, "instanceType"), 1, "instance", "instanceType")
