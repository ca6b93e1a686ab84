"""Everything the AWS target builds, decided up front from the spec and the plan.

:func:`aws_target_args` is pure (no Pulumi): it turns a spec and the chosen
candidate into :class:`AwsTargetArgs`, checking the AWS deploy settings with
located errors. The component (``component.py``) only turns these args into
resources, so every decision here is unit-tested without the mock engine.
"""

from __future__ import annotations

import base64
import datetime as dt

from pulumi_aihw.catalog.models import Offering
from pulumi_aihw.errors import SpecError
from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.spec.loader import source_of
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.targets.aws.ami import default_ami_parameter, no_default_reason
from pulumi_aihw.targets.aws.args import AwsTargetArgs, BlockPurchase, EfaInterface, MarketOptions
from pulumi_aihw.targets.disk import disk_gib, model_copies, model_weights_gib
from pulumi_aihw.vocab import Phase, PurchaseOption

GP3_MAX_GIB = 16_384
"""gp3 volumes hold at most 16 TiB."""
CAPACITY_BLOCK_MAX_INSTANCES = 64
"""A Capacity Block for ML reserves at most 64 instances."""
CAPACITY_BLOCK_SEARCH_DAYS = 7
"""When buying a block, offerings may end up to this many days after the earliest
start plus the duration."""


def aws_target_args(spec: WorkloadSpec, chosen: Candidate, tags: dict[str, str]) -> AwsTargetArgs:
    """Decide the AWS target for ``spec`` and its chosen candidate (raises :class:`SpecError`)."""
    aws = spec.deploy.aws
    region = chosen.region
    if region is None:  # pragma: no cover - every AWS catalog row has a region
        raise SpecError(f"the chosen offering {chosen.offering.offering} has no region")
    instance_type = chosen.offering.offering
    units = chosen.units or 1
    warnings: list[str] = []
    efa = _efa_layout(spec, chosen.offering, units, warnings)
    market = market_options(spec, chosen.offering, units)
    subnets = tuple(aws.subnet_ids)
    if efa and len(subnets) > 1:
        subnets = subnets[:1]  # nodes of one job share an Availability Zone
    _check_network(spec, market)
    if aws.root_volume_gib is not None and aws.root_volume_gib > GP3_MAX_GIB:
        raise _error(
            spec,
            ("deploy", "aws", "root_volume_gib"),
            f"{aws.root_volume_gib} GiB is more than a gp3 volume holds ({GP3_MAX_GIB} GiB)",
        )
    return AwsTargetArgs(
        workload=spec.name,
        region=region,
        instance_type=instance_type,
        units=units,
        tags=dict(tags),
        ami_id=aws.ami_id,
        ami_parameter=None if aws.ami_id else _ami_parameter(spec, chosen),
        root_volume_gib=aws.root_volume_gib,
        model_weights_gib=model_weights_gib(spec),
        model_copies=model_copies(spec),
        fleet=units >= aws.fleet_threshold,
        efa_interfaces=efa,
        # A held reservation or block already fixes where the instances run (blocks sit in
        # EC2 UltraClusters); a placement group there would only fail to find capacity.
        placement_group=bool(efa)
        and market.capacity_reservation_id is None
        and market.purchase is None,
        subnet_ids=subnets,
        vpc_id=aws.vpc_id,
        security_group_ids=tuple(aws.security_group_ids),
        ingress=tuple(spec.network.ingress),
        public_ip=spec.network.public_ip,
        market=market,
        user_data_base64=None
        if aws.user_data is None
        else base64.b64encode(aws.user_data.encode()).decode(),
        partition=partition_of(region),
        egress=aws.egress,
        metadata_hop_limit=aws.metadata_hop_limit,
        detailed_monitoring=aws.detailed_monitoring,
        warnings=tuple(warnings),
    )


def root_volume_gib(image_gib: float, weights_gib: float, copies: int) -> int:
    """Root volume size: :func:`pulumi_aihw.targets.disk.disk_gib` of the AMI's own
    snapshot and the model, capped at gp3's maximum::

        ceil_10(image_gib + copies x weights_gib x 1.2)
    """
    return disk_gib(image_gib, weights_gib, copies, GP3_MAX_GIB)


def _error(spec: WorkloadSpec, path: tuple[str, ...], message: str) -> SpecError:
    """A :class:`SpecError` located at ``path`` of the spec's file (line where known)."""
    return SpecError(source_of(spec).problem(path, message))


def partition_of(region: str) -> str:
    """The AWS partition of a region (for ARNs of AWS-managed policies)."""
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


