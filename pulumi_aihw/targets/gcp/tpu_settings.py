"""Everything the TPU target builds, decided up front from the spec and the plan. Pure.

- Accelerator type: the chosen offering, named the way Google names it (the suffix counts
  TensorCores on v4 and v5p, chips on v5e and v6e: ``catalog/tpu.py``).
- Units are slices: more than one is multislice (several slices in one zone).
- Runtime (TPU software) version: ``deploy.gcp.runtime_version``, else the generation's
  version for PyTorch/JAX, or the TensorFlow version (``-pod`` on multi-host slices).
- Purchase: spot and reserved set ``schedulingConfig``; queued provisioning
  (``deploy.gcp.queued``) uses one ``V2QueuedResource`` for all slices, which in
  pulumi-gcp 10.2 has no spot, reservation, label, service-account or Secure Boot
  fields: spot or reserved with queued is an error, the rest a warning.
"""

from __future__ import annotations

from dataclasses import replace

from pulumi_aihw.catalog.tpu import TpuGeneration, parse_slice_name, runtime_version
from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.targets.gcp.args import GcpCommon, GcpTpuTargetArgs
from pulumi_aihw.targets.gcp.settings import gcp_common, resource_id, spec_error
from pulumi_aihw.targets.gcp.zones import TPU_ZONES, known_zones


def tpu_accelerator_type(offering: str) -> tuple[TpuGeneration, int, str]:
    """(generation, chips, accelerator type) of a TPU offering, named the way Google does."""
    parsed = parse_slice_name(offering)
    if parsed is None:  # pragma: no cover - every catalog TPU offering is a slice name
        raise ValueError(f"{offering} is not a TPU slice name")
    gen, chips = parsed
    return gen, chips, gen.slice_name(chips)


def tpu_target_args(
    spec: WorkloadSpec, chosen: Candidate, tags: dict[str, str], *, stack: str = "dev"
) -> GcpTpuTargetArgs:
    """Decide the TPU target for ``spec`` and its chosen candidate (raises ``SpecError``)."""
    gen, chips, accelerator_type = tpu_accelerator_type(chosen.offering.offering)
    region = chosen.region or ""
    common = gcp_common(
        spec,
        chosen,
        tags,
        stack=stack,
        known_zones=known_zones(TPU_ZONES, gen.accelerator_id, region),
        hardware=f"TPU {accelerator_type}",
    )
    gcp = spec.deploy.gcp
    slices = chosen.units or 1
    if gcp.reservation_name:
        raise spec_error(
            spec,
            "reservation_name",
            "TPU VMs consume reserved capacity with schedulingConfig.reserved, not a named "
            "reservation. To fix: drop deploy.gcp.reservation_name (purchase_option reserved "
            "is enough)",
        )
    warnings = list(common.warnings)
    if gcp.queued:
        _check_queued(spec, common)
        warnings.append(
            "queued TPU provisioning: pulumi-gcp 10.2's V2QueuedResource cannot set labels, "
            "a service account or Secure Boot, so the queued slices run as the project's "
            "default Compute Engine service account without the aihw labels. Drop "
            "deploy.gcp.queued to get them"
        )
    return GcpTpuTargetArgs(
        common=replace(common, warnings=tuple(warnings)),
        accelerator_type=accelerator_type,
        generation=gen.accelerator_id,
        chips_per_slice=chips,
        hosts_per_slice=gen.hosts(chips),
        slices=slices,
        runtime_version=gcp.runtime_version
        or runtime_version(gen, [str(f) for f in spec.frameworks], chips),
        queued=gcp.queued,
        node_ids=tuple(resource_id(spec.name, stack, i) for i in range(slices))
        if gcp.queued
        else (),
    )


def _check_queued(spec: WorkloadSpec, common: GcpCommon) -> None:
    if common.purchase == "on-demand":
        return
    field = "constraints.purchase_option" if not spec.deploy.gcp.reservation else "reservation"
    raise spec_error(
        spec,
        "queued",
        f"queued provisioning cannot ask for {common.purchase} capacity: pulumi-gcp 10.2's "
        f"V2QueuedResource has no spot, guaranteed or reservation fields (asked by {field}). "
        f"To fix: drop deploy.gcp.queued to create the slices as TPU VMs (V2Vm with "
        f"schedulingConfig.{'spot' if common.purchase == 'spot' else 'reserved'}), or use "
        "purchase_option on-demand to keep queued provisioning",
    )
