"""Workload specs as data for tests: small, self-contained (no profile), AWS us-east-1."""

from __future__ import annotations

import copy
from typing import Any

_BASE: dict[str, Any] = {
    "name": "chat",
    "owner": "team-chat",
    "tags": {"cost-center": "ml-4711"},
    "phase": "inference",
    "model": {
        "name": "llama-3-8b-instruct",
        "parameters_billion": 8,
        "precision": "bf16",
        "context_length_tokens": 8192,
        "architecture": {"layers": 32, "kv_heads": 8, "head_dim": 128},
    },
    "frameworks": ["pytorch", "vllm"],
    "placement": {"providers": ["aws"], "regions": ["us-east-1"]},
}


def spec(**fields: Any) -> dict[str, Any]:
    """A spec dict: the base inference workload with ``fields`` replaced (top level)."""
    out = copy.deepcopy(_BASE)
    out.update(copy.deepcopy(fields))
    return out


def gpu_inference(**fields: Any) -> dict[str, Any]:
    """Plans g6e.xlarge x2 (portable GPU, 2,000 tokens/s, budget 3,000 USD/month; L40S
    only: a g7e.2xlarge with one RTX PRO 6000 would be cheaper)."""
    base = {
        "demand": {"tokens_per_second": 2000},
        "constraints": {"max_usd_per_month": 3000, "portability": "required"},
        "placement": {"providers": ["aws"], "regions": ["us-east-1"], "accelerators": ["l40s"]},
    }
    return spec(**{**base, **fields})


def inf2_inference(**fields: Any) -> dict[str, Any]:
    """Plans inf2.xlarge x2 (Neuron allowed, 800 tokens/s, budget 1,200 USD/month)."""
    base = {
        "demand": {"tokens_per_second": 800},
        "constraints": {"max_usd_per_month": 1200, "portability": "none"},
    }
    return spec(**{**base, **fields})


def pinned(offering: str, units: int, phase: str = "inference", **fields: Any) -> dict[str, Any]:
    """Exactly ``units`` x ``offering`` (training phases get a small training section)."""
    extra: dict[str, Any] = {"pin": {"offering": offering, "units": units}}
    if phase != "inference":
        extra["training"] = {"tokens_billion": 10}
    constraints = fields.pop("constraints", {})
    return spec(
        phase=phase,
        constraints={"portability": "none", **constraints},
        **extra,
        **fields,
    )


def deploy_aws(**aws: Any) -> dict[str, Any]:
    return {"aws": aws}
