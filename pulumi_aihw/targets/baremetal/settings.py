"""Everything the bare-metal target does, decided up front from the plan and the inventory.

:func:`baremetal_target_args` is pure (no Pulumi): it turns the chosen inventory
candidate into :class:`BareMetalTargetArgs`: the servers to enroll with their SSH
address, the commands of each enrollment step, the rack power after placement (the
``contracts.RACK_POWER_PROPERTY`` entries) and the TCO. The component only turns
these into ``command.remote.Command`` resources.
"""

from __future__ import annotations

import re
from typing import Any

from pulumi_aihw.baremetal.candidates import EXTRA_KEY
from pulumi_aihw.baremetal.gpu_names import name_pattern
from pulumi_aihw.baremetal.inventory import ENROLLABLE_VENDORS, LoadedInventory
from pulumi_aihw.baremetal.scripts import DRIVER_SCRIPTS, script
from pulumi_aihw.errors import SpecError
from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.targets.baremetal.args import BareMetalTargetArgs, EnrollServer, Step

CONFIG_NAMESPACE = "aihw"
"""Pulumi config namespace of the secrets the inventory names (``aihw:sshPrivateKey``)."""


def env_name(secret: str) -> str:
    """The environment variable holding a secret: ``sshKeyFra1`` -> ``AIHW_SSH_KEY_FRA1``."""
    return "AIHW_" + re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", secret).upper()


def baremetal_target_args(
    spec: WorkloadSpec, chosen: Candidate, loaded: LoadedInventory | None, tags: dict[str, str]
) -> BareMetalTargetArgs:
    """The enrollment of ``chosen`` (an inventory candidate) for ``spec``."""
    facts = chosen.extra.get(EXTRA_KEY)
    if loaded is None or not isinstance(facts, dict) or not facts.get("placed"):
        raise SpecError(
            f"the plan chose {chosen.provider} {chosen.offering.offering}, which is not placed on "
            "servers of the workload's inventory. To fix: name an inventory in "
            "baremetal.inventory, or restrict placement.providers to owned"
        )
    drivers = spec.baremetal.drivers if spec.baremetal is not None else "managed"
    servers = [_server(spec, chosen, loaded, entry, drivers) for entry in facts["servers"]]
    chosen_names = {s.name for s in servers}
    return BareMetalTargetArgs(
        workload=spec.name,
        offering=chosen.offering.offering,
        site=str(facts["site"]),
        drivers=drivers,
        servers=tuple(servers),
        rack_power=tuple(dict(r) for r in facts["racks"]),
        tco_usd_per_month=chosen.usd_per_month,
        inventory_status={
            s.name: "assigned" if s.name in chosen_names else _status(s.status, s.workload, spec)
            for s in loaded.inventory.servers
        },
        tags=dict(tags),
    )


def _server(
    spec: WorkloadSpec,
    chosen: Candidate,
    loaded: LoadedInventory,
    entry: dict[str, Any],
    drivers: str,
) -> EnrollServer:
    """One placed server (``entry`` from the candidate's facts) with its enrollment steps."""
    server = loaded.server(entry["name"])
    vendor = ENROLLABLE_VENDORS[chosen.accelerator.vendor]
    pattern = name_pattern(chosen.accelerator)
    return EnrollServer(
        name=server.name,
        host=server.ssh.host,
        port=server.ssh.port,
        user=server.ssh.user,
        host_key=server.ssh.host_key,
        key_secret=server.ssh.private_key_secret,
        rack=server.rack,
        site=loaded.rack(server.rack).site,
        vendor=vendor,
        gpu_model=chosen.accelerator.id,
        gpu_count=server.gpu.count,
        it_power_kw=entry["it_power_kw"],
        tco_usd_per_month=entry["usd_per_month"],
        steps=_steps(spec.name, server.name, server.ssh.user, vendor, drivers, chosen, pattern),
    )


def _status(status: str, workload: str | None, spec: WorkloadSpec) -> str:
    """A server this workload held but no longer uses is free again."""
    return "free" if status == "assigned" and workload == spec.name else status


def _steps(
    workload: str,
    server: str,
    user: str,
    vendor: str,
    drivers: str,
    chosen: Candidate,
    pattern: str,
) -> tuple[Step, ...]:
    """check OS -> install or verify drivers (managed only) -> verify GPUs -> record."""
    count = int(chosen.offering.accelerators_per_unit)
    model = chosen.accelerator.id
    check = script("check-os")
    install = vendor if drivers == "managed" else "none"
    triggers = [check.trigger, f"drivers={install}"]
    steps = [Step("os", check, check.command([server, install], as_root=False), None, (*triggers,))]
    if drivers == "managed":
        driver = script(DRIVER_SCRIPTS[vendor])
        args = [server, user] if vendor == "amd" else [server]
        triggers.append(driver.trigger)
        steps.append(
            Step("drivers", driver, driver.command(args, as_root=True), None, (*triggers,))
        )
    verify = script("verify-gpus")
    triggers += [verify.trigger, f"gpus={count}x{model}"]
    steps.append(
        Step(
            "verify",
            verify,
            verify.command([server, vendor, str(count), model, pattern], as_root=False),
            None,
            (*triggers,),
        )
    )
    record = script("record")
    triggers.append(record.trigger)
    scripts = " ".join(s.script.trigger for s in steps) + f" {record.trigger}"
    steps.append(
        Step(
            "record",
            record,
            record.command(
                ["enroll", server, workload, scripts, f"{count} x {model}"], as_root=True
            ),
            record.command(["release", server, workload], as_root=True),
            (*triggers,),
        )
    )
    return tuple(steps)
