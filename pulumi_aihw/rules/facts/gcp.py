"""Google Cloud resources written by hand: TPU VMs and queued resources, GPU VMs,
instance templates, managed instance groups and commitments (pulumi-gcp 10 inputs)."""

from __future__ import annotations

import math
import re
from typing import Any

from pulumi_aihw.catalog.models import Accelerator
from pulumi_aihw.catalog.tpu import TPU_GENERATIONS, parse_slice_name
from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.rules.facts.hardware import Commitment, Hardware, raw_hardware
from pulumi_aihw.rules.facts.values import get, items, number, string_map, text
from pulumi_aihw.rules.model import Context, Resource

_ACCELERATED = re.compile(r"^(a[2-9]|g[2-9])-")
"""GPU machine families (a2, a3, a4, g2); ``g1-small`` is a shared-core VM."""

GPU_TYPES = {
    "nvidia-tesla-t4": "t4",
    "nvidia-l4": "l4",
    "nvidia-tesla-a100": "a100-40gb",
    "nvidia-a100-80gb": "a100-80gb",
    "nvidia-h100-80gb": "h100-sxm",
    "nvidia-h100-mega-80gb": "h100-sxm",
    "nvidia-h200-141gb": "h200",
    "nvidia-b200": "b200",
}
"""Compute Engine accelerator type -> catalog accelerator id."""

TPU_CONFIG_TYPES = {"V4": "tpu-v4", "V5LITE_POD": "tpu-v5e", "V5P": "tpu-v5p", "V6E": "tpu-v6e"}
"""TPU ``acceleratorConfig.type`` -> catalog accelerator id."""

COMMITMENT_DAYS = {"TWELVE_MONTH": 365.0, "THIRTY_SIX_MONTH": 1095.0}


def region_of(props: Any) -> str | None:
    region = text(get(props, "region"))
    if region:
        return region
    zone = text(get(props, "zone"))
    return zone.rsplit("-", 1)[0] if zone and zone.count("-") >= 2 else None


def _tpu_type(props: Any) -> tuple[Any, str]:
    """``(slice name, path)`` from ``acceleratorType`` or ``acceleratorConfig``."""
    atype = get(props, "acceleratorType")
    if atype is not None:
        return atype, "acceleratorType"
    config = get(props, "acceleratorConfig")
    kind, topology = get(config, "type"), get(config, "topology")
    if kind is UNKNOWN or topology is UNKNOWN:
        return UNKNOWN, "acceleratorConfig"
    gen = TPU_GENERATIONS.get(TPU_CONFIG_TYPES.get(str(kind), ""))
    if gen is None or not isinstance(topology, str):
        return (str(kind).lower() if kind else None), "acceleratorConfig.type"
    chips = math.prod(int(n) for n in topology.lower().split("x") if n.isdigit())
    return gen.slice_name(chips), "acceleratorConfig"


def _tpu(
    r: Resource, ctx: Context, atype: Any, path: str, units: Any, **kw: Any
) -> Hardware | None:
    parsed = parse_slice_name(atype) if isinstance(atype, str) else None
    acc = ctx.catalog.accelerator(parsed[0].accelerator_id) if parsed else None
    name = parsed[0].slice_name(parsed[1]) if parsed else atype
    return raw_hardware(
        r,
        ctx.catalog,
        provider="gcp",
        kind="instance",
        type_value=name,
        type_path=path,
        accelerated=True,
        region=region_of(r.props),
        tags=string_map(get(r.props, "labels")),
        units=units,
        accelerator=acc,
        accelerator_count=float(parsed[1]) if parsed else None,
        **kw,
    )


def tpu_vm(r: Resource, ctx: Context) -> Hardware | None:
    sched = get(r.props, "schedulingConfig")
    spot = [get(sched, "spot"), get(sched, "preemptible")]
    purchase: Any = "on-demand"
    if UNKNOWN in spot:
        purchase = UNKNOWN
    elif any(spot):
        purchase = "spot"
    elif get(sched, "reserved") is True:
        purchase = "reserved"
    atype, path = _tpu_type(r.props)
    return _tpu(r, ctx, atype, path, 1, purchase=purchase, purchase_path="schedulingConfig")


def tpu_queued(r: Resource, ctx: Context) -> Hardware | None:
    specs = get(r.props, "tpu", "nodeSpecs")
    atype = get(specs, 0, "node", "acceleratorType")
    units = UNKNOWN if specs is UNKNOWN else max(1, len(items(specs)))
    return _tpu(
        r, ctx, atype, "tpu.nodeSpecs[0].node.acceleratorType", units, units_path="tpu.nodeSpecs"
    )


def _gpus(props: Any, ctx: Context) -> tuple[Accelerator | None, float | None]:
    guest = get(props, "guestAccelerators", 0)
    kind = text(get(guest, "type"))
    acc_id = GPU_TYPES.get(kind.rsplit("/", 1)[-1]) if kind else None
    acc = ctx.catalog.find_accelerator(acc_id) if acc_id else None
    return acc, number(get(guest, "count"))


def _scheduling(props: Any) -> Any:
    s = get(props, "scheduling")
    model, preemptible = get(s, "provisioningModel"), get(s, "preemptible")
    if UNKNOWN in (model, preemptible):
        return UNKNOWN
    if model == "SPOT" or preemptible is True:
        return "spot"
    affinity = get(props, "reservationAffinity", "type")
    return "reserved" if affinity == "SPECIFIC_RESERVATION" else "on-demand"


def _vm(r: Resource, ctx: Context, kind: str) -> Hardware | None:
    p = r.props
    mtype = get(p, "machineType")
    acc, count = _gpus(p, ctx)
    has_gpus = bool(items(get(p, "guestAccelerators")))
    return raw_hardware(
        r,
        ctx.catalog,
        provider="gcp",
        kind=kind,
        type_value=mtype,
        type_path="machineType",
        accelerated=has_gpus or (isinstance(mtype, str) and bool(_ACCELERATED.match(mtype))),
        region=region_of(p),
        tags=string_map(get(p, "labels")),
        units=1 if kind == "instance" else None,
        purchase=_scheduling(p),
        purchase_path="scheduling",
        accelerator=acc,
        accelerator_count=count,
    )


def vm(r: Resource, ctx: Context) -> Hardware | None:
    return _vm(r, ctx, "instance")


def instance_template(r: Resource, ctx: Context) -> Hardware | None:
    return _vm(r, ctx, "template")


def group_manager(r: Resource, ctx: Context) -> Hardware | None:
    p = r.props
    ref = get(p, "versions", 0, "instanceTemplate")
    return raw_hardware(
        r,
        ctx.catalog,
        provider="gcp",
        kind="fleet",
        type_value=None,
        type_path="",
        accelerated=False,
        region=region_of(p),
        tags=string_map(get(p, "allInstancesConfig", "labels")),
        units=get(p, "targetSize"),
        units_path="targetSize",
        template_ref=ref if isinstance(ref, str) else None,
    )


def commitment(r: Resource, ctx: Context) -> Hardware | None:
    plan = get(r.props, "plan")
    unknown = {"commitment": "plan"} if plan is UNKNOWN else {}
    name = plan if isinstance(plan, str) else "plan not set"
    days = COMMITMENT_DAYS.get(name)
    return Hardware(
        resource=r,
        kind="purchase",
        provider="gcp",
        region=region_of(r.props),
        purchase="reserved",
        commitment=Commitment(f"a committed-use discount ({name})", days),
        unknown=unknown,
    )
