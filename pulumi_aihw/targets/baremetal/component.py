"""``BareMetalTarget``: the component that enrolls a plan's inventory servers."""

from __future__ import annotations

import json
from typing import Any

import pulumi

from pulumi_aihw import contracts
from pulumi_aihw.baremetal.candidates import inventory_for_spec
from pulumi_aihw.catalog import load_catalog
from pulumi_aihw.targets.baremetal.args import BareMetalTargetArgs
from pulumi_aihw.targets.baremetal.enroll import Chain, enroll
from pulumi_aihw.targets.baremetal.settings import baremetal_target_args
from pulumi_aihw.targets.base import TargetContext, TargetResult

BAREMETAL_TARGET_TYPE = "aihw:index:BareMetalTarget"


class BareMetalTarget(pulumi.ComponentResource):
    """Enrolls owned or rented GPU servers over SSH: per server, an OS check, the driver
    stack installed or verified, the GPUs verified against the inventory, and a record
    of the enrollment on the machine. Reports rack power (used / budget) and TCO."""

    servers: pulumi.Output[list[dict[str, Any]]]
    """The enrolled servers: name, address, rack, GPUs, power, TCO, status."""
    gpu_inventory: pulumi.Output[dict[str, Any]]
    """Server -> the GPUs the verify step found (known after enrollment)."""
    rack_power: pulumi.Output[list[dict[str, Any]]]
    """Per rack: budget, power in use and planned, in kW (also ``aihwRackPower``)."""
    tco_usd_per_month: pulumi.Output[float | None]
    inventory_status: pulumi.Output[dict[str, str]]
    """Every inventory server -> ``assigned``, ``free`` or ``maintenance`` after this plan."""

    def __init__(
        self, name: str, args: BareMetalTargetArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__(BAREMETAL_TARGET_TYPE, name, _summary(args), opts)
        chains = [enroll(name, server, self) for server in args.servers]
        self.servers = pulumi.Output.from_input([s.facts(args.workload) for s in args.servers])
        self._gpus = {c.server.name: c.verify.stdout.apply(_parse_verify) for c in chains}
        self.gpu_inventory = pulumi.Output.from_input(self._gpus)
        self.rack_power = pulumi.Output.from_input(list(args.rack_power))
        self.tco_usd_per_month = pulumi.Output.from_input(args.tco_usd_per_month)
        self.inventory_status = pulumi.Output.from_input(dict(args.inventory_status))
        self._chains = chains
        self.register_outputs(self.target_outputs())

    def target_outputs(self) -> dict[str, Any]:
        return {
            "servers": self.servers,
            "gpu_inventory": self._gpus,  # server by server: each is known once enrolled
            "rack_power": self.rack_power,
            contracts.RACK_POWER_PROPERTY: self.rack_power,
            "tco_usd_per_month": self.tco_usd_per_month,
            "inventory_status": self.inventory_status,
        }


def _parse_verify(stdout: str | None) -> Any:
    """The verify step's JSON line as data (its raw text if it is not JSON)."""
    if not stdout:
        return None
    try:
        return json.loads(stdout.strip().splitlines()[-1])
    except ValueError:
        return stdout


def _summary(args: BareMetalTargetArgs) -> dict[str, Any]:
    """The target's own inputs: what it enrolls, for previews and policies."""
    return {
        "offering": args.offering,
        "site": args.site,
        "drivers": args.drivers,
        "servers": [s.name for s in args.servers],
        "units": len(args.servers),
        "tags": args.tags,
    }


def create_baremetal_target(ctx: TargetContext) -> TargetResult:
    """Registry factory: read the inventory, decide the enrollment, build the component."""
    loaded = inventory_for_spec(ctx.spec, load_catalog())
    args = baremetal_target_args(ctx.spec, ctx.chosen, loaded, ctx.tags)
    target = BareMetalTarget(ctx.name, args, pulumi.ResourceOptions(parent=ctx.parent))
    return TargetResult(target, target.target_outputs())


__all__ = ["BAREMETAL_TARGET_TYPE", "BareMetalTarget", "Chain", "create_baremetal_target"]
