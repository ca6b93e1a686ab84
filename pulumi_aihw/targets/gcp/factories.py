"""Registry factories of the GCP targets. Pulumi-free: the components (and Pulumi) are
imported only when a plan chooses Google Cloud."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from pulumi_aihw.targets.registry import TargetContext, TargetResult


def tpu(ctx: TargetContext) -> TargetResult:
    """``gcp-tpu``: Cloud TPU VMs and slices."""
    from pulumi_aihw.targets.gcp.component import create_gcp_tpu_target

    return create_gcp_tpu_target(ctx)


def gpu(ctx: TargetContext) -> TargetResult:
    """``gcp-gpu``: A2, A3, A4 and G2 GPU VMs."""
    from pulumi_aihw.targets.gcp.component import create_gcp_gpu_target

    return create_gcp_gpu_target(ctx)
