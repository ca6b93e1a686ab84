"""GCP specs as data and resource types, for the GCP target tests (mock engine helpers
come from ``tests/targets/engine.py``)."""

from __future__ import annotations

import re
from typing import Any

from pulumi_aihw.targets.gcp.args import GcpGpuTargetArgs, GcpTpuTargetArgs
from pulumi_aihw.targets.gcp.gpu_settings import gpu_target_args
from pulumi_aihw.targets.gcp.tpu_settings import tpu_target_args
from pulumi_aihw.targets.resolve import resolve_workload
from tests.specs import pinned

V2VM = "gcp:tpu/v2Vm:V2Vm"
QUEUED = "gcp:tpu/v2QueuedResource:V2QueuedResource"
INSTANCE = "gcp:compute/instance:Instance"
TEMPLATE = "gcp:compute/instanceTemplate:InstanceTemplate"
GROUP = "gcp:compute/instanceGroupManager:InstanceGroupManager"
FIREWALL = "gcp:compute/firewall:Firewall"
ACCOUNT = "gcp:serviceaccount/account:Account"
TPU_TARGET = "aihw:index:GcpTpuTarget"
GPU_TARGET = "aihw:index:GcpGpuTarget"

LABELLED = {V2VM, INSTANCE, TEMPLATE}
"""GCP resource types the targets label (groups label their VMs: allInstancesConfig)."""

LABEL_KEY = re.compile(r"^[a-z][a-z0-9_-]{0,62}$")
LABEL_VALUE = re.compile(r"^[a-z0-9_-]{0,63}$")
"""Google Cloud label rules: lower-case letters, digits, ``_`` and ``-``; keys start with a
letter; both at most 63 characters."""

GCP = {"providers": ["gcp"], "regions": ["us-central1", "us-central2"]}
"""us-central1 (and us-central2 for TPU v4): the regions the hand-checked zone table and
these tests know best."""

# Prices the catalog has no source for, given the way a team would (``pricing:``): TPU
# commitments are not sourced, nor is A3 Ultra in us-central1 (84.81 $/h is the secondary
# quote in catalog-src/gcp/secondary_quotes.csv).
OWN_RATES = [
    {
        "provider": "gcp",
        "offering": "a3-ultragpu-8g",
        "region": "us-central1",
        "usd_per_hour": 84.81,
    },
    *(
        {"provider": "gcp", "offering": slice_, "usd_per_hour": 1.0, "purchase_option": "reserved"}
        for slice_ in (
            "v6e-1",
            "v6e-4",
            "v6e-8",
            "v6e-16",
            "v6e-32",
            "v5litepod-4",
            "v5p-8",
            "v4-8",
        )
    ),
]
TAGS = {"aihw-workload": "chat", "aihw-offering": "x", "aihw-owner": "team-chat"}


def tpu(offering: str, units: int = 1, **fields: Any) -> dict[str, Any]:
    """A JAX inference spec pinned to ``units`` x the TPU slice ``offering`` on GCP."""
    fields.setdefault("frameworks", ["jax"])
    fields.setdefault("placement", GCP)
    fields.setdefault("pricing", {"offerings": OWN_RATES})
    return pinned(offering, units, **fields)


def gpu(offering: str, units: int = 1, **fields: Any) -> dict[str, Any]:
    """A PyTorch + vLLM inference spec pinned to ``units`` x the GPU VM ``offering``."""
    fields.setdefault("placement", GCP)
    fields.setdefault("pricing", {"offerings": OWN_RATES})
    return pinned(offering, units, **fields)


def deploy_gcp(**gcp: Any) -> dict[str, Any]:
    return {"gcp": gcp}


def tpu_args(data: dict[str, Any], stack: str = "dev") -> GcpTpuTargetArgs:
    r = resolve_workload("t", spec=data)
    return tpu_target_args(r.spec, r.chosen, TAGS, stack=stack)


def gpu_args(data: dict[str, Any], stack: str = "dev") -> GcpGpuTargetArgs:
    r = resolve_workload("t", spec=data)
    return gpu_target_args(r.spec, r.chosen, TAGS, stack=stack)
