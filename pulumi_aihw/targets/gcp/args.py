"""Arguments of the GCP target components (``GcpTpuTarget``, ``GcpGpuTarget``) and the
settings they share (:class:`GcpCommon`): plain values only, resolved from a plan by the
pure ``settings``, ``tpu_settings`` and ``gpu_settings`` modules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pulumi_aihw.targets.disk import disk_gib
from pulumi_aihw.targets.gcp.images import DISK_MAX_GIB, ImageRef

Purchase = Literal["on-demand", "spot", "reserved"]


@dataclass(frozen=True, slots=True)
class FirewallRule:
    """One inbound rule the spec opens, for one IP family (GCP rules take one family)."""

    protocol: str
    ports: tuple[str, ...]
    """``"8000"`` or a range ``"8000-8010"``."""
    source_ranges: tuple[str, ...]
    description: str


@dataclass(frozen=True, kw_only=True)
class GcpCommon:
    """Settings shared by the TPU and GPU targets: plain values only."""

    workload: str
    """Workload name (resource names, labels)."""
    region: str
    """Region of the chosen offering."""
    zone: str
    """Zone the VMs or slices run in (chosen among the zones that offer the hardware)."""
    project: str | None
    """``deploy.gcp.project``; ``None`` means the provider's project (``gcp:project``)."""
    labels: dict[str, str]
    """Valid GCP labels (lower-case keys and values, at most 63 characters)."""
    network: str | None
    """VPC network (``deploy.gcp.network``); ``None`` with a subnetwork given."""
    subnetwork: str | None
    """Subnetwork (``deploy.gcp.subnetwork``); ``None`` means the network's auto subnet."""
    firewall_network: str
    """The network the firewall rules are created in."""
    network_tag: str
    """Network tag on every VM; the firewall rules target it."""
    public_ip: bool
    """Give VMs an external IP (``network.public_ip``; off by default)."""
    ingress: tuple[FirewallRule, ...]
    """Inbound rules the spec opens (``network.ingress``); none by default."""
    service_account_email: str | None
    """A given service account; ``None`` means the target creates ``service_account_id``."""
    service_account_id: str
    """Account id of the service account the target creates (no roles granted)."""
    secure_boot: bool
    """Shielded VM Secure Boot (``deploy.gcp.secure_boot``, on by default)."""
    purchase: Purchase
    """``on-demand``, ``spot`` or ``reserved``."""
    warnings: tuple[str, ...] = ()
    """Things the component logs (e.g. a setting the SDK cannot apply)."""


@dataclass(frozen=True, kw_only=True)
class GcpTpuTargetArgs:
    """Resolved settings of one TPU target: plain values only."""

    common: GcpCommon
    """Settings shared with the GPU target (zone, network, labels, purchase)."""
    accelerator_type: str
    """Google's accelerator type, e.g. ``v6e-32``, ``v5litepod-8``, ``v5p-8``, ``v4-8``."""
    generation: str
    """Catalog accelerator id: ``tpu-v4``, ``tpu-v5e``, ``tpu-v5p``, ``tpu-v6e``."""
    chips_per_slice: int
    """TPU chips in one slice."""
    hosts_per_slice: int
    """Host VMs behind one slice (multi-host slices have several)."""
    slices: int
    """Slices to create; more than one is multislice."""
    runtime_version: str
    """TPU software version (``deploy.gcp.runtime_version`` or the generation's default)."""
    queued: bool = False
    """Create the slices through one queued resource (``deploy.gcp.queued``)."""
    node_ids: tuple[str, ...] = ()
    """Node ids of the queued resource's slices (queued only)."""

    @property
    def multislice(self) -> bool:
        return self.slices > 1

    def scheduling_config(self) -> dict[str, Any] | None:
        """``schedulingConfig`` of a TPU VM (``None`` on demand)."""
        purchase = self.common.purchase
        if purchase == "spot":
            return {"spot": True}
        if purchase == "reserved":
            return {"reserved": True}
        return None


RESERVATION_NAME_KEY = "compute.googleapis.com/reservation-name"


@dataclass(frozen=True, kw_only=True)
class GcpGpuTargetArgs:
    """Resolved settings of one GCP GPU target: plain values only."""

    common: GcpCommon
    """Settings shared with the TPU target (zone, network, labels, purchase)."""
    machine_type: str
    """GPU machine type, e.g. ``a3-highgpu-8g`` (GPUs attached by the type)."""
    series: str
    """Machine series, e.g. ``a3-highgpu``, ``g2-standard``."""
    units: int
    """VMs to run."""
    fleet: bool
    """One managed instance group instead of ``units`` VMs."""
    image: ImageRef
    """Boot image (a Deep Learning VM family for the frameworks, or ``deploy.gcp.image``)."""
    boot_disk_gib: int | None
    """Explicit size; otherwise :meth:`disk_gib` of the image and the model."""
    boot_disk_type: str
    """Boot disk type the machine series supports (``pd-balanced``, ``hyperdisk-balanced``)."""
    model_weights_gib: float
    """Model weights to make room for on the boot disk."""
    model_copies: int
    """Copies of the weights the disk holds (download plus converted)."""
    reservation_name: str | None = None
    """A specific reservation to consume (``deploy.gcp.reservation``); ``None`` means any."""
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
