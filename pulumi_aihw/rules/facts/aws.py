"""AWS resources written by hand: EC2 instances, launch templates, Auto Scaling groups,
EC2 Fleets and Capacity Block reservations (input names as in pulumi-aws 7)."""

from __future__ import annotations

from typing import Any

from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.rules.facts import families
from pulumi_aihw.rules.facts.build import FamilyOf, raw_hardware
from pulumi_aihw.rules.facts.groups import as_scale, scale_from, units_of
from pulumi_aihw.rules.facts.hardware import Commitment, Hardware
from pulumi_aihw.rules.facts.values import get, items, number, string_map, text
from pulumi_aihw.rules.model import Context, Resource

_MARKET = {"spot": "spot", "capacity-block": "capacity-block"}


def accelerated(instance_type: Any) -> bool:
    """An EC2 (or SageMaker ``ml.``) type of an accelerated family, known to the catalog or not."""
    return isinstance(instance_type, str) and (
        families.aws_family(instance_type.removeprefix("ml.")) is not None
    )


def family_of(ctx: Context) -> FamilyOf:
    return lambda name: families.for_aws_type(ctx.catalog, name)


def region_of(props: Any, provider: Any = None) -> str | None:
    """The resource's own region (``region``, else its availability zone's), else the
    region of the provider that manages it."""
    region = text(get(props, "region"))
    if region:
        return region
    zone = text(get(props, "availabilityZone"))
    if zone and zone[-1].isalpha():
        return zone[:-1]
    return text(get(provider, "region"))


def tags_of(props: Any) -> dict[str, str]:
    """Resource tags; launch templates also tag instances through ``tagSpecifications``."""
    tags = string_map(get(props, "tags"))
    for spec in items(get(props, "tagSpecifications")):
        for k, v in string_map(get(spec, "tags")).items():
            tags.setdefault(k, v)
    for tag in items(get(props, "tags")):  # Auto Scaling groups: [{key, value, ...}]
        key, value = get(tag, "key"), get(tag, "value")
        if isinstance(key, str) and isinstance(value, str):
            tags.setdefault(key, value)
    return tags


def market(props: Any) -> tuple[Any, str]:
    """Purchase option of an instance or launch template, and the path it was read from."""
    path = "instanceMarketOptions.marketType"
    kind = get(props, "instanceMarketOptions", "marketType")
    if kind is UNKNOWN:
        return UNKNOWN, path
    reservation = get(
        props,
        "capacityReservationSpecification",
        "capacityReservationTarget",
        "capacityReservationId",
    )
    if isinstance(kind, str) and kind in _MARKET:
        return _MARKET[kind], path
    return ("reserved" if reservation else "on-demand"), path


def template_ref(spec: Any) -> str | None:
    """The launch template an instance or group launches: its id or name; ``""`` when
    it is only known after the update (a new template's id during preview)."""
    values = [get(spec, k) for k in ("id", "launchTemplateId", "name", "launchTemplateName")]
    for value in values:
        if isinstance(value, str) and value:
            return value
    return "" if UNKNOWN in values or spec is UNKNOWN else None


def _ec2(r: Resource, ctx: Context, kind: str) -> Hardware | None:
    """An instance (one unit; its type may come from a launch template) or a template."""
    p = r.props
    itype = get(p, "instanceType")
    purchase, ppath = market(p)
    launches = kind == "instance" and itype is None
    return raw_hardware(
        r,
        ctx.catalog,
        provider="aws",
        kind=kind,
        type_value=itype,
        type_path="instanceType",
        accelerated=accelerated(itype),
        region=region_of(p, r.provider),
        tags=tags_of(p),
        family_of=family_of(ctx),
        units=1 if kind == "instance" else None,
        purchase=purchase,
        purchase_path=ppath,
        template_ref=template_ref(get(p, "launchTemplate")) if launches else None,
    )


def instance(r: Resource, ctx: Context) -> Hardware | None:
    return _ec2(r, ctx, "instance")


def launch_template(r: Resource, ctx: Context) -> Hardware | None:
    return _ec2(r, ctx, "template")


def autoscaling_group(r: Resource, ctx: Context) -> Hardware | None:
    p = r.props
    lt = get(p, "mixedInstancesPolicy", "launchTemplate")
    override = get(lt, "overrides", 0, "instanceType")
    dist = get(p, "mixedInstancesPolicy", "instancesDistribution")
    on_demand = number(get(dist, "onDemandPercentageAboveBaseCapacity"))
    base = number(get(dist, "onDemandBaseCapacity")) or 0
    purchase = "spot" if on_demand == 0 and base == 0 else "on-demand"
    desired = get(p, "desiredCapacity")
    upath = "desiredCapacity" if desired is not None else "minSize"
    scale = scale_from(desired, get(p, "minSize"), get(p, "maxSize"), unit="instance")
    ref = template_ref(get(p, "launchTemplate")) or template_ref(
        get(lt, "launchTemplateSpecification")
    )
    return raw_hardware(
        r,
        ctx.catalog,
        provider="aws",
        kind="fleet",
        type_value=override,
        type_path="mixedInstancesPolicy.launchTemplate.overrides[0].instanceType",
        accelerated=accelerated(override),
        region=region_of(p, r.provider),
        tags=tags_of(p),
        family_of=family_of(ctx),
        units=units_of(scale),
        units_path=upath,
        scale=as_scale(scale),
        purchase=purchase,
        template_ref=None if override is not None else ref,
    )


def fleet(r: Resource, ctx: Context) -> Hardware | None:
    p = r.props
    config = get(p, "launchTemplateConfigs", 0)
    override = get(config, "overrides", 0, "instanceType")
    target = get(p, "targetCapacitySpecification")
    kind = get(target, "defaultTargetCapacityType")
    return raw_hardware(
        r,
        ctx.catalog,
        provider="aws",
        kind="fleet",
        type_value=override,
        type_path="launchTemplateConfigs[0].overrides[0].instanceType",
        accelerated=accelerated(override),
        region=region_of(p, r.provider),
        tags=tags_of(p),
        family_of=family_of(ctx),
        units=get(target, "totalTargetCapacity"),
        units_path="targetCapacitySpecification.totalTargetCapacity",
        purchase=_MARKET.get(kind, "on-demand") if isinstance(kind, str) else kind,
        purchase_path="targetCapacitySpecification.defaultTargetCapacityType",
        template_ref=None
        if override is not None
        else template_ref(get(config, "launchTemplateSpecification")),
    )


def capacity_block(r: Resource, ctx: Context) -> Hardware | None:
    """A bought EC2 Capacity Block: it cannot be deleted or refunded once created."""
    return Hardware(
        resource=r,
        kind="purchase",
        provider="aws",
        region=text(get(r.props, "region")),
        tags=tags_of(r.props),
        purchase="capacity-block",
        commitment=Commitment("an EC2 Capacity Block (term set by its offering)", None),
    )
