"""Arguments of the ``AzureTarget`` component: plain values only, resolved from a plan by the
pure :mod:`pulumi_aihw.targets.azure.settings`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pulumi_aihw.targets.azure.images import ImageRef

Purchase = Literal["on-demand", "spot", "reserved"]


@dataclass(frozen=True, slots=True)
class SecurityRule:
    """One inbound NSG rule the spec opens (``network.ingress``)."""

    name: str
    priority: int
    """100 and up, one per rule (lower wins in Azure)."""
    protocol: Literal["Tcp", "Udp"]
    port_range: str
    """``"8000"`` or ``"8000-8010"``."""
    source_prefixes: tuple[str, ...]
    description: str


@dataclass(frozen=True, kw_only=True)
class AzureNetwork:
    """Where the VMs' NICs go and what may reach them."""

    subnet_id: str | None
    """An existing subnet; ``None`` means the target creates a VNet and a subnet."""
    vnet_address_space: str
    """Address space of the new VNet (only without ``subnet_id``)."""
    subnet_prefix: str
    """Address prefix of the new subnet (only without ``subnet_id``)."""
    public_ip: bool
    """A Standard static public IP per VM (``network.public_ip``); off by default."""
    ingress: tuple[SecurityRule, ...]
    """Inbound rules in the target's NSG; none by default."""


@dataclass(frozen=True, kw_only=True)
class AzureTargetArgs:
    """Resolved settings of one Azure target."""

    workload: str
    """Workload name (resource names, tags)."""
    region: str
    """Azure region (``location``) of the chosen offering."""
    zone: str | None
    """Availability zone, or ``None`` (regional)."""
    vm_size: str
    """e.g. ``Standard_ND96isr_H100_v5``."""
    series: str
    """e.g. ``ND-H100-v5`` (``catalog/azure_sizes.py``)."""
    units: int
    """VMs to run."""
    scale_set: bool
    """One VM Scale Set instead of ``units`` VMs (from ``fleet_threshold``, or InfiniBand)."""
    infiniband: bool
    """Multi-node training over InfiniBand: one scale set, one placement group."""
    resource_group: str | None
    """An existing resource group; ``None`` means the target creates one."""
    tags: dict[str, str]
    """Tags on every resource (``aihw-workload``, ``aihw-offering``, ``aihw-owner``, ...)."""
    network: AzureNetwork
    """Subnet (given or new), public IPs and inbound rules."""
    image: ImageRef
    """Marketplace image or image resource id the VMs boot."""
    gpu_driver_extension: bool
    """Install the NVIDIA GPU driver extension (GRID sizes on a plain Ubuntu image)."""
    os_disk_gib: int
    """Premium SSD OS disk (explicit, or the image's room plus the model: ``images.py``)."""
    admin_username: str
    """The Linux admin user the SSH keys are installed for."""
    ssh_public_keys: tuple[str, ...]
    """OpenSSH public keys; password login is always disabled."""
    entra_login: bool
    """Add the AADSSHLoginForLinux extension (and a system-assigned identity)."""
    trusted_launch: bool
    """Trusted Launch (vTPM) on the VMs."""
    secure_boot: bool
    """Secure Boot under Trusted Launch (off by default: unsigned DKMS GPU modules)."""
    encryption_at_host: bool
    """Host-side encryption of temp disks and disk caches."""
    purchase: Purchase
    """``on-demand``, ``spot`` or ``reserved``."""
    eviction_policy: Literal["Deallocate", "Delete"] | None
    """Spot only: what Azure does to an evicted VM."""
    capacity_reservation_group_id: str | None
    """An on-demand capacity reservation group the VMs run in (reserved capacity)."""
    warnings: tuple[str, ...] = ()
    """Things the component logs."""

    @property
    def computer_name_prefix(self) -> str:
        """Host names of the VMs (Linux: at most 64 characters; a scale set adds 6)."""
        return self.workload[:50].rstrip("-")
