"""EKS node groups: ``aws.eks.NodeGroup`` and the pulumi-eks components whose inputs name
the instances (``eks:index:ManagedNodeGroup``, ``NodeGroup``, ``NodeGroupV2``, and the
default node group of ``eks:index:Cluster``).

Remote components are visible offline by their inputs only (their children are created
by the pulumi-eks provider), so their instance types and sizes are read from the inputs.
A managed node group with several on-demand instance types launches them in the order
listed (EKS's "prioritized" allocation), so the first is the figure and the rest are
alternatives. Sizes the pulumi-eks components default (``desiredCapacity`` 2, ``minSize``
1, ``maxSize`` 2; pulumi-eks's API docs) apply when the inputs set none.
"""

from __future__ import annotations

from typing import Any

from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.rules.facts.aws import accelerated, family_of, region_of, tags_of, template_ref
from pulumi_aihw.rules.facts.build import raw_hardware
from pulumi_aihw.rules.facts.groups import as_scale, scale_from, units_of
from pulumi_aihw.rules.facts.hardware import Hardware
from pulumi_aihw.rules.facts.scale import Scale
from pulumi_aihw.rules.facts.values import get, items
from pulumi_aihw.rules.model import Context, Resource

PULUMI_EKS_DEFAULT = Scale(2, 1, 2, "desired", "node", "pulumi-eks default size")
"""desiredCapacity 2, minSize 1, maxSize 2: the pulumi-eks node group defaults."""

_CAPACITY = {"SPOT": "spot", "CAPACITY_BLOCK": "capacity-block", "ON_DEMAND": "on-demand"}


def _types(value: Any) -> list[Any]:
    return [UNKNOWN] if value is UNKNOWN else [t for t in items(value) if t is not None]


def _group(
    r: Resource,
    ctx: Context,
    types: list[Any],
    scale: Scale | object | None,
    purchase: Any,
    *,
    type_path: str,
    template: str | None = None,
) -> Hardware | None:
    first = types[0] if types else None
    if UNKNOWN in types[1:]:
        first = UNKNOWN
    named = [t for t in types if isinstance(t, str)]
    return raw_hardware(
        r,
        ctx.catalog,
        provider="aws",
        kind="fleet",
        type_value=first,
        type_path=type_path,
        accelerated=any(accelerated(t) for t in named),
        region=region_of(r.props, r.provider),
        tags=tags_of(r.props),
        family_of=family_of(ctx),
        units=units_of(scale),
        units_path="scalingConfig",
        purchase=purchase,
        purchase_path="capacityType",
        template_ref=template if first is None else None,
        also=named[1:],
        scale=as_scale(scale),
    )


def _capacity(value: Any) -> Any:
    if value is UNKNOWN:
        return UNKNOWN
    return _CAPACITY.get(str(value), "on-demand") if value is not None else "on-demand"


def _managed(r: Resource, ctx: Context, default: Scale | None) -> Hardware | None:
    p = r.props
    sc = get(p, "scalingConfig")
    scale = scale_from(
        get(sc, "desiredSize"), get(sc, "minSize"), get(sc, "maxSize"), default=default
    )
    return _group(
        r,
        ctx,
        _types(get(p, "instanceTypes")),
        scale,
        _capacity(get(p, "capacityType")),
        type_path="instanceTypes",
        template=template_ref(get(p, "launchTemplate")),
    )


def node_group(r: Resource, ctx: Context) -> Hardware | None:
    """``aws.eks.NodeGroup``: ``instanceTypes``, ``capacityType``, ``scalingConfig``."""
    return _managed(r, ctx, None)


def managed_node_group(r: Resource, ctx: Context) -> Hardware | None:
    """``eks.ManagedNodeGroup`` (pulumi-eks): the same inputs as ``aws.eks.NodeGroup``."""
    return _managed(r, ctx, PULUMI_EKS_DEFAULT)


def _self_managed(r: Resource, ctx: Context, options: Any) -> Hardware | None:
    """A pulumi-eks self-managed group: ``instanceType``, sizes, ``spotPrice``."""
    itype = get(options, "instanceType")
    scale = scale_from(
        get(options, "desiredCapacity"),
        get(options, "minSize"),
        get(options, "maxSize"),
        default=PULUMI_EKS_DEFAULT,
    )
    spot = get(options, "spotPrice")
    purchase = UNKNOWN if spot is UNKNOWN else ("spot" if spot else "on-demand")
    return _group(
        r, ctx, [itype] if itype is not None else [], scale, purchase, type_path="instanceType"
    )


def self_managed_node_group(r: Resource, ctx: Context) -> Hardware | None:
    """``eks.NodeGroup`` and ``eks.NodeGroupV2`` (pulumi-eks)."""
    return _self_managed(r, ctx, r.props)


def cluster(r: Resource, ctx: Context) -> Hardware | None:
    """``eks.Cluster`` (pulumi-eks): its default node group, unless ``skipDefaultNodeGroup``
    or EKS Auto Mode; ``nodeGroupOptions`` override the top-level inputs."""
    p = r.props
    if get(p, "skipDefaultNodeGroup") is True or get(p, "autoMode", "enabled") is True:
        return None
    options = get(p, "nodeGroupOptions")
    source = options if isinstance(options, dict) else p
    return _self_managed(r, ctx, source)
