"""Shared wording for preview reports: the tree, key inputs, the plan line. Pure."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from pulumi_aihw.contracts import (
    UNKNOWN,
    WORKLOAD_PLAN_PROPERTY,
    WORKLOAD_TYPE,
    ResourceRecord,
    StackPreview,
)
from pulumi_aihw.reports.preview_keys_azure import AZURE_KEY_INPUTS

UNKNOWN_MARKER = "<unknown during preview>"
"""How reports show a value Pulumi knows only after deployment."""


def json_safe(value: Any) -> Any:
    """Record values for JSON: :data:`UNKNOWN` becomes :data:`UNKNOWN_MARKER`."""
    if value is UNKNOWN:
        return UNKNOWN_MARKER
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def get(data: Any, *path: str | int) -> Any:
    """``data[path[0]][path[1]]...``, or ``None`` where a step is missing."""
    for step in path:
        if isinstance(step, int) and isinstance(data, list) and len(data) > step:
            data = data[step]
        elif isinstance(step, str) and isinstance(data, dict):
            data = data.get(step)
        else:
            return None
    return data


def _rules(rules: Any) -> Any:
    if not isinstance(rules, list):
        return rules
    out = []
    for r in rules:
        if not isinstance(r, dict):
            continue
        proto = "all" if r.get("protocol") == "-1" else r.get("protocol")
        port = "" if proto == "all" else f":{cell(r.get('fromPort'))}"
        sources = [*(r.get("cidrBlocks") or []), *(r.get("ipv6CidrBlocks") or [])]
        if r.get("self"):
            sources.append("self")
        out.append(f"{proto}{port} {','.join(cell(s) for s in sources)}")
    return "; ".join(out) or "none"


def _principal(policy: Any) -> Any:
    """The services a role's trust policy lets assume it."""
    if not isinstance(policy, str):
        return policy
    try:
        statements = json.loads(policy).get("Statement", [])
    except (ValueError, AttributeError):
        return None
    return [get(s, "Principal", "Service") for s in statements if isinstance(s, dict)]


Getter = Callable[[dict[str, Any]], Any]


def _script_header(stdin: Any) -> str | None:
    """``verify-gpus v1`` from an enrollment script's header."""
    if not isinstance(stdin, str):
        return None
    found = re.search(r"# aihw-script: (\S+)\n# aihw-script-version: (\d+)", stdin)
    return None if found is None else f"{found[1]} v{found[2]}"


