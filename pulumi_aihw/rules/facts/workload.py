"""Our ``Workload`` component: the spec and the plan summary from its properties.

The component registers ``{"spec": WorkloadSpec.model_dump(mode="json"), "plan":
plan_summary(plan)}`` (``pulumi_aihw.contracts``), as inputs and as outputs, so
per-resource checks (inputs) and stack checks (outputs) both see them.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from pulumi_aihw.contracts import UNKNOWN, WORKLOAD_PLAN_PROPERTY, WORKLOAD_SPEC_PROPERTY
from pulumi_aihw.rules.facts.build import find_offering
from pulumi_aihw.rules.facts.hardware import Commitment, Hardware
from pulumi_aihw.rules.model import Context, NotApplicable, Resource, Unevaluable
from pulumi_aihw.spec.models import WorkloadSpec


def _plain(value: Any, path: str) -> Any:
    """``value`` with no UNKNOWN anywhere inside, else :class:`Unevaluable` naming it."""
    if value is UNKNOWN:
        raise Unevaluable(f"{path} is unknown during preview")
    if isinstance(value, Mapping):
        return {k: _plain(v, f"{path}.{k}") for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, f"{path}[{i}]") for i, v in enumerate(value)]
    return value


@functools.lru_cache(maxsize=64)
def _validated(data_json: str) -> WorkloadSpec:
    """A spec validated once per distinct content (stacks repeat the same workloads)."""
    return WorkloadSpec.model_validate_json(data_json)


def spec_of(r: Resource) -> WorkloadSpec:
    data = _plain(r.props.get(WORKLOAD_SPEC_PROPERTY), WORKLOAD_SPEC_PROPERTY)
    if not isinstance(data, Mapping):
        raise NotApplicable(f"the Workload component {r.name} carries no spec property")
    try:
        return _validated(json.dumps(data, sort_keys=True))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise NotApplicable(
            f"the Workload component's spec is not valid ({where}: {first['msg']})"
        ) from None


def _commitment(spec: WorkloadSpec) -> Commitment | None:
    block = spec.deploy.aws.capacity_block
    if block is not None and block.purchase:
        return Commitment(
            f"an EC2 Capacity Block of {block.duration_hours} hours",
            block.duration_hours / 24,
        )
    return None


def workload(r: Resource, ctx: Context) -> Hardware | None:
    spec = spec_of(r)
    plan = _plain(r.props.get(WORKLOAD_PLAN_PROPERTY), WORKLOAD_PLAN_PROPERTY)
    chosen = plan.get("chosen") if isinstance(plan, Mapping) else None
    if not isinstance(chosen, Mapping):
        raise NotApplicable(f"workload {spec.name} has no chosen hardware (no feasible plan)")
    acc = ctx.catalog.find_accelerator(str(chosen.get("accelerator", "")))
    provider, name = str(chosen.get("provider")), str(chosen.get("offering"))
    region = chosen.get("region") if isinstance(chosen.get("region"), str) else None
    units = chosen.get("units")
    offering = find_offering(ctx.catalog, provider, name, region)
    return Hardware(
        resource=r,
        kind="workload",
        provider=provider,
        offering_name=name,
        offering=offering,
        accelerator=acc,
        accelerator_count=offering.accelerators_per_unit if offering else None,
        units=int(units) if isinstance(units, (int, float)) else None,
        purchase=str(spec.constraints.purchase_option),
        region=region,
        tags=dict(spec.tags),
        spec=spec,
        chosen=chosen,
        commitment=_commitment(spec),
    )