def _ami_parameter(spec: WorkloadSpec, chosen: Candidate) -> str:
    param = default_ami_parameter(chosen.accelerator.id)
    if param is None:
        raise _error(
            spec,
            ("deploy", "aws", "ami_id"),
            f"{chosen.offering.offering} ({chosen.accelerator.name}) has no default AMI: "
            f"{no_default_reason(chosen.accelerator.id)}. To fix: set deploy.aws.ami_id",
        )
    return param


def _efa_layout(
    spec: WorkloadSpec, offering: Offering, units: int, warnings: list[str]
) -> tuple[EfaInterface, ...]:
    """EFA-only interfaces for multi-node training, one per EFA network card (AWS's
    recommended layout: the primary ENA interface on card 0 device 0, an EFA-only
    interface on card 0 device 1, and on device 0 of every further card)."""
    if spec.phase is Phase.INFERENCE or units < 2:
        return ()
    instance_type = offering.offering
    if not offering.efa_cards:
        warnings.append(
            f"{units} x {instance_type} train without EFA ({instance_type} has no EFA): "
            "expect slow collective communication between nodes"
        )
        return ()
    return tuple(
        EfaInterface(network_card_index=card, device_index=1 if card == 0 else 0)
        for card in offering.efa_card_indexes
    )


def _check_network(spec: WorkloadSpec, market: MarketOptions) -> None:
    aws = spec.deploy.aws
    checks = [
        (
            market.capacity_reservation_id is not None and not aws.subnet_ids,
            "subnet_ids",
            f"{market.kind} capacity {market.capacity_reservation_id} lives in one "
            "Availability Zone, which the default subnets may miss. To fix: set "
            "deploy.aws.subnet_ids (and vpc_id) to a subnet in the reservation's zone",
        ),
        (
            bool(aws.subnet_ids) and not aws.vpc_id,
            "vpc_id",
            "deploy.aws.vpc_id is required with subnet_ids: the security group the "
            "target creates must be in the subnets' VPC. To fix: set deploy.aws.vpc_id "
            "to the VPC of subnet_ids",
        ),
        (
            bool(aws.vpc_id) and not aws.subnet_ids,
            "subnet_ids",
            "deploy.aws.subnet_ids is required with vpc_id (which subnets of the VPC to "
            "launch into). To fix: list them, or drop vpc_id to use the default VPC",
        ),
    ]
    for failed, name, message in checks:
        if failed:
            raise _error(spec, ("deploy", "aws", name), message)


def market_options(spec: WorkloadSpec, offering: Offering, units: int) -> MarketOptions:
    """Spot, a capacity reservation, a Capacity Block (held or bought) or on-demand."""
    option = spec.constraints.purchase_option
    aws = spec.deploy.aws
    if option is PurchaseOption.SPOT:
        return MarketOptions("spot")
    if option is PurchaseOption.RESERVED:
        return MarketOptions("reserved", capacity_reservation_id=aws.capacity_reservation_id)
    if option is not PurchaseOption.CAPACITY_BLOCK:
        return MarketOptions("on-demand")
    block = aws.capacity_block
    if block is None or (block.reservation_id is None and not block.purchase):
        raise _error(
            spec,
            ("constraints", "purchase_option"),
            "purchase_option 'capacity-block' needs deploy.aws.capacity_block with "
            "reservation_id (a block you hold, cr-...) or purchase: true. To fix: add one",
        )
    if not offering.capacity_blocks:
        raise _error(
            spec,
            ("deploy", "aws", "capacity_block"),
            f"{offering.offering} is not sold as an EC2 Capacity Block for ML",
        )
    if block.reservation_id is not None:
        return MarketOptions("capacity-block", capacity_reservation_id=block.reservation_id)
    return MarketOptions("capacity-block", purchase=_purchase(spec, units))


def _purchase(spec: WorkloadSpec, units: int) -> BlockPurchase:
    block = spec.deploy.aws.capacity_block
    assert block is not None
    if block.start_date is None:
        raise _error(
            spec,
            ("deploy", "aws", "capacity_block", "start_date"),
            "buying a Capacity Block needs start_date (the earliest start, YYYY-MM-DD): a "
            "bought block cannot be cancelled, so its window is explicit",
        )
    if units > CAPACITY_BLOCK_MAX_INSTANCES:
        raise _error(
            spec,
            ("deploy", "aws", "capacity_block"),
            f"the plan needs {units} instances; one Capacity Block holds at most "
            f"{CAPACITY_BLOCK_MAX_INSTANCES}",
        )
    start = dt.datetime.combine(block.start_date, dt.time(), tzinfo=dt.timezone.utc)
    end = start + dt.timedelta(hours=block.duration_hours, days=CAPACITY_BLOCK_SEARCH_DAYS)
    return BlockPurchase(
        instance_count=units,
        duration_hours=block.duration_hours,
        start_date_range=_rfc3339(start),
        end_date_range=_rfc3339(end),
    )


def _rfc3339(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")
