"""Shared fixtures: the packaged catalog, spec builders and a YAML file writer."""

from __future__ import annotations

import copy
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pulumi_aihw.catalog import Catalog, load_catalog
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