KEY_INPUTS: dict[str, dict[str, Getter]] = {
    WORKLOAD_TYPE: {
        "offering": lambda i: get(i, WORKLOAD_PLAN_PROPERTY, "chosen", "offering"),
        "units": lambda i: get(i, WORKLOAD_PLAN_PROPERTY, "chosen", "units"),
        "region": lambda i: get(i, WORKLOAD_PLAN_PROPERTY, "chosen", "region"),
    },
    "aihw:index:AwsTarget": {
        "instanceType": lambda i: i.get("instanceType"),
        "units": lambda i: i.get("units"),
        "market": lambda i: i.get("market"),
        "fleet": lambda i: i.get("fleet"),
        "efa": lambda i: i.get("efa"),
    },
    "aihw:index:GcpTpuTarget": {
        "acceleratorType": lambda i: i.get("acceleratorType"),
        "slices": lambda i: i.get("slices"),
        "hostsPerSlice": lambda i: i.get("hostsPerSlice"),
        "zone": lambda i: i.get("zone"),
        "market": lambda i: i.get("market"),
        "queued": lambda i: i.get("queued"),
    },
    "aihw:index:GcpGpuTarget": {
        "machineType": lambda i: i.get("machineType"),
        "units": lambda i: i.get("units"),
        "zone": lambda i: i.get("zone"),
        "market": lambda i: i.get("market"),
        "fleet": lambda i: i.get("fleet"),
    },
    "gcp:tpu/v2Vm:V2Vm": {
        "acceleratorType": lambda i: i.get("acceleratorType"),
        "runtimeVersion": lambda i: i.get("runtimeVersion"),
        "zone": lambda i: i.get("zone"),
        "scheduling": lambda i: i.get("schedulingConfig"),
        "externalIps": lambda i: get(i, "networkConfig", "enableExternalIps"),
        "secureBoot": lambda i: get(i, "shieldedInstanceConfig", "enableSecureBoot"),
    },
    "gcp:tpu/v2QueuedResource:V2QueuedResource": {
        "acceleratorType": lambda i: get(i, "tpu", "nodeSpecs", 0, "node", "acceleratorType"),
        "slices": lambda i: len(get(i, "tpu", "nodeSpecs") or []),
        "zone": lambda i: i.get("zone"),
        "externalIps": lambda i: get(
            i, "tpu", "nodeSpecs", 0, "node", "networkConfig", "enableExternalIps"
        ),
    },
    "gcp:compute/instance:Instance": {
        "machineType": lambda i: i.get("machineType"),
        "zone": lambda i: i.get("zone"),
        "diskGiB": lambda i: get(i, "bootDisk", "initializeParams", "size"),
        "provisioning": lambda i: get(i, "scheduling", "provisioningModel"),
        "externalIp": lambda i: "accessConfigs" in (get(i, "networkInterfaces", 0) or {}),
        "secureBoot": lambda i: get(i, "shieldedInstanceConfig", "enableSecureBoot"),
    },
    "gcp:compute/instanceTemplate:InstanceTemplate": {
        "machineType": lambda i: i.get("machineType"),
        "image": lambda i: get(i, "disks", 0, "sourceImage"),
        "diskGiB": lambda i: get(i, "disks", 0, "diskSizeGb"),
        "provisioning": lambda i: get(i, "scheduling", "provisioningModel"),
        "externalIp": lambda i: "accessConfigs" in (get(i, "networkInterfaces", 0) or {}),
        "secureBoot": lambda i: get(i, "shieldedInstanceConfig", "enableSecureBoot"),
    },
    "gcp:compute/instanceGroupManager:InstanceGroupManager": {
        "targetSize": lambda i: i.get("targetSize"),
        "zone": lambda i: i.get("zone"),
        "updatePolicy": lambda i: get(i, "updatePolicy", "type"),
    },
    "gcp:compute/firewall:Firewall": {
        "network": lambda i: i.get("network"),
        "allow": lambda i: [
            f"{a.get('protocol')}:{','.join(a.get('ports') or [])}"
            for a in i.get("allows") or []
            if isinstance(a, dict)
        ],
        "sources": lambda i: i.get("sourceRanges"),
        "targetTags": lambda i: i.get("targetTags"),
    },
    "gcp:serviceaccount/account:Account": {"accountId": lambda i: i.get("accountId")},
    "aihw:index:BareMetalTarget": {
        "site": lambda i: i.get("site"),
        "servers": lambda i: i.get("servers"),
        "drivers": lambda i: i.get("drivers"),
    },
    "command:remote:Command": {  # bare-metal enrollment steps: the script, not its text
        "script": lambda i: _script_header(i.get("stdin")),
        "connection": lambda i: i.get("connection"),
        "onDelete": lambda i: "release" if i.get("delete") else None,
    },
    "aws:ec2/launchTemplate:LaunchTemplate": {
        "instanceType": lambda i: i.get("instanceType"),
        "imageId": lambda i: i.get("imageId"),
        "httpTokens": lambda i: get(i, "metadataOptions", "httpTokens"),
        "rootGiB": lambda i: get(i, "blockDeviceMappings", 0, "ebs", "volumeSize"),
        "encrypted": lambda i: get(i, "blockDeviceMappings", 0, "ebs", "encrypted"),
        "market": lambda i: get(i, "instanceMarketOptions", "marketType"),
        "reservation": lambda i: get(
            i,
            "capacityReservationSpecification",
            "capacityReservationTarget",
            "capacityReservationId",
        ),
        "interfaces": lambda i: (
            None if "networkInterfaces" not in i else len(i["networkInterfaces"])
        ),
    },
    "aws:ec2/instance:Instance": {
        "subnetId": lambda i: i.get("subnetId"),
        "placementGroup": lambda i: i.get("placementGroup"),
        "publicIp": lambda i: i.get("associatePublicIpAddress"),
    },
    "aws:autoscaling/group:Group": {
        "desired": lambda i: i.get("desiredCapacity"),
        "subnets": lambda i: i.get("vpcZoneIdentifiers"),
        "placementGroup": lambda i: i.get("placementGroup"),
    },
    "aws:ec2/securityGroup:SecurityGroup": {
        "vpcId": lambda i: i.get("vpcId"),
        "ingress": lambda i: _rules(i.get("ingress") or []),
    },
    "aws:ec2/placementGroup:PlacementGroup": {"strategy": lambda i: i.get("strategy")},
    "aws:ec2/capacityBlockReservation:CapacityBlockReservation": {
        "offeringId": lambda i: i.get("capacityBlockOfferingId"),
        "platform": lambda i: i.get("instancePlatform"),
    },
    "aws:iam/role:Role": {"assumedBy": lambda i: _principal(i.get("assumeRolePolicy"))},
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
        "policyArn": lambda i: i.get("policyArn"),
    },
    **AZURE_KEY_INPUTS,
}
"""Type token -> the inputs a person wants to see first. Other types show their first
few scalar inputs. Targets add their types here."""

