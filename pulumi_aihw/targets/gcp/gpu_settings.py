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

from dataclasses import dataclass, replace
from typing import Any

from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.targets.disk import disk_gib, model_copies, model_weights_gib
from pulumi_aihw.targets.gcp.images import (
    DISK_MAX_GIB,
    IMAGE_FORMS,
    ImageRef,
    boot_disk_type,
    default_image,
    parse_image,
)
from pulumi_aihw.targets.gcp.settings import GcpCommon, gcp_common, spec_error
from pulumi_aihw.targets.gcp.zones import GPU_ZONES, known_zones, machine_series
from pulumi_aihw.vocab import Phase

RESERVATION_NAME_KEY = "compute.googleapis.com/reservation-name"


@dataclass(frozen=True)
class GpuTargetArgs:
    """Resolved settings of one GCP GPU target: plain values only."""

    common: GcpCommon
    machine_type: str
    series: str
    """Machine series, e.g. ``a3-highgpu``, ``g2-standard``."""
    units: int
    """VMs to run."""
    fleet: bool
    """One managed instance group instead of ``units`` VMs."""
    image: ImageRef
    boot_disk_gib: int | None
    """Explicit size; otherwise :meth:`disk_gib` of the image and the model."""
    boot_disk_type: str
    model_weights_gib: float
    model_copies: int
    reservation_name: str | None = None
    base_instance_name: str = ""
    """Name prefix of the group's VMs."""

    def disk_gib(self, image_gib: float) -> int:
        """The boot disk: explicit, or the image plus room for the model (``disk.py``)."""
        if self.boot_disk_gib is not None:
            return self.boot_disk_gib
        limit = DISK_MAX_GIB[self.boot_disk_type]
        return disk_gib(image_gib, self.model_weights_gib, self.model_copies, limit)

    def scheduling(self) -> dict[str, Any]:
        """``scheduling``: TERMINATE on host maintenance; spot VMs are preemptible, do not
        restart, and stop (separate VMs, so Pulumi keeps them) or are deleted (a group
        recreates them) when preempted."""
        if self.common.purchase == "spot":
            return {
                "on_host_maintenance": "TERMINATE",
                "automatic_restart": False,
                "preemptible": True,
                "provisioning_model": "SPOT",
                "instance_termination_action": "DELETE" if self.fleet else "STOP",
            }
        return {
            "on_host_maintenance": "TERMINATE",
            "automatic_restart": True,
            "provisioning_model": "STANDARD",
        }

    def reservation_affinity(self) -> dict[str, Any] | None:
        """Reserved capacity: the named reservation, else any matching one."""
        if self.common.purchase != "reserved":
            return None
        if self.reservation_name is None:
            return {"type": "ANY_RESERVATION"}
        return {
            "type": "SPECIFIC_RESERVATION",
            "specific_reservation": {
                "key": RESERVATION_NAME_KEY,
                "values": [self.reservation_name],
            },
        }


def gpu_target_args(
    spec: WorkloadSpec, chosen: Candidate, tags: dict[str, str], *, stack: str = "dev"
) -> GpuTargetArgs:
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
    return GpuTargetArgs(
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
