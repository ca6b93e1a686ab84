"""GKE node pools: ``gcp.container.NodePool`` and the node pools of
``gcp.container.Cluster`` (its default pool, or its ``nodePools``).

A pool's hardware is its ``nodeConfig``: a GPU machine type (``a3-highgpu-8g``), guest
accelerators on a general machine type (``n1-standard-8`` + T4s), or a TPU machine type
(``ct5lp-hightpu-4t``: 4 v5e chips per node). Counts are per zone: ``nodeCount`` (or
``initialNodeCount``) times the pool's zones; ``autoscaling`` gives the range (its
``total*`` counts are for the whole pool). A TPU pool with a placement policy (or more
than one node) is one multi-host slice: 64 ``ct5lp-hightpu-4t`` nodes are a v5e-256,
priced as the catalog's ``v5litepod-256``. A regional pool without node locations runs
in three zones (GKE's default for regional clusters), and the figure says so.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from pulumi_aihw.catalog.tpu import parse_gke_machine_type
from pulumi_aihw.rules.facts import gcp
from pulumi_aihw.rules.facts.groups import as_scale, scale_from, units_of
from pulumi_aihw.rules.facts.hardware import Hardware
from pulumi_aihw.rules.facts.scale import Basis
from pulumi_aihw.rules.facts.values import get, items, text
from pulumi_aihw.rules.model import Context, Resource

REGIONAL_DEFAULT_ZONES = 3
"""Zones a regional GKE cluster's node pools use unless node locations say otherwise."""


def _zones(location: Any, node_locations: Any, *, cluster_default: bool) -> tuple[int, str]:
    """Zones the pool's per-zone counts multiply by, and a note when assumed."""
    locs = [z for z in items(node_locations) if isinstance(z, str)]
    loc = text(location)
    zonal = loc is not None and loc.count("-") >= 2
    if cluster_default and zonal:
        return len({loc, *locs}), ""
    if locs:
        return len(locs), ""
    if zonal or loc is None:
        return 1, ""
    return (
        REGIONAL_DEFAULT_ZONES,
        f"{REGIONAL_DEFAULT_ZONES} zones: GKE's default for a regional pool",
    )


def _pool(
    r: Resource,
    ctx: Context,
    pool: Any,
    location: Any,
    *,
    path: str,
    cluster_default: bool = False,
) -> Hardware | None:
    config = get(pool, "nodeConfig")
    zones, zone_note = _zones(location, get(pool, "nodeLocations"), cluster_default=cluster_default)
    auto = get(pool, "autoscaling")
    count, basis = get(pool, "nodeCount"), Basis.DESIRED
    if count is None:
        count, basis = get(pool, "initialNodeCount"), Basis.INITIAL
    total = get(auto, "totalMinNodeCount") is not None or get(auto, "totalMaxNodeCount") is not None
    scale = scale_from(
        count,
        get(auto, "totalMinNodeCount" if total else "minNodeCount"),
        get(auto, "totalMaxNodeCount" if total else "maxNodeCount"),
        multiplier=1 if total else zones,
        note=zone_note or (f"per zone x {zones} zones" if zones > 1 and not total else ""),
        desired_basis=basis,
    )
    hw = gcp.vm_hardware(
        r, ctx, config, kind="fleet", units=units_of(scale), path=f"{path}nodeConfig"
    )
    if hw is None:
        return None
    hw = replace(hw, scale=as_scale(scale), region=hw.region or _region(location))
    return _tpu_slice(hw, ctx, get(config, "machineType"), get(pool, "placementPolicy"))


def _region(location: Any) -> str | None:
    loc = text(location)
    if loc is None:
        return None
    return loc.rsplit("-", 1)[0] if loc.count("-") >= 2 else loc


def _tpu_slice(hw: Hardware, ctx: Context, machine_type: Any, placement: Any) -> Hardware:
    """TPU node pools: one multi-host slice of nodes x chips (or one slice per node)."""
    parsed = parse_gke_machine_type(machine_type) if isinstance(machine_type, str) else None
    if parsed is None:
        return hw
    gen, chips_per_node = parsed
    acc = ctx.catalog.accelerator(gen.accelerator_id)
    nodes = hw.units
    multi_host = placement is not None or (nodes is not None and nodes > 1 and chips_per_node >= 4)
    topology = get(placement, "tpuTopology")
    if isinstance(topology, str) and topology:
        chips = math.prod(int(n) for n in topology.lower().split("x") if n.isdigit())
    else:
        chips = chips_per_node * nodes if (multi_host and nodes is not None) else chips_per_node
    name = gen.slice_name(chips)
    slices = 1 if multi_host else nodes
    offering = gcp.find_slice(ctx, name, hw.region)
    return replace(
        hw,
        offering_name=name,
        offering=offering,
        accelerator=acc,
        accelerator_count=float(chips),
        units=slices,
        scale=None if multi_host else hw.scale,
        family=None if offering else hw.family,
    )


def node_pool(r: Resource, ctx: Context) -> Hardware | None:
    """``gcp.container.NodePool``."""
    return _pool(r, ctx, r.props, get(r.props, "location"), path="")


def cluster(r: Resource, ctx: Context) -> Hardware | None:
    """``gcp.container.Cluster``: its default node pool (unless removed), else the first
    of its ``nodePools`` with accelerators."""
    p = r.props
    if get(p, "removeDefaultNodePool") is not True and get(p, "nodeConfig") is not None:
        hw = _pool(r, ctx, p, get(p, "location"), path="", cluster_default=True)
        if hw is not None:
            return hw
    for i, pool in enumerate(items(get(p, "nodePools"))):
        hw = _pool(r, ctx, pool, get(p, "location"), path=f"nodePools[{i}].")
        if hw is not None:
            return hw
    return None
