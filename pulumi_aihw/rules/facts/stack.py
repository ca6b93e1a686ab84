"""The whole stack as stack rules see it: each workload once, templates resolved, racks.

Stack checks get every resource's outputs (CrossGuard ``AnalyzeStack``). Here:

- a Workload component counts once, and the resources it made are skipped (the
  whole parent chain is known here);
- an instance, Auto Scaling group, fleet or instance group that launches a template
  takes its type from that template (matched by dependency, id, name or self link);
- rack power facts are summed per rack (see :data:`RACK_POWER_PROPERTY`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from pulumi_aihw.contracts import RACK_POWER_PROPERTY, UNKNOWN, WORKLOAD_TYPE
from pulumi_aihw.rules.facts.hardware import Hardware
from pulumi_aihw.rules.facts.registry import hardware_of
from pulumi_aihw.rules.facts.values import get, items, number, text
from pulumi_aihw.rules.model import Context, NotApplicable, Resource, ResourceRef, Unevaluable

STACK_TYPE = "pulumi:pulumi:Stack"

"""Rack power facts a bare-metal component (or any resource) reports in its outputs:
a list of ``{"rack": str, "site": str?, "budget_kw": float, "used_kw": float,
"planned_kw": float}``: the rack's budget, the power already drawn there by
equipment outside this stack, and what this resource adds (docs/policies.md)."""


@dataclass(frozen=True)
class RackLoad:
    rack: str
    budget_kw: float
    used_kw: float
    planned_kw: float
    reporters: tuple[Resource, ...]

    @property
    def total_kw(self) -> float:
        return self.used_kw + self.planned_kw


class StackFacts:
    """A stack's hardware, extracted once and shared by every stack rule (each rule still
    gets its own :class:`StackView`, whose ``unevaluated`` list it may extend)."""

    def __init__(self) -> None:
        self.hardware: tuple[Hardware, ...] | None = None
        self.unevaluated: tuple[str, ...] = ()


class StackView:
    """The resources of one stack, with the hardware each deploys."""

    def __init__(
        self, resources: Sequence[Resource], ctx: Context, facts: StackFacts | None = None
    ) -> None:
        self.resources = tuple(resources)
        self.ctx = ctx
        self.by_urn = {r.urn: r for r in self.resources}
        self.unevaluated: list[str] = []
        """Why some resource's hardware is unknown during preview."""
        self._facts = facts

    @property
    def ref(self) -> ResourceRef:
        for r in self.resources:
            if r.type == STACK_TYPE:
                return ResourceRef.of(r)
        return ResourceRef("", STACK_TYPE, "stack")

    def _inside_workload(self, r: Resource) -> bool:
        seen, parent = set(), r.parent
        while parent and parent not in seen:
            seen.add(parent)
            p = self.by_urn.get(parent)
            if p is None:
                break
            if p.type == WORKLOAD_TYPE:
                return True
            parent = p.parent
        return False

    @cached_property
    def hardware(self) -> tuple[Hardware, ...]:
        shared = self._facts
        if shared is not None and shared.hardware is not None:
            self.unevaluated.extend(shared.unevaluated)
            return shared.hardware
        found = self._extract()
        if shared is not None:
            shared.hardware, shared.unevaluated = found, tuple(self.unevaluated)
        return found

    def _extract(self) -> tuple[Hardware, ...]:
        out = []
        for r in self.resources:
            if self._inside_workload(r):
                continue
            try:
                hw = hardware_of(r, self.ctx)
            except Unevaluable as exc:
                self.unevaluated.append(exc.reason)
                continue
            except NotApplicable:
                continue
            if hw is not None:
                out.append(hw)
        return tuple(out)

    def _template_for(self, hw: Hardware, templates: list[Hardware]) -> Hardware | None:
        deps = [t for t in templates if t.resource.urn in hw.resource.dependencies]
        if len(deps) == 1:
            return deps[0]
        ref = hw.template_ref or ""
        for t in templates:
            keys = {t.resource.urn, t.resource.name}
            keys |= {
                v
                for k in ("id", "name", "selfLink")
                if isinstance(v := t.resource.props.get(k), str)
            }
            if ref and (ref in keys or any(ref.endswith(f"/{k}") for k in keys)):
                return t
        return None

    @cached_property
    def deployed(self) -> tuple[Hardware, ...]:
        """Hardware that runs (workloads, instances, groups), templates resolved."""
        return tuple(self._deployed())

    def _deployed(self) -> Iterator[Hardware]:
        templates = [h for h in self.hardware if h.kind == "template"]
        for hw in self.hardware:
            if hw.kind in ("template", "purchase"):
                continue
            unresolved = hw.offering is None and hw.accelerator is None and hw.family is None
            if hw.template_ref is not None and unresolved:
                t = self._template_for(hw, templates)
                if t is None:
                    self.unevaluated.append(
                        f"the template {hw.resource.name} launches is not known during preview"
                    )
                    continue
                hw = replace(
                    hw,
                    offering_name=t.offering_name,
                    offering=t.offering,
                    accelerator=t.accelerator,
                    accelerator_count=t.accelerator_count,
                    purchase=t.purchase,
                    unknown={**t.unknown, **hw.unknown},
                    family=t.family,
                    host_vcpus=t.host_vcpus,
                )
            yield hw

    def racks(self) -> list[RackLoad]:
        """Rack power summed over every resource that reports :data:`RACK_POWER_PROPERTY`."""
        loads: dict[str, dict[str, Any]] = {}
        for r in self.resources:
            entries = r.props.get(RACK_POWER_PROPERTY)
            if entries is UNKNOWN:
                raise Unevaluable(f"{RACK_POWER_PROPERTY} of {r.name} is unknown during preview")
            for e in items(entries):
                rack, values = text(get(e, "rack")), [get(e, k) for k in _RACK_KEYS]
                if UNKNOWN in values or rack is None:
                    raise Unevaluable(f"rack power of {r.name} is unknown during preview")
                budget, used, planned = (number(v) for v in values)
                if budget is None:
                    continue
                load = loads.setdefault(
                    rack, {"budget": budget, "used": 0.0, "planned": 0.0, "by": []}
                )
                load["budget"] = min(load["budget"], budget)
                load["used"] = max(load["used"], used or 0.0)
                load["planned"] += planned or 0.0
                load["by"].append(r)
        return [
            RackLoad(rack, v["budget"], v["used"], v["planned"], tuple(v["by"]))
            for rack, v in sorted(loads.items())
        ]


_RACK_KEYS = ("budget_kw", "used_kw", "planned_kw")
