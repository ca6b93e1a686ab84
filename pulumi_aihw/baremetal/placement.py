"""Rack power after placement: which servers a plan takes, and whether racks hold them.

A rack's load is its IT power: ``other_load_kw`` plus every server in use there
(assigned to another workload, or in maintenance) at full load, plus the servers this
placement adds. Free servers are assumed idle or off until placed. A placement that
would take a rack over ``power_budget_kw`` is refused, naming the rack.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pulumi_aihw.baremetal.inventory import LoadedInventory
from pulumi_aihw.baremetal.models import Server
from pulumi_aihw.baremetal.power import server_power_kw
from pulumi_aihw.planner.assumptions import DEFAULT_ASSUMPTIONS, Assumptions

TOLERANCE_KW = 1e-9
"""Budgets are compared with this slack so that a rack filled exactly to budget fits."""


@dataclass(frozen=True, slots=True)
class RackPower:
    """One rack's IT power with a placement: in use already, added, and its budget."""

    rack: str
    site: str
    budget_kw: float
    used_kw: float
    """Drawn already by equipment outside this placement."""
    planned_kw: float
    """Added by the servers this placement takes in the rack."""
    servers: tuple[str, ...] = ()

    @property
    def total_kw(self) -> float:
        return self.used_kw + self.planned_kw

    @property
    def headroom_kw(self) -> float:
        return self.budget_kw - self.total_kw

    @property
    def over_budget(self) -> bool:
        return self.total_kw > self.budget_kw + TOLERANCE_KW

    def to_dict(self) -> dict[str, object]:
        """The rack-power contract (``contracts.RACK_POWER_PROPERTY``) plus the servers."""
        return {
            "rack": self.rack,
            "site": self.site,
            "budget_kw": round(self.budget_kw, 3),
            "used_kw": round(self.used_kw, 3),
            "planned_kw": round(self.planned_kw, 3),
            "servers": list(self.servers),
        }

    def describe(self) -> str:
        return (
            f"rack {self.rack} would draw {self.total_kw:,.2f} kW ({self.used_kw:,.2f} in use + "
            f"{self.planned_kw:,.2f} planned) > budget {self.budget_kw:g} kW"
        )


@dataclass(frozen=True)
class Placement:
    servers: tuple[str, ...]
    """Servers taken, in preference order."""
    racks: tuple[RackPower, ...]
    """Racks the placement touches (the refusing racks when it fails)."""
    problem: str | None = None
    """``rack over budget: ...`` naming each rack that refused a server."""

    @property
    def feasible(self) -> bool:
        return self.problem is None


def available_to(server: Server, workload: str) -> bool:
    """Free servers, and servers already assigned to ``workload`` itself."""
    return server.status == "free" or (server.status == "assigned" and server.workload == workload)


def rack_used_kw(
    loaded: LoadedInventory, workload: str, a: Assumptions = DEFAULT_ASSUMPTIONS
) -> dict[str, float]:
    """IT power each rack draws before placing ``workload``: other load + servers in use."""
    used = {r.name: r.other_load_kw for r in loaded.inventory.racks}
    for server in loaded.inventory.servers:
        if not available_to(server, workload) and server.status != "free":
            used[server.rack] += server_power_kw(server, loaded.accelerators[server.name], a)
    return used


def place(
    choices: Sequence[tuple[Server, float]],
    units: int,
    loaded: LoadedInventory,
    used_kw: Mapping[str, float],
) -> Placement:
    """Take ``units`` servers from ``choices`` ((server, IT kW) in preference order) without
    taking any rack over its budget. Servers are taken greedily in order; a server whose
    rack has no room is skipped, and the placement fails if too few remain."""
    planned: dict[str, list[tuple[str, float]]] = {}
    refused: dict[str, RackPower] = {}
    taken: list[str] = []
    for server, kw in choices:
        if len(taken) == units:
            break
        rack = loaded.rack(server.rack)
        here = planned.setdefault(rack.name, [])
        after = RackPower(
            rack.name,
            rack.site,
            rack.power_budget_kw,
            used_kw[rack.name],
            sum(k for _, k in here) + kw,
            (*(n for n, _ in here), server.name),
        )
        if after.over_budget:
            refused.setdefault(rack.name, after)
            continue
        here.append((server.name, kw))
        taken.append(server.name)
    if len(taken) < units:
        reasons = "; ".join(r.describe() for r in refused.values())
        return Placement(tuple(taken), tuple(refused.values()), f"rack over budget: {reasons}")
    racks = tuple(
        RackPower(
            name,
            loaded.rack(name).site,
            loaded.rack(name).power_budget_kw,
            used_kw[name],
            sum(k for _, k in servers),
            tuple(n for n, _ in servers),
        )
        for name, servers in sorted(planned.items())
        if servers
    )
    return Placement(tuple(taken), racks)
