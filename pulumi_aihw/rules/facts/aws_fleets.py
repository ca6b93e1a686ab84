"""More ways to ask EC2 for accelerators: spot instance and spot fleet requests, launch
configurations, AWS Batch compute environments and On-Demand Capacity Reservations
(input names as in pulumi-aws 7)."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.rules.facts.aws import accelerated, family_of, region_of, tags_of, template_ref
from pulumi_aihw.rules.facts.build import raw_hardware
from pulumi_aihw.rules.facts.groups import as_scale
from pulumi_aihw.rules.facts.hardware import Hardware
from pulumi_aihw.rules.facts.scale import Basis, Scale
from pulumi_aihw.rules.facts.values import get, items, number
from pulumi_aihw.rules.model import Context, Resource


def _ec2_like(
    r: Resource, ctx: Context, kind: str, itype: Any, units: Any, purchase: str
) -> Hardware | None:
    return raw_hardware(
        r,
        ctx.catalog,
        provider="aws",
        kind=kind,
        type_value=itype,
        type_path="instanceType",
        accelerated=accelerated(itype),
        region=region_of(r.props, r.provider),
        tags=tags_of(r.props),
        family_of=family_of(ctx),
        units=units,
        units_path="instanceCount",
        purchase=purchase,
    )


def spot_instance_request(r: Resource, ctx: Context) -> Hardware | None:
    """``aws.ec2.SpotInstanceRequest``: one spot instance of ``instanceType``."""
    return _ec2_like(r, ctx, "instance", get(r.props, "instanceType"), 1, "spot")


def launch_configuration(r: Resource, ctx: Context) -> Hardware | None:
    """``aws.ec2.LaunchConfiguration``: a template for Auto Scaling groups (spot when it
    sets ``spotPrice``)."""
    spot = get(r.props, "spotPrice")
    return _ec2_like(
        r, ctx, "template", get(r.props, "instanceType"), None, "spot" if spot else "on-demand"
    )


def capacity_reservation(r: Resource, ctx: Context) -> Hardware | None:
    """``aws.ec2.CapacityReservation``: On-Demand capacity billed while it exists, used or
    not; it can be cancelled at any time (no commitment)."""
    p = r.props
    return _ec2_like(
        r, ctx, "reservation", get(p, "instanceType"), get(p, "instanceCount"), "on-demand"
    )


def spot_fleet_request(r: Resource, ctx: Context) -> Hardware | None:
    """``aws.ec2.SpotFleetRequest``: ``targetCapacity`` units of the types in
    ``launchSpecifications`` or launch-template overrides (spot, unless the on-demand
    target covers it all)."""
    p = r.props
    types = [get(s, "instanceType") for s in items(get(p, "launchSpecifications"))]
    for config in items(get(p, "launchTemplateConfigs")):
        types += [get(o, "instanceType") for o in items(get(config, "overrides"))]
    types = [t for t in types if t is not None]
    target, on_demand = get(p, "targetCapacity"), number(get(p, "onDemandTargetCapacity")) or 0
    total = number(target)
    purchase = "on-demand" if total is not None and on_demand >= total else "spot"
    first = types[0] if types else None
    ref = None
    if first is None:
        ref = template_ref(get(p, "launchTemplateConfigs", 0, "launchTemplateSpecification"))
    return raw_hardware(
        r,
        ctx.catalog,
        provider="aws",
        kind="fleet",
        type_value=UNKNOWN if UNKNOWN in types else first,
        type_path="launchSpecifications[0].instanceType",
        accelerated=any(accelerated(t) for t in types),
        region=region_of(p, r.provider),
        tags=tags_of(p),
        family_of=family_of(ctx),
        units=target,
        units_path="targetCapacity",
        purchase=purchase,
        template_ref=ref,
        also=[t for t in types[1:] if isinstance(t, str)],
    )


def batch_compute_environment(r: Resource, ctx: Context) -> Hardware | None:
    """``aws.batch.ComputeEnvironment``: EC2 or SPOT compute resources of
    ``instanceTypes``; the vCPU settings bound the instances (``desiredVcpus`` is the
    figure where set, else the most ``maxVcpus`` allows)."""
    cr = get(r.props, "computeResources")
    kind = get(cr, "type")
    if kind in ("FARGATE", "FARGATE_SPOT"):
        return None
    types = [t for t in items(get(cr, "instanceTypes")) if t is not None]
    first = types[0] if types else None
    hw = raw_hardware(
        r,
        ctx.catalog,
        provider="aws",
        kind="fleet",
        type_value=UNKNOWN if UNKNOWN in types else first,
        type_path="computeResources.instanceTypes",
        accelerated=any(accelerated(t) for t in types),
        region=region_of(r.props, r.provider),
        tags=tags_of(r.props),
        family_of=family_of(ctx),
        purchase="spot" if kind == "SPOT" else "on-demand",
        also=[t for t in types[1:] if isinstance(t, str)],
    )
    if hw is None or hw.offering is None:
        return hw
    vcpus = hw.offering.vcpus or 0
    values = [get(cr, k) for k in ("desiredVcpus", "minVcpus", "maxVcpus")]
    if UNKNOWN in values:
        return replace(hw, unknown={**hw.unknown, "units": "computeResources vCPUs"})
    desired, low, high = (number(v) for v in values)
    if not vcpus or high is None:
        return hw
    most = math.floor(high / vcpus)
    note = f"{high:g} max vCPUs / {vcpus:g} per {hw.offering.offering}"
    if desired is None:
        scale = Scale(most, math.ceil((low or 0) / vcpus), most, Basis.LIMIT, "instance", note)
    else:
        figure = math.ceil(desired / vcpus)
        scale = Scale(figure, math.ceil((low or 0) / vcpus), most, Basis.DESIRED, "instance", note)
    return replace(hw, units=scale.figure, scale=as_scale(scale))
