"""Azure resources written by hand: VMs, VM Scale Sets and AKS node pools (separate
``AgentPool`` resources, and the pools inside a ``ManagedCluster``), as pulumi-azure-native 3
names their inputs.

GPU sizes are the N-series (``Standard_NC...``, ``ND...``, ``NV...``, ``NG...``); a size the
catalog does not price is still recognised, with price and power unknown. Spot: ``priority``
(VMs, scale sets) or ``scaleSetPriority`` (AKS pools) ``Spot``; reserved: a capacity
reservation group. Azure reserved VM instances are bought outside the stack (pulumi-azure-native
has no resource for them), so there is no Azure purchase for ``AIHW-LOCK-005`` to flag.
"""

from __future__ import annotations

import re
from typing import Any

from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.rules.facts.hardware import Hardware, raw_hardware
from pulumi_aihw.rules.facts.values import get, items, string_map, text
from pulumi_aihw.rules.model import Context, Resource

_ACCELERATED = re.compile(r"^Standard_N[CDVGP]\d", re.IGNORECASE)
"""Azure's GPU (and FPGA) sizes: the N-series."""


def accelerated(size: Any) -> bool:
    return isinstance(size, str) and bool(_ACCELERATED.match(size))


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
    kind: str,
    size: Any,
    size_path: str,
    units: Any,
    units_path: str,
    purchase: tuple[Any, str],
    region: str | None,
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
        units=units,
        units_path=units_path,
        purchase=purchase[0],
        purchase_path=purchase[1],
    )


def vm(r: Resource, ctx: Context) -> Hardware | None:
    p = r.props
    return _hardware(
        r,
        ctx,
        kind="instance",
        size=get(p, "hardwareProfile", "vmSize"),
        size_path="hardwareProfile.vmSize",
        units=1,
        units_path="",
        purchase=_purchase(get(p, "priority"), get(p, "capacityReservation"), "priority"),
        region=text(get(p, "location")),
    )


def scale_set(r: Resource, ctx: Context) -> Hardware | None:
    p = r.props
    profile = get(p, "virtualMachineProfile")
    return _hardware(
        r,
        ctx,
        kind="fleet",
        size=get(p, "sku", "name"),
        size_path="sku.name",
        units=get(p, "sku", "capacity"),
        units_path="sku.capacity",
        purchase=_purchase(
            get(profile, "priority"),
            get(profile, "capacityReservation"),
            "virtualMachineProfile.priority",
        ),
        region=text(get(p, "location")),
    )


def _pool_units(pool: Any, path: str) -> tuple[Any, str]:
    """Node count: ``count``, or ``maxCount`` for an autoscaled pool without one (the most
    it can cost)."""
    count = get(pool, "count")
    if count is None and get(pool, "enableAutoScaling") is True:
        return get(pool, "maxCount"), f"{path}maxCount"
    return count, f"{path}count"


def agent_pool(r: Resource, ctx: Context) -> Hardware | None:
    """An AKS node pool resource; its region is the cluster's (not in its inputs)."""
    p = r.props
    units, units_path = _pool_units(p, "")
    return _hardware(
        r,
        ctx,
        kind="fleet",
        size=get(p, "vmSize"),
        size_path="vmSize",
        units=units,
        units_path=units_path,
        purchase=_purchase(get(p, "scaleSetPriority"), None, "scaleSetPriority"),
        region=None,
    )


def managed_cluster(r: Resource, ctx: Context) -> Hardware | None:
    """An AKS cluster: its first GPU pool in ``agentPoolProfiles`` (give every further GPU
    pool its own ``AgentPool`` resource so the rules see each)."""
    p = r.props
    pools = items(get(p, "agentPoolProfiles"))
    for i, pool in enumerate(pools):
        size = get(pool, "vmSize")
        if size is UNKNOWN or accelerated(size):
            path = f"agentPoolProfiles[{i}]."
            units, units_path = _pool_units(pool, path)
            return _hardware(
                r,
                ctx,
                kind="fleet",
                size=size,
                size_path=f"{path}vmSize",
                units=units,
                units_path=units_path,
                purchase=_purchase(get(pool, "scaleSetPriority"), None, f"{path}scaleSetPriority"),
                region=text(get(p, "location")),
            )
    return None
