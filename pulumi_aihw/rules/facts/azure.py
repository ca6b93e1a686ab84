"""Azure resources written by hand: VMs, VM Scale Sets and AKS node pools (separate
``AgentPool`` resources, and the pools inside a ``ManagedCluster``), as
pulumi-azure-native 3 names their inputs.

GPU sizes are the NC, ND, NV and NG series; a size the catalog does not price is still
recognised through its series (:func:`~pulumi_aihw.rules.facts.families.for_azure_size`),
with price and power "not evaluated". Spot: ``priority`` (VMs, scale sets) or
``scaleSetPriority`` (AKS pools) ``Spot``; reserved: a capacity reservation group. A
scale set runs ``sku.capacity`` VMs (its autoscale rules are a separate resource); an
autoscaled AKS pool runs ``count`` (the initial count) within ``minCount`` to
``maxCount``. Azure reserved VM instances are bought outside the stack
(pulumi-azure-native has no resource for them), so there is no Azure purchase for
``AIHW-LOCK-005`` to flag.
"""

from __future__ import annotations

from typing import Any

from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.rules.facts import families
from pulumi_aihw.rules.facts.build import FamilyOf, raw_hardware
from pulumi_aihw.rules.facts.groups import as_scale, scale_from, units_of
from pulumi_aihw.rules.facts.hardware import Hardware
from pulumi_aihw.rules.facts.scale import Basis, Scale
from pulumi_aihw.rules.facts.values import get, items, string_map, text
from pulumi_aihw.rules.model import Context, Resource

_UNKNOWN_SCALE: object = UNKNOWN


def accelerated(size: Any) -> bool:
    return isinstance(size, str) and bool(families.AZURE_GPU_SIZES.match(size))


def family_of(ctx: Context) -> FamilyOf:
    return lambda name: families.for_azure_size(ctx.catalog, name)


def _purchase(priority: Any, reservation: Any, path: str) -> tuple[Any, str]:
    if priority is UNKNOWN:
        return UNKNOWN, path
    if priority == "Spot":
        return "spot", path
    return ("reserved" if reservation else "on-demand"), path


def _hardware(
    r: Resource,
    ctx: Context,
    *,
    size: Any,
    size_path: str,
    scale: Scale | object | None,
    units_path: str,
    purchase: tuple[Any, str],
    region: str | None,
    kind: str = "fleet",
    units: Any = None,
) -> Hardware | None:
    return raw_hardware(
        r,
        ctx.catalog,
        provider="azure",
        kind=kind,
        type_value=size,
        type_path=size_path,
        accelerated=accelerated(size),
        region=region,
        tags=string_map(get(r.props, "tags")),
        units=units if scale is None else units_of(scale),
        units_path=units_path,
        purchase=purchase[0],
        purchase_path=purchase[1],
        family_of=family_of(ctx),
        scale=as_scale(scale),
    )


def vm(r: Resource, ctx: Context) -> Hardware | None:
    """``azure-native:compute:VirtualMachine``: one VM of ``hardwareProfile.vmSize``."""
    p = r.props
    return _hardware(
        r,
        ctx,
        kind="instance",
        size=get(p, "hardwareProfile", "vmSize"),
        size_path="hardwareProfile.vmSize",
        scale=None,
        units=1,
        units_path="",
        purchase=_purchase(get(p, "priority"), get(p, "capacityReservation"), "priority"),
        region=text(get(p, "location")),
    )


def scale_set(r: Resource, ctx: Context) -> Hardware | None:
    """``azure-native:compute:VirtualMachineScaleSet``: ``sku.capacity`` VMs of ``sku.name``."""
    p = r.props
    profile = get(p, "virtualMachineProfile")
    capacity = get(p, "sku", "capacity")
    scale = scale_from(capacity, None, None, unit="VM")
    return _hardware(
        r,
        ctx,
        size=get(p, "sku", "name"),
        size_path="sku.name",
        scale=scale,
        units_path="sku.capacity",
        purchase=_purchase(
            get(profile, "priority"),
            get(profile, "capacityReservation"),
            "virtualMachineProfile.priority",
        ),
        region=text(get(p, "location")),
    )


def _pool_scale(pool: Any) -> Scale | object | None:
    """``count`` VMs, within ``minCount``..``maxCount`` when the pool autoscales."""
    auto = get(pool, "enableAutoScaling")
    if auto is UNKNOWN:
        return _UNKNOWN_SCALE
    if auto is True:
        return scale_from(
            get(pool, "count"),
            get(pool, "minCount"),
            get(pool, "maxCount"),
            desired_basis=Basis.INITIAL,
        )
    return scale_from(get(pool, "count"), None, None)


def _pool(r: Resource, ctx: Context, pool: Any, path: str, region: str | None) -> Hardware | None:
    return _hardware(
        r,
        ctx,
        size=get(pool, "vmSize"),
        size_path=f"{path}vmSize",
        scale=_pool_scale(pool),
        units_path=f"{path}count",
        purchase=_purchase(get(pool, "scaleSetPriority"), None, f"{path}scaleSetPriority"),
        region=region,
    )


def agent_pool(r: Resource, ctx: Context) -> Hardware | None:
    """``azure-native:containerservice:AgentPool``; its region is the cluster's (not among
    its inputs)."""
    return _pool(r, ctx, r.props, "", None)


def managed_cluster(r: Resource, ctx: Context) -> Hardware | None:
    """``azure-native:containerservice:ManagedCluster``: its first GPU pool in
    ``agentPoolProfiles`` (give every further GPU pool its own ``AgentPool`` resource so the
    rules see each)."""
    p = r.props
    for i, pool in enumerate(items(get(p, "agentPoolProfiles"))):
        size = get(pool, "vmSize")
        if size is UNKNOWN or accelerated(size):
            return _pool(r, ctx, pool, f"agentPoolProfiles[{i}].", text(get(p, "location")))
    return None
