"""Google Cloud resources written by hand: TPU VMs and queued resources, GPU VMs,
instance templates, managed instance groups and commitments (pulumi-gcp 10 inputs)."""

from __future__ import annotations

import math
import re
from dataclasses import replace
from typing import Any

from pulumi_aihw.catalog.models import Accelerator, Offering
from pulumi_aihw.catalog.tpu import TPU_GENERATIONS, is_tpu_machine_type, parse_slice_name
from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.rules.facts import families
from pulumi_aihw.rules.facts.build import FamilyOf, find_offering, raw_hardware
from pulumi_aihw.rules.facts.hardware import Commitment, Hardware
from pulumi_aihw.rules.facts.values import get, items, number, string_map, text
from pulumi_aihw.rules.model import Context, Resource

_ACCELERATED = families.GCP_GPU_SERIES
"""GPU machine families (a2, a3, a4, g2); ``g1-small`` is a shared-core VM."""

_PREDEFINED = re.compile(r"^[a-z]\d+[a-z]?-(?:standard|highmem|highcpu)-(\d+)$")
"""Predefined Compute Engine machine types are named for their vCPUs (``n1-standard-8``)."""

GPU_TYPES = {
    "nvidia-tesla-t4": "t4",
    "nvidia-l4": "l4",
    "nvidia-tesla-a100": "a100-40gb",
    "nvidia-a100-80gb": "a100-80gb",
    "nvidia-h100-80gb": "h100-sxm",
    "nvidia-h100-mega-80gb": "h100-sxm",
    "nvidia-h200-141gb": "h200",
    "nvidia-b200": "b200",
    "nvidia-gb200": "gb200",
    "nvidia-tesla-v100": "v100-16gb",
    "nvidia-rtx-pro-6000": "rtx-pro-6000-blackwell-server",
}
"""Compute Engine accelerator type -> catalog accelerator id."""

TPU_CONFIG_TYPES = {"V4": "tpu-v4", "V5LITE_POD": "tpu-v5e", "V5P": "tpu-v5p", "V6E": "tpu-v6e"}
"""TPU ``acceleratorConfig.type`` -> catalog accelerator id."""

COMMITMENT_DAYS = {"TWELVE_MONTH": 365.0, "THIRTY_SIX_MONTH": 1095.0}


def region_of(props: Any, provider: Any = None) -> str | None:
    """The resource's region (``region``, else its zone's), else its provider's."""
    for source in (props, provider):
        region = text(get(source, "region"))
        if region:
            return region
        zone = text(get(source, "zone"))
        if zone and zone.count("-") >= 2:
            return zone.rsplit("-", 1)[0]
    return None


def find_slice(ctx: Context, name: str, region: str | None) -> Offering | None:
    return find_offering(ctx.catalog, "gcp", name, region)


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
        name = str(kind).lower() if kind else None
        if name and isinstance(topology, str):
            name = f"{name} {topology}"
        return name, "acceleratorConfig.type"
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
        region=region_of(r.props, r.provider),
        tags=string_map(get(r.props, "labels")),
        family_of=lambda n: families.for_gcp_accelerator(n.split(" ", 1)[0]),
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


def tpu_node(r: Resource, ctx: Context) -> Hardware | None:
    """``gcp:tpu/node:Node`` (the v1 TPU API; pulumi-gcp 9 and earlier): ``acceleratorType``
    (``v3-8``) and ``schedulingConfig.preemptible``."""
    preemptible = get(r.props, "schedulingConfig", "preemptible")
    purchase: Any = UNKNOWN if preemptible is UNKNOWN else ("spot" if preemptible else "on-demand")
    atype = get(r.props, "acceleratorType")
    return _tpu(
        r, ctx, atype, "acceleratorType", 1, purchase=purchase, purchase_path="schedulingConfig"
    )


def tpu_queued(r: Resource, ctx: Context) -> Hardware | None:
    specs = get(r.props, "tpu", "nodeSpecs")
    atype = get(specs, 0, "node", "acceleratorType")
    units = UNKNOWN if specs is UNKNOWN else max(1, len(items(specs)))
    return _tpu(
        r, ctx, atype, "tpu.nodeSpecs[0].node.acceleratorType", units, units_path="tpu.nodeSpecs"
    )


def _gpus(props: Any, ctx: Context) -> tuple[Accelerator | None, float | None, str | None]:
    guest = get(props, "guestAccelerators", 0)
    kind = text(get(guest, "type"))
    name = kind.rsplit("/", 1)[-1] if kind else None
    acc_id = GPU_TYPES.get(name) if name else None
    acc = ctx.catalog.find_accelerator(acc_id) if acc_id else None
    return acc, number(get(guest, "count")), name


