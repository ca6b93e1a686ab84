"""Shared fixtures: a fixed date, the packaged catalog, and factories for resources as the
engine sends them (our Workload component with its spec and plan, and raw resources)."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pulumi_aihw.catalog import load_catalog
from pulumi_aihw.contracts import WORKLOAD_TYPE, plan_summary
from pulumi_aihw.planner import plan
from pulumi_aihw.rules import Context, Resource
from pulumi_aihw.spec import spec_from_dict

ROOT_DIR = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 1)
STACK_URN = "urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev"

BASE_SPEC: dict[str, Any] = {
    "name": "chat",
    "owner": "team-chat",
    "phase": "inference",
    "model": {
        "name": "llama-3-8b",
        "parameters_billion": 8,
        "context_length_tokens": 8192,
        "architecture": {"layers": 32, "kv_heads": 8, "head_dim": 128},
    },
    "frameworks": ["pytorch", "vllm"],
    "demand": {"tokens_per_second": 500},
    "placement": {"providers": ["aws"], "regions": ["us-east-1"]},
    "constraints": {"portability": "none"},
}


def merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def urn(type_: str, name: str, parent_type: str | None = None) -> str:
    qualified = f"{parent_type}${type_}" if parent_type else type_
    return f"urn:pulumi:dev::proj::{qualified}::{name}"


def workload_props(spec_over: dict[str, Any] | None = None) -> dict[str, Any]:
    """The Workload component's properties: spec as plain data and the plan summary."""
    spec = spec_from_dict(merge(BASE_SPEC, spec_over or {}))
    return {"spec": spec.model_dump(mode="json"), "plan": plan_summary(plan(spec, load_catalog()))}


@pytest.fixture
def ctx() -> Context:
    return Context(load_catalog(), TODAY)


@pytest.fixture
def make_workload() -> Callable[..., Resource]:
    def make(name: str = "chat", **spec_over: Any) -> Resource:
        props = workload_props({"name": name, **spec_over})
        return Resource(urn(WORKLOAD_TYPE, name), WORKLOAD_TYPE, name, STACK_URN, props)

    return make


@pytest.fixture
def make_raw() -> Callable[..., Resource]:
    def make(type_: str, name: str, /, parent: str | None = STACK_URN, **props: Any) -> Resource:
        return Resource(urn(type_, name), type_, name, parent, props)

    return make
