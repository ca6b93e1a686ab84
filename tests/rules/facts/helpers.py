"""Judging one rule on one resource, and reading its facts, for the per-type tests."""

from __future__ import annotations

from typing import Any

from pulumi_aihw.rules import Context, Finding, Resource, Status, rule_by_id, settings
from pulumi_aihw.rules.engine import evaluate_resource, evaluate_stack
from pulumi_aihw.rules.facts.hardware import Hardware
from pulumi_aihw.rules.facts.registry import hardware_of

from ...conftest import STACK_URN, urn

BUDGET = {"maxUsdPerMonth": 10000}


def raw(
    type_: str, name: str = "r", *, provider: dict[str, Any] | None = None, **props: Any
) -> Resource:
    return Resource(urn(type_, name), type_, name, STACK_URN, props, provider=provider or {})


def facts(resource: Resource, ctx: Context) -> Hardware:
    hw = hardware_of(resource, ctx)
    assert hw is not None, f"{resource.type} {resource.name} is not seen as hardware"
    return hw


def judge(rule_id: str, resource: Resource, ctx: Context, **config: Any) -> Finding:
    rule = rule_by_id(rule_id)
    found = evaluate_resource(rule, resource, settings(rule, config), ctx)  # type: ignore[arg-type]
    assert found is not None
    return found


def stack_cap(resources: list[Resource], ctx: Context, kw: float) -> Finding:
    rule = rule_by_id("AIHW-POWER-001")
    stack = Resource(STACK_URN, "pulumi:pulumi:Stack", "proj-dev", None, {})
    [found] = evaluate_stack(rule, [stack, *resources], settings(rule, {"maxStackKw": kw}), ctx)  # type: ignore[arg-type]
    return found


def status(rule_id: str, resource: Resource, ctx: Context, **config: Any) -> Status:
    return judge(rule_id, resource, ctx, **config).status