def _scheduling(props: Any) -> Any:
    """Spot, preemptible or reserved: GCE ``scheduling`` or a GKE ``nodeConfig``'s flags."""
    s = get(props, "scheduling")
    model, preemptible = get(s, "provisioningModel"), get(s, "preemptible")
    flags = [get(props, "spot"), get(props, "preemptible")]
    if UNKNOWN in (model, preemptible, *flags):
        return UNKNOWN
    if model == "SPOT" or preemptible is True or True in flags:
        return "spot"
    affinity = get(props, "reservationAffinity", "type") or get(
        props, "reservationAffinity", "consumeReservationType"
    )
    return "reserved" if affinity == "SPECIFIC_RESERVATION" else "on-demand"


def n1_offering_name(machine_type: Any, gpu_name: str | None, count: float | None) -> str | None:
    """The catalog's name for an N1 VM with attached GPUs (``n1-standard-8`` with one
    ``nvidia-tesla-t4`` -> ``n1-standard-8+1xnvidia-tesla-t4``); ``None`` for other VMs."""
    if not (isinstance(machine_type, str) and machine_type.startswith("n1-")):
        return None
    if not gpu_name or count is None:
        return None
    return f"{machine_type}+{count:g}x{gpu_name}"


def _host_vcpus(machine_type: Any) -> float | None:
    m = _PREDEFINED.match(machine_type) if isinstance(machine_type, str) else None
    return float(m.group(1)) if m else None


def _family(ctx: Context, gpu_name: str | None) -> FamilyOf:
    def family_of(machine_type: str) -> families.FamilyFacts | None:
        found = families.for_gcp_machine_type(ctx.catalog, machine_type)
        return found or (families.for_gcp_accelerator(gpu_name) if gpu_name else None)

    return family_of


def vm_hardware(
    r: Resource, ctx: Context, config: Any, *, kind: str, units: Any, path: str = ""
) -> Hardware | None:
    """A VM's hardware from its machine type and guest accelerators (also a GKE
    ``nodeConfig``, whose keys are the same but for ``spot``/``preemptible``)."""
    mtype = get(config, "machineType")
    acc, count, gpu_name = _gpus(config, ctx)
    has_gpus = bool(items(get(config, "guestAccelerators")))
    tpu = isinstance(mtype, str) and is_tpu_machine_type(mtype)
    dot = f"{path}." if path else ""
    n1 = n1_offering_name(mtype, gpu_name, count)
    priced_n1 = n1 is not None and find_offering(ctx.catalog, "gcp", n1, None) is not None
    hw = raw_hardware(
        r,
        ctx.catalog,
        provider="gcp",
        kind=kind,
        type_value=n1 if priced_n1 else mtype,
        type_path=f"{dot}machineType",
        accelerated=has_gpus or tpu or (isinstance(mtype, str) and bool(_ACCELERATED.match(mtype))),
        region=region_of(r.props, r.provider),
        tags=string_map(get(config, "labels")) or string_map(get(r.props, "labels")),
        family_of=_family(ctx, gpu_name),
        units=units,
        purchase=_scheduling(config),
        purchase_path=f"{dot}scheduling",
        accelerator=acc,
        accelerator_count=count,
        host_vcpus=_host_vcpus(mtype),
    )
    if hw is None or hw.offering is not None or not has_gpus:
        return hw
    machine = mtype if isinstance(mtype, str) else "machine type not set"
    family = hw.family
    if hw.accelerator is None and family is None and gpu_name:
        family = families.for_gcp_accelerator(gpu_name)
    name = f"{machine} with {count or 0:g} {gpu_name}"
    return replace(hw, offering_name=name, family=family)


def vm(r: Resource, ctx: Context) -> Hardware | None:
    return vm_hardware(r, ctx, r.props, kind="instance", units=1)


def instance_template(r: Resource, ctx: Context) -> Hardware | None:
    return vm_hardware(r, ctx, r.props, kind="template", units=None)


def reservation(r: Resource, ctx: Context) -> Hardware | None:
    """``gcp.compute.Reservation``: ``specificReservation.count`` machines of
    ``instanceProperties`` (machine type, guest accelerators), billed while the
    reservation exists, used or not; it can be deleted (no commitment)."""
    specific = get(r.props, "specificReservation")
    props = get(specific, "instanceProperties")
    guests = [
        {"type": get(g, "acceleratorType"), "count": get(g, "acceleratorCount")}
        for g in items(get(props, "guestAccelerators"))
    ]
    config = {"machineType": get(props, "machineType"), "guestAccelerators": guests}
    path = "specificReservation.instanceProperties"
    count = get(specific, "count")
    return vm_hardware(r, ctx, config, kind="reservation", units=count, path=path)


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
        region=region_of(p, r.provider),
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
        region=region_of(r.props, r.provider),
        purchase="reserved",
        commitment=Commitment(f"a committed-use discount ({name})", days),
        unknown=unknown,
    )
