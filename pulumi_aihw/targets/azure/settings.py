"""Everything the Azure target builds, decided up front from the spec and the plan. Pure.

:func:`azure_target_args` turns a spec and its chosen candidate into
:class:`~pulumi_aihw.targets.azure.args.AzureTargetArgs`, checking ``deploy.azure`` with
located errors ("To fix: ..."); the component only turns the args into resources.

- Below ``fleet_threshold`` VMs: separate VMs; from it on, one VM Scale Set (the resource
  count does not grow with the node count). Multi-node training on an InfiniBand size is
  always one scale set in one placement group: Azure connects the InfiniBand of VMs in the
  same scale set (the ND H100/H200/MI300X v5 size pages).
- Spot: ``priority: Spot``, ``maxPrice: -1`` (never evicted for price, only for capacity),
  eviction ``Deallocate`` for VMs (Pulumi keeps them) or ``Delete`` in a scale set (it
  recreates them). Reserved: an on-demand capacity reservation group
  (``capacity_reservation_group_id``), and/or a reserved-instance order recorded as a tag.
"""

from __future__ import annotations

from typing import Literal

from pulumi_aihw.catalog.azure_sizes import Series, series_of
from pulumi_aihw.errors import SpecError
from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.spec.loader import source_of
from pulumi_aihw.spec.models import IngressRule, WorkloadSpec
from pulumi_aihw.targets.azure.args import AzureNetwork, AzureTargetArgs, Purchase, SecurityRule
from pulumi_aihw.targets.azure.images import (
    DEFAULT_IMAGES,
    IMAGE_BASE_GIB,
    IMAGE_FORMS,
    NO_DEFAULT,
    OS_DISK_MAX_GIB,
    ImageRef,
    parse_image,
)
from pulumi_aihw.targets.disk import disk_gib, model_copies, model_weights_gib
from pulumi_aihw.vocab import Phase, PurchaseOption

TAG_RESERVATION = "aihw-reservation"
"""Tag naming the reserved-instance order a workload is expected to use."""
PLACEMENT_GROUP_MAX_VMS = 100
"""A scale set limited to one placement group (``singlePlacementGroup``, which InfiniBand
needs) holds at most 100 VMs (the Compute API's description of the property); larger scale
sets (up to 1,000 VMs) span several placement groups."""
RULE_PRIORITY_BASE = 100


def spec_error(spec: WorkloadSpec, field: str, message: str) -> SpecError:
    """A :class:`SpecError` located at ``deploy.azure.<field>`` (or a dotted spec path)."""
    path = tuple(field.split(".")) if "." in field else ("deploy", "azure", field)
    return SpecError(source_of(spec).problem(path, message))


def azure_target_args(
    spec: WorkloadSpec, chosen: Candidate, tags: dict[str, str]
) -> AzureTargetArgs:
    """Decide the Azure target for ``spec`` and its chosen candidate (raises SpecError)."""
    azure = spec.deploy.azure
    size = chosen.offering.offering
    region = chosen.region
    if region is None:
        raise spec_error(
            spec,
            "placement.regions",
            f"{size} has no priced region in the catalog, so aihw cannot tell where to deploy "
            "it. To fix: pin a region that sells it (placement.regions) and give its price",
        )
    series = _series(spec, size)
    units = chosen.units or 1
    warnings: list[str] = []
    infiniband = _infiniband(spec, chosen, units)
    purchase = _purchase(spec)
    if not azure.ssh_public_keys:
        raise spec_error(
            spec,
            "ssh_public_keys",
            "an Azure Linux VM needs an SSH public key for its admin user (aihw never sets a "
            "password). To fix: set deploy.azure.ssh_public_keys, e.g. from stack config "
            "(<project>:deploy: {azure: {ssh_public_keys: ['ssh-ed25519 AAAA...']}})",
        )
    trusted_launch = _trusted_launch(spec, series, warnings)
    all_tags = dict(tags)
    if azure.reservation_order_id:
        all_tags[TAG_RESERVATION] = azure.reservation_order_id.rsplit("/", 1)[-1]
    return AzureTargetArgs(
        workload=spec.name,
        region=region,
        zone=azure.zone,
        vm_size=size,
        series=series.name,
        units=units,
        scale_set=infiniband or units >= azure.fleet_threshold,
        infiniband=infiniband,
        resource_group=azure.resource_group,
        tags=all_tags,
        network=_network(spec),
        image=_image(spec, series, size),
        gpu_driver_extension=series.stack == "grid" and azure.image is None,
        os_disk_gib=azure.os_disk_gib
        or disk_gib(IMAGE_BASE_GIB, model_weights_gib(spec), model_copies(spec), OS_DISK_MAX_GIB),
        admin_username=azure.admin_username,
        ssh_public_keys=tuple(k.strip() for k in azure.ssh_public_keys),
        entra_login=azure.entra_login,
        trusted_launch=trusted_launch,
        secure_boot=trusted_launch and azure.secure_boot,
        encryption_at_host=azure.encryption_at_host,
        purchase=purchase,
        eviction_policy=_eviction(spec, purchase, infiniband or units >= azure.fleet_threshold),
        capacity_reservation_group_id=azure.capacity_reservation_group_id,
        warnings=tuple(warnings),
    )


