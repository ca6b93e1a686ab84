"""What every GCP target decides the same way, up front: zone, project, network,
firewall rules, service account, labels, Secure Boot and the purchase option. Pure (no
Pulumi): :func:`gcp_common` checks ``deploy.gcp`` with located errors, and the TPU and
GPU settings (``tpu_settings``, ``gpu_settings``) build on it.

Service account: ``deploy.gcp.service_account`` when given; otherwise the target creates
a dedicated one per workload and stack (no roles granted: grant what the workload needs),
never the project's default Compute Engine account. VMs get the ``cloud-platform`` scope
and IAM decides what the account may do (Google's recommended practice).
"""

from __future__ import annotations

import hashlib

from pulumi_aihw.contracts import gcp_labels
from pulumi_aihw.errors import SpecError
from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.spec.loader import source_of
from pulumi_aihw.spec.models import IngressRule, WorkloadSpec
from pulumi_aihw.targets.gcp.args import FirewallRule, GcpCommon, Purchase
from pulumi_aihw.targets.gcp.zones import region_of_zone
from pulumi_aihw.vocab import PurchaseOption

CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform"
DEFAULT_NETWORK = "default"
"""The VPC network used when ``deploy.gcp.network`` is not set (the project's default)."""


def spec_error(spec: WorkloadSpec, field: str, message: str) -> SpecError:
    """A :class:`SpecError` located at ``deploy.gcp.<field>`` (or a dotted spec path)."""
    path = tuple(field.split(".")) if "." in field else ("deploy", "gcp", field)
    return SpecError(source_of(spec).problem(path, message))


def gcp_common(
    spec: WorkloadSpec,
    chosen: Candidate,
    tags: dict[str, str],
    *,
    stack: str,
    known_zones: tuple[str, ...],
    hardware: str,
) -> GcpCommon:
    """Decide the shared settings; ``known_zones`` are the zones of the chosen region that
    offer ``hardware`` (from ``zones.py``), ``stack`` names the Pulumi stack (it keeps the
    per-stack service account apart)."""
    gcp = spec.deploy.gcp
    region = chosen.region or ""
    warnings: list[str] = []
    zone = choose_zone(spec, region, known_zones, hardware, warnings)
    if spec.network.ingress and gcp.subnetwork and not gcp.network:
        raise spec_error(
            spec,
            "network",
            "network.ingress opens ports with a firewall rule, which belongs to a VPC network; "
            "with deploy.gcp.subnetwork alone aihw cannot tell which. To fix: set "
            "deploy.gcp.network to the subnetwork's network",
        )
    return GcpCommon(
        workload=spec.name,
        region=region,
        zone=zone,
        project=gcp.project,
        labels=gcp_labels(tags),
        network=gcp.network,
        subnetwork=gcp.subnetwork,
        firewall_network=gcp.network or DEFAULT_NETWORK,
        network_tag=network_tag(spec.name),
        public_ip=spec.network.public_ip,
        ingress=firewall_rules(spec.network.ingress),
        service_account_email=gcp.service_account,
        service_account_id=service_account_id(spec.name, stack),
        secure_boot=gcp.secure_boot,
        purchase=purchase(spec),
        warnings=tuple(warnings),
    )


def choose_zone(
    spec: WorkloadSpec,
    region: str,
    known: tuple[str, ...],
    hardware: str,
    warnings: list[str],
) -> str:
    """``deploy.gcp.zone`` (checked against the region), else the first known zone."""
    zone = spec.deploy.gcp.zone
    if zone:
        if region_of_zone(zone) != region:
            raise spec_error(
                spec,
                "zone",
                f"zone {zone} is not in {region}, the region the plan chose. To fix: set a "
                f"{region} zone, or restrict placement.regions to {region_of_zone(zone)}",
            )
        if known and zone not in known:
            warnings.append(
                f"deploy.gcp.zone {zone} is not among the zones aihw knows to offer {hardware} "
                f"in {region} ({', '.join(known)}); run `aihw preflight` to check it"
            )
        return zone
    if not known:
        raise spec_error(
            spec,
            "zone",
            f"aihw knows no zone of {region} that offers {hardware}. To fix: set "
            f"deploy.gcp.zone to a {region} zone that offers it",
        )
    return known[0]


def purchase(spec: WorkloadSpec) -> Purchase:
    """On-demand, spot or reserved capacity (``deploy.gcp.reservation`` means reserved)."""
    option = spec.constraints.purchase_option
    gcp = spec.deploy.gcp
    if option is PurchaseOption.CAPACITY_BLOCK:
        raise spec_error(
            spec,
            "constraints.purchase_option",
            "'capacity-block' is an AWS purchase option (EC2 Capacity Blocks for ML); Google "
            "Cloud has none. To fix: use on-demand, spot or reserved",
        )
    if gcp.reservation and option is PurchaseOption.SPOT:
        raise spec_error(
            spec,
            "reservation",
            "deploy.gcp.reservation consumes reserved capacity, which cannot also be spot. "
            "To fix: drop deploy.gcp.reservation, or set purchase_option to reserved",
        )
    reserved = option is PurchaseOption.RESERVED or gcp.reservation
    if gcp.reservation_name and not reserved:
        raise spec_error(
            spec,
            "reservation_name",
            "a reservation is consumed with reserved capacity only. To fix: set "
            "constraints.purchase_option to reserved (or deploy.gcp.reservation: true)",
        )
    if reserved:
        return "reserved"
    return "spot" if option is PurchaseOption.SPOT else "on-demand"


def firewall_rules(ingress: list[IngressRule]) -> tuple[FirewallRule, ...]:
    """The spec's open ports, one rule per port range and IP family."""
    out: list[FirewallRule] = []
    for rule in ingress:
        ports = str(rule.port) if not rule.to_port else f"{rule.port}-{rule.to_port}"
        v4 = tuple(c for c in rule.cidrs if ":" not in c)
        v6 = tuple(c for c in rule.cidrs if ":" in c)
        description = rule.description or f"port {ports}/{rule.protocol}"
        out.extend(
            FirewallRule(rule.protocol, (ports,), sources, description)
            for sources in (v4, v6)
            if sources
        )
    return tuple(out)


def short_hash(*parts: str, length: int = 4) -> str:
    return hashlib.sha256("/".join(parts).encode()).hexdigest()[:length]


def network_tag(workload: str) -> str:
    """``aihw-<workload>``: a valid network tag (RFC 1035, at most 63 characters)."""
    return f"aihw-{workload}"[:63].rstrip("-")


def service_account_id(workload: str, stack: str) -> str:
    """The account id of the dedicated service account: ``aihw-<workload>-<hash>``, 6 to 30
    characters; the hash of stack and workload keeps two stacks in one project apart."""
    return f"aihw-{workload}"[:25].rstrip("-") + "-" + short_hash(stack, workload)


def resource_id(workload: str, stack: str, index: int) -> str:
    """A name Google Cloud keeps unique per project and zone (a queued TPU node id):
    ``<workload>-<hash>-<index>``, at most 63 characters."""
    return f"{workload[:50].rstrip('-')}-{short_hash(stack, workload)}-{index}"
