"""Arguments of the ``BareMetalTarget`` component: the servers to enroll, their steps,
rack power and TCO, resolved from a plan by the pure ``settings`` module."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pulumi_aihw.baremetal.scripts import Script


@dataclass(frozen=True)
class Step:
    """One remote command of an enrollment chain."""

    role: str
    """``os``, ``drivers``, ``verify`` or ``record``: resource ``<target>-<server>-<role>``."""
    script: Script
    create: str
    delete: str | None = None
    triggers: tuple[str, ...] = ()
    """The scripts of this step and every earlier one, and what the step checks: a change
    re-runs the step and the steps after it."""


@dataclass(frozen=True)
class EnrollServer:
    """One server to enroll, with how to reach it (secrets by name only)."""

    name: str
    host: str
    port: int
    user: str
    host_key: str | None
    key_secret: str
    """Config key (``aihw:<key_secret>``) or env var (:func:`env_name`) of the SSH key."""
    rack: str
    site: str
    vendor: str
    gpu_model: str
    gpu_count: int
    it_power_kw: float
    tco_usd_per_month: float | None
    steps: tuple[Step, ...]

    def facts(self, workload: str) -> dict[str, Any]:
        """The server as the component's ``servers`` output shows it."""
        return {
            "name": self.name,
            "host": self.host,
            "rack": self.rack,
            "site": self.site,
            "gpu_model": self.gpu_model,
            "gpu_count": self.gpu_count,
            "it_power_kw": self.it_power_kw,
            "tco_usd_per_month": self.tco_usd_per_month,
            "status": "assigned",
            "workload": workload,
        }


@dataclass(frozen=True, kw_only=True)
class BareMetalTargetArgs:
    """Resolved settings of one bare-metal target: plain values only."""

    workload: str
    """Workload name (resource names, inventory status)."""
    offering: str
    """The inventory group (server shape) the plan chose."""
    site: str
    """Site of the chosen servers."""
    drivers: Literal["managed", "external"]
    """``managed``: the target installs GPU drivers; ``external``: it only verifies them."""
    servers: tuple[EnrollServer, ...]
    """The servers to enroll, with their steps."""
    rack_power: tuple[dict[str, Any], ...]
    """``{rack, site, budget_kw, used_kw, planned_kw, servers}`` per rack used."""
    tco_usd_per_month: float | None
    """Total cost of ownership per month of the chosen servers (``None``: unknown)."""
    inventory_status: dict[str, str]
    """Every inventory server -> ``assigned`` (to this or another workload), ``free`` or
    ``maintenance``, after this plan."""
    tags: dict[str, str] = field(default_factory=dict)
    """Tags of the workload (recorded on each server)."""
