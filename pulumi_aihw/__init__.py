"""pulumi-aihw: plan, price, check and deploy AI hardware with Pulumi.

The public API is listed in ``__all__``. Names load on first use (PEP 562), so
``import pulumi_aihw`` is instant and never imports Pulumi; the Pulumi components
(``Workload`` and the targets) import Pulumi only when touched.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "AihwError": "pulumi_aihw.errors",
    "Assumptions": "pulumi_aihw.planner",
    "AwsTarget": "pulumi_aihw.targets.aws.component",
    "AwsTargetArgs": "pulumi_aihw.targets.aws.args",
    "BareMetalTarget": "pulumi_aihw.targets.baremetal.component",
    "BareMetalTargetArgs": "pulumi_aihw.targets.baremetal.args",
    "Candidate": "pulumi_aihw.planner",
    "Catalog": "pulumi_aihw.catalog",
    "CatalogError": "pulumi_aihw.errors",
    "ExternalServiceError": "pulumi_aihw.errors",
    "GcpGpuTarget": "pulumi_aihw.targets.gcp.component",
    "GcpTpuTarget": "pulumi_aihw.targets.gcp.component",
    "GcpGpuTargetArgs": "pulumi_aihw.targets.gcp.args",
    "Inventory": "pulumi_aihw.baremetal",
    "InventoryError": "pulumi_aihw.errors",
    "LockFile": "pulumi_aihw.planner",
    "NoFeasiblePlanError": "pulumi_aihw.errors",
    "Plan": "pulumi_aihw.planner",
    "PlatformProfile": "pulumi_aihw.spec",
    "SpecError": "pulumi_aihw.errors",
    "StackPreview": "pulumi_aihw.contracts",
    "GcpTpuTargetArgs": "pulumi_aihw.targets.gcp.args",
    "Workload": "pulumi_aihw.targets.workload",
    "WorkloadArgs": "pulumi_aihw.targets.workload",
    "WorkloadSpec": "pulumi_aihw.spec",
    "check_previews": "pulumi_aihw.crossguard",
    "json_schema": "pulumi_aihw.spec",
    "load_catalog": "pulumi_aihw.catalog",
    "load_inventory": "pulumi_aihw.baremetal",
    "load_profile": "pulumi_aihw.spec",
    "load_spec": "pulumi_aihw.spec",
    "plan": "pulumi_aihw.planner",
    "run_stack": "pulumi_aihw.preview",
    "spec_from_dict": "pulumi_aihw.spec",
    "workload_args": "pulumi_aihw.targets.stack_config",
}

__all__ = [
    "AihwError",
    "Assumptions",
    "AwsTarget",
    "AwsTargetArgs",
    "BareMetalTarget",
    "BareMetalTargetArgs",
    "Candidate",
    "Catalog",
    "CatalogError",
    "ExternalServiceError",
    "GcpGpuTarget",
    "GcpGpuTargetArgs",
    "GcpTpuTarget",
    "GcpTpuTargetArgs",
    "Inventory",
    "InventoryError",
    "LockFile",
    "NoFeasiblePlanError",
    "Plan",
    "PlatformProfile",
    "SpecError",
    "StackPreview",
    "Workload",
    "WorkloadArgs",
    "WorkloadSpec",
    "__version__",
    "check_previews",
    "json_schema",
    "load_catalog",
    "load_inventory",
    "load_profile",
    "load_spec",
    "plan",
    "run_stack",
    "spec_from_dict",
    "workload_args",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pulumi_aihw' has no attribute '{name}'")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from pulumi_aihw.baremetal import Inventory, load_inventory
    from pulumi_aihw.catalog import Catalog, load_catalog
    from pulumi_aihw.contracts import StackPreview
    from pulumi_aihw.crossguard import check_previews
    from pulumi_aihw.errors import (
        AihwError,
        CatalogError,
        ExternalServiceError,
        InventoryError,
        NoFeasiblePlanError,
        SpecError,
    )
    from pulumi_aihw.planner import Assumptions, Candidate, LockFile, Plan, plan
    from pulumi_aihw.preview import run_stack
    from pulumi_aihw.spec import (
        PlatformProfile,
        WorkloadSpec,
        json_schema,
        load_profile,
        load_spec,
        spec_from_dict,
    )
    from pulumi_aihw.targets.aws.args import AwsTargetArgs
    from pulumi_aihw.targets.aws.component import AwsTarget
    from pulumi_aihw.targets.baremetal.args import BareMetalTargetArgs
    from pulumi_aihw.targets.baremetal.component import BareMetalTarget
    from pulumi_aihw.targets.gcp.args import GcpGpuTargetArgs, GcpTpuTargetArgs
    from pulumi_aihw.targets.gcp.component import GcpGpuTarget, GcpTpuTarget
    from pulumi_aihw.targets.stack_config import workload_args
    from pulumi_aihw.targets.workload import Workload, WorkloadArgs