def _series(spec: WorkloadSpec, size: str) -> Series:
    series = series_of(size)
    if series is None:
        raise spec_error(
            spec,
            "placement.providers",
            f"aihw has no facts (image, Trusted Launch) for the Azure size {size}. To fix: "
            "restrict placement to another offering, or add its series to "
            "pulumi_aihw/catalog/azure_sizes.py",
        )
    return series


def _infiniband(spec: WorkloadSpec, chosen: Candidate, units: int) -> bool:
    """Multi-node training or fine-tuning: InfiniBand in one scale set. (The planner lets a
    job span VMs only on sizes with InfiniBand: the catalog's ``multi_node``.)"""
    if spec.phase is Phase.INFERENCE or units < 2 or not chosen.offering.multi_node:
        return False
    size = chosen.offering.offering
    if units > PLACEMENT_GROUP_MAX_VMS:
        raise spec_error(
            spec,
            "placement",
            f"{units} x {size} with InfiniBand need one scale set placement group, which holds "
            f"at most {PLACEMENT_GROUP_MAX_VMS} VMs. To fix: pin at most "
            f"{PLACEMENT_GROUP_MAX_VMS} units, or split the job",
        )
    return True


def _purchase(spec: WorkloadSpec) -> Purchase:
    option = spec.constraints.purchase_option
    azure = spec.deploy.azure
    reserved = bool(azure.capacity_reservation_group_id or azure.reservation_order_id)
    if reserved and option is not PurchaseOption.RESERVED:
        field = (
            "capacity_reservation_group_id"
            if azure.capacity_reservation_group_id
            else ("reservation_order_id")
        )
        raise spec_error(
            spec,
            field,
            f"deploy.azure.{field} is for reserved capacity, but constraints.purchase_option is "
            f"'{option}'. To fix: set purchase_option to reserved, or drop {field}",
        )
    if option is PurchaseOption.SPOT:
        return "spot"
    return "reserved" if option is PurchaseOption.RESERVED else "on-demand"


def _eviction(
    spec: WorkloadSpec, purchase: Purchase, scale_set: bool
) -> Literal["Deallocate", "Delete"] | None:
    given = spec.deploy.azure.spot_eviction_policy
    if purchase != "spot":
        if given is not None:
            raise spec_error(
                spec,
                "spot_eviction_policy",
                "an eviction policy applies to Spot VMs only. To fix: drop it, or set "
                "constraints.purchase_option to spot",
            )
        return None
    return given or ("Delete" if scale_set else "Deallocate")


def _trusted_launch(spec: WorkloadSpec, series: Series, warnings: list[str]) -> bool:
    given = spec.deploy.azure.trusted_launch
    if given is not None:
        if given and not series.trusted_launch:
            warnings.append(
                f"Trusted Launch on {series.name} as deploy.azure.trusted_launch asks, although "
                f"{series.trusted_launch_note}"
            )
        return given
    if not series.trusted_launch:
        warnings.append(
            f"no Trusted Launch on {series.name}: {series.trusted_launch_note}. Set "
            "deploy.azure.trusted_launch: true to try it"
        )
    return series.trusted_launch


def _image(spec: WorkloadSpec, series: Series, size: str) -> ImageRef:
    given = spec.deploy.azure.image
    if given is not None:
        ref = parse_image(given)
        if ref is None:
            raise spec_error(spec, "image", f"'{given}' is not an image. Allowed: {IMAGE_FORMS}")
        return ref
    default = DEFAULT_IMAGES.get(series.stack)
    if default is None:
        raise spec_error(
            spec,
            "image",
            f"{size} ({series.name}) has no default image: {NO_DEFAULT[series.stack]}. To fix: "
            "set deploy.azure.image",
        )
    return default


def _network(spec: WorkloadSpec) -> AzureNetwork:
    azure = spec.deploy.azure
    return AzureNetwork(
        subnet_id=azure.subnet_id,
        vnet_address_space=azure.vnet_address_space,
        subnet_prefix=azure.subnet_prefix,
        public_ip=spec.network.public_ip,
        ingress=security_rules(spec.network.ingress),
    )


def security_rules(ingress: list[IngressRule]) -> tuple[SecurityRule, ...]:
    """The spec's open ports as NSG rules, in order, priorities 100, 101, ..."""
    out = []
    for i, rule in enumerate(ingress):
        ports = str(rule.port) if not rule.to_port else f"{rule.port}-{rule.to_port}"
        out.append(
            SecurityRule(
                name=f"aihw-in-{i}",
                priority=RULE_PRIORITY_BASE + i,
                protocol="Tcp" if rule.protocol == "tcp" else "Udp",
                port_range=ports,
                source_prefixes=tuple(rule.cidrs),
                description=rule.description or f"port {ports}/{rule.protocol}",
            )
        )
    return tuple(out)
