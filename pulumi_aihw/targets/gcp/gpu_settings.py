"""Everything the GCP GPU target builds, decided up front from the spec and the plan. Pure.

A2 (A100), A3 (H100, H200), A4 (B200) and G2 (L4) machine types come with their GPUs
attached, so the VM names only the machine type. Every VM: on-host maintenance
TERMINATE (GPU VMs cannot live-migrate), a Deep Learning VM image for the frameworks
(``images.py``), a boot disk sized for the model, Shielded VM, no external IP unless
``network.public_ip``. Below ``deploy.gcp.fleet_threshold`` VMs they are separate
``compute.Instance`` resources; from it on, one instance template and one zonal managed
instance group, so the resource count does not grow with the node count.
"""

from __future__ import annotations

from dataclasses import replace

from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.targets.disk import model_copies, model_weights_gib
from pulumi_aihw.targets.gcp.args import GcpGpuTargetArgs
from pulumi_aihw.targets.gcp.images import (
    IMAGE_FORMS,
    ImageRef,
    boot_disk_type,
    default_image,
    parse_image,
)
from pulumi_aihw.targets.gcp.settings import gcp_common, spec_error
from pulumi_aihw.targets.gcp.zones import GPU_ZONES, known_zones, machine_series
from pulumi_aihw.vocab import Phase


def gpu_target_args(
    spec: WorkloadSpec, chosen: Candidate, tags: dict[str, str], *, stack: str = "dev"
) -> GcpGpuTargetArgs:
    """Decide the GPU target for ``spec`` and its chosen candidate (raises ``SpecError``)."""
    machine_type = chosen.offering.offering
    series = machine_series(machine_type)
    common = gcp_common(
        spec,
        chosen,
        tags,
        stack=stack,
        known_zones=known_zones(GPU_ZONES, series, chosen.region or ""),
        hardware=machine_type,
    )
    gcp = spec.deploy.gcp
    units = chosen.units or 1
    warnings = list(common.warnings)
    if spec.phase is not Phase.INFERENCE and units > 1:
        warnings.append(
            f"{units} x {machine_type} train over the VMs' standard network: aihw does not "
            "configure GPUDirect (TCPX/TCPXO/RDMA) NICs or a compact placement policy; "
            "expect slow collective communication between nodes"
        )
    return GcpGpuTargetArgs(
        common=replace(common, warnings=tuple(warnings)),
        machine_type=machine_type,
        series=series,
        units=units,
        fleet=units >= gcp.fleet_threshold,
        image=_image(spec),
        boot_disk_gib=gcp.boot_disk_gib,
        boot_disk_type=boot_disk_type(series),
        model_weights_gib=model_weights_gib(spec),
        model_copies=model_copies(spec),
        reservation_name=gcp.reservation_name,
        base_instance_name=spec.name[:54].rstrip("-"),
    )


def _image(spec: WorkloadSpec) -> ImageRef:
    given = spec.deploy.gcp.image
    if given is None:
        return default_image([str(f) for f in spec.frameworks])
    ref = parse_image(given)
    if ref is None:
        raise spec_error(spec, "image", f"'{given}' is not an image path. Allowed: {IMAGE_FORMS}")
    return ref
