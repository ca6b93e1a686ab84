"""Power of one bare-metal server at full load: the arithmetic the planner also uses.

IT power (what the rack's PDUs deliver) = GPU TDP x cards + host overhead, where the
host overhead (CPUs, memory, NICs, fans, PSU losses) is the planner's assumption per
hardware thread with a floor per server
(:attr:`~pulumi_aihw.planner.assumptions.Assumptions.host_watts_per_vcpu`,
:attr:`~pulumi_aihw.planner.assumptions.Assumptions.min_host_watts`). Facility power is
IT power x the site's PUE; rack budgets are IT power, energy bills are facility power.
"""

from __future__ import annotations

from pulumi_aihw.baremetal.models import Server
from pulumi_aihw.catalog.models import Accelerator
from pulumi_aihw.planner.assumptions import DEFAULT_ASSUMPTIONS, Assumptions


def host_overhead_watts(server: Server, a: Assumptions = DEFAULT_ASSUMPTIONS) -> float:
    """Power beyond the GPUs: watts per hardware thread, at least the per-server floor."""
    return max(a.min_host_watts, a.host_watts_per_vcpu * server.threads)


def server_power_kw(
    server: Server, acc: Accelerator, a: Assumptions = DEFAULT_ASSUMPTIONS
) -> float:
    """IT power of ``server`` at full load, in kW (``acc`` carries any ``gpu.tdp_watts``)."""
    if acc.tdp_watts is None:  # the inventory loader requires a figure: a caller's bug
        raise ValueError(f"{server.name}: no TDP for {acc.name}; load it with load_inventory")
    return (acc.tdp_watts * server.gpu.count + host_overhead_watts(server, a)) / 1000
