"""Shared fixtures: the packaged catalog, spec builders, a YAML file writer, a fixed date,
and factories for resources as the engine sends them (our Workload component with its spec
and plan, and raw resources)."""

from __future__ import annotations

import copy
import datetime as dt
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pulumi_aihw.catalog import Catalog, load_catalog
from pulumi_aihw.contracts import WORKLOAD_TYPE, plan_summary
from pulumi_aihw.planner import plan
from pulumi_aihw.rules import Context, Resource
from pulumi_aihw.spec import WorkloadSpec, spec_from_dict

REPO = Path(__file__).resolve().parent.parent
STACKS = REPO / "stacks"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# A small, valid inference spec: Llama-3-8B at 500 tokens/s.
INFERENCE: dict[str, Any] = {
    "name": "chat",
    "owner": "team-chat",
    "phase": "inference",
    "model": {
        "name": "llama-3-8b",
        "parameters_billion": 8,
        "precision": "bf16",
        "context_length_tokens": 8192,
        "architecture": {"layers": 32, "kv_heads": 8, "head_dim": 128},
    },
    "frameworks": ["pytorch", "vllm"],
    "demand": {"tokens_per_second": 500},
}

TRAINING: dict[str, Any] = {
    "name": "pretrain",
    "owner": "team-research",
    "phase": "training",
    "model": {"name": "research-8b", "parameters_billion": 8, "context_length_tokens": 8192},
    "frameworks": ["jax"],
    "training": {"tokens_billion": 200, "deadline_days": 14},
}


def merged(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A deep copy of ``base`` with top-level keys replaced; ``key=None`` removes it."""
    out = copy.deepcopy(base)
    for key, value in changes.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def make_spec() -> Callable[..., WorkloadSpec]:
    def make(base: dict[str, Any] | None = None, **changes: Any) -> WorkloadSpec:
        return spec_from_dict(merged(base or INFERENCE, **changes))

    return make


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write dedented text to ``tmp_path/name`` and return the path."""

    def write_file(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write_file


# -- resources as the engine sends them (policy rules and checks) --------------

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


@pytest.fixture(autouse=True)
def _own_preview_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets an empty preview cache of its own (also for the `aihw` processes it
    starts): no test reads what another cached, nor the user's ~/.cache."""
    monkeypatch.setenv("AIHW_CACHE_DIR", str(tmp_path_factory.mktemp("aihw-cache")))
