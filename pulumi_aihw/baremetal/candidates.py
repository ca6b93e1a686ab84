"""Inventory servers as planner candidates, ranked next to the catalog's offerings.

Free servers of one shape (site, GPU model and count, power per card, CPU threads,
memory) form a group; each group is one candidate: provider ``owned``, deployment
``bare-metal``, region = the site, no order needed. The planner's own evaluator sizes
it (how many servers meet the demand) and judges it (frameworks, budget, power cap);
then the cheapest servers that fit their racks' power budgets are placed:

- cost: the placed servers' monthly TCO in USD (:mod:`pulumi_aihw.baremetal.tco`);
- power: IT power x the site's PUE, as the planner counts owned hardware;
- ``extra["baremetal"]``: site, PUE, each server (rack, address, power, TCO) and each
  rack's power after placement, shown by ``aihw plan --format json``.

A placement that would take a rack over its budget is infeasible, naming the rack.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NamedTuple

from pulumi_aihw.baremetal.inventory import LoadedInventory, load_inventory
from pulumi_aihw.baremetal.models import Server, Site
from pulumi_aihw.baremetal.placement import Placement, available_to, place, rack_used_kw
from pulumi_aihw.baremetal.power import server_power_kw
from pulumi_aihw.baremetal.tco import Tco, server_tco
from pulumi_aihw.catalog.catalog import Catalog
from pulumi_aihw.catalog.models import Accelerator, Offering
from pulumi_aihw.planner.assumptions import DEFAULT_ASSUMPTIONS, Assumptions
from pulumi_aihw.planner.candidates import Evaluator, pinned_units
from pulumi_aihw.planner.economics import hours_per_day
from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.spec.loader import source_of
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.vocab import Deployment, Provider

PRICE_BASIS = "tco"
"""``Candidate.price_basis`` of inventory servers: rent or write-off + energy + colo."""
EXTRA_KEY = "baremetal"
"""Key of the placement facts in ``Candidate.extra`` (and in the plan's JSON)."""


@dataclass(frozen=True)
class Priced:
    """One server with its IT power and monthly TCO."""

    server: Server
    it_power_kw: float
    tco: Tco


@dataclass(frozen=True)
class ServerGroup:
    """Free servers of one shape at one site: one candidate."""

    offering: str
    """Candidate name, e.g. ``8x-h100-sxm`` (unique per site)."""
    site: Site
    accelerator: Accelerator
    gpu_count: int
    threads: int
    memory_gib: float
    servers: tuple[Priced, ...]
    """Cheapest first (then by name)."""


def inventory_for_spec(spec: WorkloadSpec, catalog: Catalog) -> LoadedInventory | None:
    """The inventory ``spec.baremetal.inventory`` names (relative to the spec file), if any."""
    if spec.baremetal is None or spec.baremetal.inventory is None:
        return None
    smap = source_of(spec)
    path = smap.resolve(spec.baremetal.inventory)
    # shown the way the user named the spec: stacks/x/workload.yaml -> stacks/x/inventory.yaml
    named = smap.file is not None and Path(smap.file).is_file()
    relative = not Path(spec.baremetal.inventory).is_absolute()
    shown = Path(str(smap.file)).parent / spec.baremetal.inventory if named and relative else path
    return load_inventory(shown, catalog)


def candidates_for_spec(
    spec: WorkloadSpec, catalog: Catalog, assumptions: Assumptions = DEFAULT_ASSUMPTIONS
) -> list[Candidate]:
    """Candidates from the spec's inventory (none without one), for ``plan(extra_candidates=)``."""
    loaded = inventory_for_spec(spec, catalog)
    return [] if loaded is None else inventory_candidates(spec, catalog, loaded, assumptions)


def inventory_candidates(
    spec: WorkloadSpec,
    catalog: Catalog,
    loaded: LoadedInventory,
    assumptions: Assumptions = DEFAULT_ASSUMPTIONS,
) -> list[Candidate]:
    """One candidate per group of free servers, sized, priced, placed and judged."""
    evaluator = Evaluator(spec, catalog, assumptions)
    used = rack_used_kw(loaded, spec.name, assumptions)
    as_of = loaded.inventory.as_of or catalog.as_of
    out = []
    for group in server_groups(loaded, spec, assumptions):
        offering = _offering(group, None, loaded.file, as_of)
        units, pin_problem = pinned_units(spec, offering)
        n = evaluator.sizing(group.accelerator, offering, units).units
        reasons = [pin_problem] if pin_problem else []
        picked, placement = _pick(group, n, loaded, used, reasons)
        usd = [p.tco.usd_per_month for p in picked]
        monthly = None if None in usd else sum(u for u in usd if u is not None) / len(usd)
        offering = _offering(group, monthly, loaded.file, as_of)
        cand = evaluator.evaluate(offering, group.accelerator, pue=group.site.pue, units=n)
        reasons = [*cand.rejected_because, *reasons]
        if monthly is None:
            cur = group.site.currency
            reasons = [r for r in reasons if not r.startswith("price unknown")]
            reasons.append(
                f"price unknown: site {group.site.name} prices in {cur}, no USD rate; set "
                f"exchange_rates_usd.{cur} in the spec to compare it"
            )
        out.append(
            replace(
                cand,
                rejected_because=tuple(dict.fromkeys(reasons)),
                price_basis=PRICE_BASIS,
                extra={EXTRA_KEY: _facts(group, picked, placement, loaded)},
            )
        )
    return out


class GroupKey(NamedTuple):
    """What servers must share to be one candidate."""

    site: str
    accelerator: str
    tdp_watts: float | None
    gpu_count: int
    threads: int
    memory_gib: float

    @property
    def base_name(self) -> str:
        return f"{self.gpu_count}x-{self.accelerator}"

    @property
    def long_name(self) -> str:
        """Told apart from a same-GPU group at the same site by host and power."""
        return f"{self.base_name}-{self.threads}t-{self.memory_gib:g}gib-{self.tdp_watts:g}w"


def server_groups(
    loaded: LoadedInventory, spec: WorkloadSpec, a: Assumptions = DEFAULT_ASSUMPTIONS
) -> list[ServerGroup]:
    """Servers available to ``spec``'s workload, grouped by shape, cheapest first."""
    hours = hours_per_day(spec)
    groups: dict[GroupKey, list[Priced]] = {}
    for server in loaded.inventory.servers:
        if not available_to(server, spec.name):
            continue
        acc = loaded.accelerators[server.name]
        site = loaded.site_of(server)
        kw = server_power_kw(server, acc, a)
        tco = server_tco(
            server, site, kw, hours_per_day=hours, exchange_rates_usd=spec.exchange_rates_usd
        )
        key = GroupKey(
            site.name, acc.id, acc.tdp_watts, server.gpu.count, server.threads, server.memory_gib
        )
        groups.setdefault(key, []).append(Priced(server, kw, tco))
    shared = Counter((k.site, k.base_name) for k in groups)
    out = []
    for key, members in sorted(groups.items(), key=lambda kv: str(kv[0])):
        first = members[0].server
        out.append(
            ServerGroup(
                offering=key.long_name if shared[(key.site, key.base_name)] > 1 else key.base_name,
                site=loaded.site_of(first),
                accelerator=loaded.accelerators[first.name],
                gpu_count=key.gpu_count,
                threads=key.threads,
                memory_gib=key.memory_gib,
                servers=tuple(
                    sorted(members, key=lambda p: (p.tco.total_per_month, p.server.name))
                ),
            )
        )
    return out


def _pick(
    group: ServerGroup,
    units: int | None,
    loaded: LoadedInventory,
    used: dict[str, float],
    reasons: list[str],
) -> tuple[Sequence[Priced], Placement | None]:
    """The servers the candidate is priced on, and their placement (``None`` if unsized)."""
    if units is None:
        return group.servers[:1], None
    if units > len(group.servers):
        reasons.append(
            f"not enough free servers: needs {units} x {group.offering}, "
            f"{len(group.servers)} free at {group.site.name}"
        )
        return group.servers, None
    placement = place([(p.server, p.it_power_kw) for p in group.servers], units, loaded, used)
    if placement.problem is not None:
        reasons.append(placement.problem)
        return group.servers[:units], placement
    by_name = {p.server.name: p for p in group.servers}
    return [by_name[n] for n in placement.servers], placement


def _offering(group: ServerGroup, usd_per_month: float | None, file: str, as_of: Any) -> Offering:
    return Offering(
        provider=Provider.OWNED,
        offering=group.offering,
        deployment=Deployment.BARE_METAL,
        accelerator_id=group.accelerator.id,
        accelerators_per_unit=group.gpu_count,
        unit_kind="server",
        vcpus=group.threads,
        memory_gib=group.memory_gib,
        region=group.site.name,
        monthly_price=usd_per_month,
        price_currency="USD",
        source=f"inventory {file}",
        as_of=as_of,
    )


def _facts(
    group: ServerGroup,
    picked: Sequence[Priced],
    placement: Placement | None,
    loaded: LoadedInventory,
) -> dict[str, Any]:
    return {
        "inventory": loaded.file,
        "site": group.site.name,
        "pue": group.site.pue,
        "currency": group.site.currency,
        "electricity_price_per_kwh": group.site.electricity_price_per_kwh,
        "placed": placement is not None and placement.feasible,
        "servers": [
            {
                "name": p.server.name,
                "rack": p.server.rack,
                "host": p.server.ssh.host,
                "gpu_model": group.accelerator.id,
                "gpu_count": p.server.gpu.count,
                "it_power_kw": round(p.it_power_kw, 3),
                **p.tco.to_usd_dict(),
            }
            for p in picked
        ],
        "racks": [] if placement is None else [r.to_dict() for r in placement.racks],
    }
