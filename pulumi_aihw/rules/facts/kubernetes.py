"""Karpenter NodePools (``karpenter.sh`` v1 and v1beta1, also EKS Auto Mode's) declared as
Kubernetes custom resources through pulumi-kubernetes.

A NodePool names what it may launch in ``spec.template.spec.requirements``: instance
types, families or categories (Karpenter's ``karpenter.k8s.aws/...`` labels, Auto
Mode's ``eks.amazonaws.com/...``), GPU counts or makers. It has no size: Karpenter starts
at zero nodes and launches what pending pods need, up to ``spec.limits`` (CPU, memory).
It is judged at that limit: for each allowed type the catalog knows, as many nodes as
the limits allow.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from typing import Any

from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.rules.facts.aws import accelerated, family_of, region_of
from pulumi_aihw.rules.facts.build import raw_hardware
from pulumi_aihw.rules.facts.families import FamilyFacts
from pulumi_aihw.rules.facts.hardware import Hardware
from pulumi_aihw.rules.facts.scale import Basis, Choice, Scale
from pulumi_aihw.rules.facts.values import get, items, number, string_map
from pulumi_aihw.rules.model import Context, Resource
from pulumi_aihw.vocab import Family

_LABEL = re.compile(r"^(?:karpenter\.k8s\.aws|eks\.amazonaws\.com)/(.+)$")
CATEGORY_FAMILIES = {
    "g": Family.GPU,
    "p": Family.GPU,
    "gr": Family.GPU,
    "inf": Family.INFERENTIA,
    "trn": Family.TRAINIUM,
    "dl": Family.GAUDI,
}
"""Karpenter's ``instance-category`` values with accelerators (its AWS label reference)."""
_GPU_SIGNALS = ("instance-gpu-count", "instance-gpu-manufacturer", "instance-gpu-name")
_MEMORY_UNITS = {"Ki": 2**-20, "Mi": 2**-10, "Gi": 1.0, "Ti": 2**10}


def _requirements(props: Any) -> dict[str, tuple[str, list[Any]]]:
    """Requirement key (short form) -> (operator, values)."""
    out: dict[str, tuple[str, list[Any]]] = {}
    for req in items(get(props, "spec", "template", "spec", "requirements")):
        key, op = get(req, "key"), get(req, "operator")
        if not isinstance(key, str):
            continue
        m = _LABEL.match(key)
        short = m.group(1) if m else key
        out[short] = (str(op), items(get(req, "values")))
    return out


def _in(reqs: dict[str, tuple[str, list[Any]]], *keys: str) -> list[Any]:
    for key in keys:
        op, values = reqs.get(key, ("", []))
        if op == "In":
            return values
    return []


def _gib(value: Any) -> float | None:
    if isinstance(value, str):
        for suffix, factor in _MEMORY_UNITS.items():
            if value.endswith(suffix):
                n = number(value[: -len(suffix)])
                return None if n is None else n * factor
    return number(value)


def _cpus(value: Any) -> float | None:
    if isinstance(value, str) and value.endswith("m"):
        n = number(value[:-1])
        return None if n is None else n / 1000
    return number(value)


def _family_only(reqs: dict[str, tuple[str, list[Any]]]) -> FamilyFacts | None:
    categories = [c for c in _in(reqs, "instance-category") if isinstance(c, str)]
    found = {CATEGORY_FAMILIES.get(c) for c in categories}
    if categories and None not in found and len(found) == 1:
        fam = found.pop()
        assert fam is not None
        return FamilyFacts(fam, None, f"instance categories {', '.join(categories)}")
    if any(key in reqs for key in _GPU_SIGNALS):
        return FamilyFacts(Family.GPU, None, "GPU requirements")
    return None


def _at_limit(c: Choice, cpus: float | None, memory: float | None) -> int | None:
    o = c.offering
    if o is None:
        return None
    bounds = []
    if cpus is not None and o.vcpus:
        bounds.append(math.floor(cpus / o.vcpus))
    if memory is not None and o.memory_gib:
        bounds.append(math.floor(memory / o.memory_gib))
    return min(bounds) if bounds else None


def node_pool(r: Resource, ctx: Context) -> Hardware | None:
    """``kubernetes:karpenter.sh/v1:NodePool`` (and ``v1beta1``)."""
    p = r.props
    if get(p, "spec") is UNKNOWN:
        return _unknown(r, ctx)
    reqs = _requirements(p)
    types = [t for t in _in(reqs, "node.kubernetes.io/instance-type") if isinstance(t, str)]
    families = [f for f in _in(reqs, "instance-family") if isinstance(f, str)]
    names = types or families
    capacity = [c for c in _in(reqs, "karpenter.sh/capacity-type") if isinstance(c, str)]
    purchase = "spot" if capacity and "on-demand" not in capacity else "on-demand"
    hw = raw_hardware(
        r,
        ctx.catalog,
        provider="aws",
        kind="fleet",
        type_value=names[0] if names else None,
        type_path="spec.template.spec.requirements",
        accelerated=any(accelerated(t) for t in names),
        region=region_of(p, r.provider),
        tags=string_map(get(p, "metadata", "labels")),
        family_of=family_of(ctx),
        purchase=purchase,
        also=names[1:],
    )
    if hw is None and not names:
        family = _family_only(reqs)
        if family is None:
            return None
        hw = Hardware(
            resource=r,
            kind="fleet",
            provider="aws",
            family=family,
            purchase=purchase,
            region=region_of(p, r.provider),
            offering_name=family.basis,
        )
    if hw is None:
        return None
    return _sized(hw, get(p, "spec", "limits"))


def _sized(hw: Hardware, limits: Any) -> Hardware:
    cpus, memory = _cpus(get(limits, "cpu")), _gib(get(limits, "memory"))
    first = _at_limit(hw.choices()[0], cpus, memory)
    others = tuple(replace(c, units=_at_limit(c, cpus, memory)) for c in hw.alternatives)
    given = (("cpu", get(limits, "cpu")), ("memory", get(limits, "memory")))
    note = ", ".join(f"{k} {_shown(v)}" for k, v in given if v is not None)
    scale = Scale(first, 0, first, Basis.LIMIT, "node", note)
    return replace(hw, units=first, scale=scale, alternatives=others)


def _shown(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _unknown(r: Resource, ctx: Context) -> Hardware:
    unknown = {"offering": "spec", "offering_name": "spec", "accelerator": "spec"}
    return Hardware(resource=r, kind="fleet", provider="aws", unknown=unknown)
