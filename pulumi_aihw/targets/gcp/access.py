"""Who the VMs run as and what may reach them: the service account (given, or a
dedicated one with no roles) and one firewall rule per port the spec opens.

No firewall rule is made unless ``network.ingress`` opens a port, and it admits only the
sources written there, to the workload's VMs (by network tag) only.
"""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from pulumi_aihw.targets.gcp.args import GcpCommon


def service_account_email(
    name: str, common: GcpCommon, opts: pulumi.ResourceOptions
) -> pulumi.Output[str]:
    """The given account's email, or a dedicated account's (made here, no roles granted)."""
    if common.service_account_email is not None:
        return pulumi.Output.from_input(common.service_account_email)
    account = gcp.serviceaccount.Account(
        f"{name}-sa",
        account_id=common.service_account_id,
        display_name=f"aihw workload {common.workload}"[:100],
        description=(
            f"Runs the VMs of aihw workload {common.workload}. aihw grants it no roles: "
            "grant the ones the workload needs (e.g. reading its model bucket)."
        ),
        project=common.project,
        opts=opts,
    )
    return account.email


def firewalls(
    name: str, common: GcpCommon, opts: pulumi.ResourceOptions
) -> list[gcp.compute.Firewall]:
    """One ingress rule per open port range and IP family, to the workload's network tag."""
    return [
        gcp.compute.Firewall(
            f"{name}-fw-{i}",
            network=common.firewall_network,
            direction="INGRESS",
            allows=[{"protocol": rule.protocol, "ports": list(rule.ports)}],
            source_ranges=list(rule.source_ranges),
            target_tags=[common.network_tag],
            description=f"aihw workload {common.workload}: {rule.description}",
            project=common.project,
            opts=opts,
        )
        for i, rule in enumerate(common.ingress)
    ]
