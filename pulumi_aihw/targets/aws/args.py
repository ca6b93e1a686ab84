"""Arguments of the ``AwsTarget`` component: every setting resolved from a plan, plain
values only. :func:`pulumi_aihw.targets.aws.settings.aws_target_args` builds them (pure,
unit-tested); the component only turns them into resources."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pulumi_aihw.spec.models import IngressRule

MarketKind = Literal["on-demand", "spot", "reserved", "capacity-block"]


@dataclass(frozen=True, slots=True)
class EfaInterface:
    """One EFA-only network interface of the launch template."""

    network_card_index: int
    device_index: int
    interface_type: str = "efa-only"


@dataclass(frozen=True, slots=True)
class BlockPurchase:
    """An EC2 Capacity Block to buy (irreversible): the offering search window."""

    instance_count: int
    duration_hours: int
    start_date_range: str
    """RFC 3339, e.g. ``2026-11-02T00:00:00Z``."""
    end_date_range: str


@dataclass(frozen=True, slots=True)
class MarketOptions:
    kind: MarketKind = "on-demand"
    capacity_reservation_id: str | None = None
    """An On-Demand Capacity Reservation (``reserved``) or a held block (``capacity-block``)."""
    purchase: BlockPurchase | None = None
    """``capacity-block`` only: buy this block, then launch into it."""


@dataclass(frozen=True, kw_only=True)
class AwsTargetArgs:
    """Resolved settings of one AWS target: plain values only."""

    workload: str
    """Workload name (resource names, tags)."""
    region: str
    """Region of the chosen offering."""
    instance_type: str
    """EC2 instance type, e.g. ``inf2.xlarge``."""
    units: int
    """Instances to run."""
    tags: dict[str, str]
    """Tags for every resource (``aihw-workload``, ``aihw-offering``, ``aihw-owner``, spec tags)."""
    ami_id: str | None = None
    """Explicit AMI; otherwise ``ami_parameter`` is looked up."""
    ami_parameter: str | None = None
    """Public SSM parameter holding the default AMI id."""
    root_volume_gib: int | None = None
    """Explicit root size; otherwise :func:`root_volume_gib` of the AMI and the model."""
    model_weights_gib: float = 0.0
    """Model weights to make room for on the root volume."""
    model_copies: int = 2
    """Copies of the weights the volume holds (download plus compiled/converted)."""
    fleet: bool = False
    """One Auto Scaling group instead of ``units`` instances."""
    efa_interfaces: tuple[EfaInterface, ...] = ()
    """EFA-only interfaces besides the primary ENA one (multi-node training)."""
    placement_group: bool = False
    """A cluster placement group (with EFA)."""
    subnet_ids: tuple[str, ...] = ()
    """Bring-your-own subnets; empty means the region's default VPC and its default subnets."""
    vpc_id: str | None = None
    """VPC of the given subnets (needed with ``subnet_ids``)."""
    security_group_ids: tuple[str, ...] = ()
    """Extra security groups besides the one the target creates."""
    ingress: tuple[IngressRule, ...] = ()
    """Inbound rules the spec opens (``network.ingress``); none by default."""
    public_ip: bool = False
    """Give instances a public IP (``network.public_ip``; off by default)."""
    market: MarketOptions = field(default_factory=MarketOptions)
    """On-demand, spot, a capacity reservation or a Capacity Block."""
    user_data_base64: str | None = None
    """``deploy.aws.user_data``, base64-encoded for the launch template."""
    partition: str = "aws"
    """AWS partition of the region (``aws``, ``aws-cn``, ``aws-us-gov``)."""
    egress: str = "web"
    """Outbound traffic allowed (``deploy.aws.egress``): ``web`` (TCP 80 and 443),
    ``https``, ``all`` or ``none``."""
    metadata_hop_limit: int = 2
    """IMDSv2 hop limit (``deploy.aws.metadata_hop_limit``): 2 lets containers reach the
    instance role, 1 keeps it on the host."""
    detailed_monitoring: bool = False
    """CloudWatch detailed monitoring (``deploy.aws.detailed_monitoring``)."""
    warnings: tuple[str, ...] = ()
    """Things the component logs (e.g. EFA dropped for a single node)."""

    @property
    def efa(self) -> bool:
        return bool(self.efa_interfaces)