_SKIP = {"tags", "labels", "description"}


def key_inputs(record: ResourceRecord) -> dict[str, Any]:
    getters = KEY_INPUTS.get(record.type)
    if getters is not None:
        picked = {k: g(record.inputs) for k, g in getters.items()}
        return {k: v for k, v in picked.items() if v is not None}
    scalars = {
        k: v
        for k, v in record.inputs.items()
        if k not in _SKIP and (v is UNKNOWN or isinstance(v, (str, int, float, bool)))
    }
    return dict(list(scalars.items())[:4])


def cell(value: Any) -> str:
    """One value, short, for a table cell."""
    value = json_safe(value)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{round(value, 2):g}" if abs(value) < 1e6 else f"{value:,.0f}"
    if isinstance(value, list):
        return ",".join(cell(v) for v in value) if len(value) <= 3 else f"[{len(value)} items]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {cell(v)}" for k, v in value.items()) + "}"
    return str(value)


def tree(preview: StackPreview) -> list[tuple[str, ResourceRecord]]:
    """Resources depth-first from the stack with their tree prefix (``├─ ``, ``└─ ``),
    children sorted by (type, name)."""
    children: dict[str | None, list[ResourceRecord]] = {}
    for r in preview.resources:
        children.setdefault(r.parent, []).append(r)
    for kids in children.values():
        kids.sort(key=lambda r: (r.type, r.name))
    out: list[tuple[str, ResourceRecord]] = []
    known = {r.urn for r in preview.resources}

    def walk(r: ResourceRecord, prefix: str, indent: str) -> None:
        out.append((prefix, r))
        kids = children.get(r.urn, [])
        for n, kid in enumerate(kids):
            last = n == len(kids) - 1
            walk(kid, indent + ("└─ " if last else "├─ "), indent + ("   " if last else "│  "))

    for root in [r for r in preview.resources if r.parent is None or r.parent not in known]:
        walk(root, "", "")
    return out


def plans(preview: StackPreview) -> dict[str, Any]:
    """Workload name -> its plan summary (from the Workload component's inputs)."""
    return {r.name: r.inputs.get(WORKLOAD_PLAN_PROPERTY) for r in preview.of_type(WORKLOAD_TYPE)}


def plan_line(name: str, summary: Any) -> str:
    chosen = get(summary, "chosen")
    if not isinstance(chosen, dict):
        return f"{name}: no choice"
    money = chosen.get("usd_per_month")
    cost = "cost unknown" if money is None else f"${money:,.0f}/month"
    power = chosen.get("power_kw")
    kw = "power unknown" if power is None else f"{power:,.2f} kW"
    units = cell(chosen.get("units"))
    return (
        f"{name}: {chosen.get('provider')} {chosen.get('offering')} x{units} in "
        f"{chosen.get('region') or '-'}, {cost}, {kw}, lock-in {chosen.get('lock_in_level')} "
        f"(catalog as of {get(summary, 'catalog_as_of')})"
    )
