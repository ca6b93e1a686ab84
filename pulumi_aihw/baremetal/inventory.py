"""Load a bare-metal inventory file with located errors, like the workload spec.

:func:`load_inventory` reads the YAML once (line numbers kept), validates the models,
then checks what spans records: unique names, a rack's site and a server's rack exist,
GPU models the catalog knows (with "Did you mean"), GPUs enrollment can drive
(NVIDIA, AMD) and a power figure for every card. Every problem is reported at once,
as ``inventory.yaml:12: servers[0].gpu.model: ...``; nothing here prints or exits.

Importing this module registers the ``inventory`` schema kind (``aihw schema``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from pydantic import ValidationError

from pulumi_aihw.baremetal.models import Inventory, Rack, Server, Site
from pulumi_aihw.catalog.catalog import Catalog, or_list, unknown_accelerator_message
from pulumi_aihw.catalog.models import Accelerator
from pulumi_aihw.errors import InventoryError, Problem
from pulumi_aihw.spec.problems import did_you_mean, problems_from_validation
from pulumi_aihw.spec.schema import register_schema_kind
from pulumi_aihw.spec.source import PathKey, SourceMap, read_text, read_yaml
from pulumi_aihw.vocab import Family

INVENTORY_SCHEMA_FILE = "inventory.schema.json"
ENROLLABLE_VENDORS: dict[str, str] = {"NVIDIA": "nvidia", "AMD": "amd"}
"""GPU vendors the enrollment scripts drive (catalog vendor -> script vendor)."""

register_schema_kind("inventory", Inventory, INVENTORY_SCHEMA_FILE)


@dataclass(frozen=True)
class LoadedInventory:
    """A validated inventory, with each server's accelerator resolved against the catalog."""

    inventory: Inventory
    file: str
    """The file as the user named it (relative to the working directory where possible)."""
    accelerators: Mapping[str, Accelerator]
    """Server name -> its accelerator (``gpu.tdp_watts`` applied where given)."""
    source: SourceMap

    def site(self, name: str) -> Site:
        return next(s for s in self.inventory.sites if s.name == name)

    def rack(self, name: str) -> Rack:
        return next(r for r in self.inventory.racks if r.name == name)

    def server(self, name: str) -> Server:
        return next(s for s in self.inventory.servers if s.name == name)

    def site_of(self, server: Server) -> Site:
        return self.site(self.rack(server.rack).site)

    def vendor_of(self, server: Server) -> str:
        """``nvidia`` or ``amd``: which driver stack and verify tool enrollment uses."""
        return ENROLLABLE_VENDORS[self.accelerators[server.name].vendor]


def load_inventory(path: str | os.PathLike[str], catalog: Catalog) -> LoadedInventory:
    """Read and validate an inventory file; :class:`InventoryError` lists every problem."""
    file = str(path)
    text = read_text(Path(path), "inventory file", InventoryError)
    data, lines = read_yaml(text, file, InventoryError)
    smap = SourceMap(file=file, base_dir=Path(path).resolve().parent, entries=lines)
    try:
        inventory = Inventory.model_validate(data)
    except ValidationError as exc:
        raise InventoryError(problems_from_validation(exc, Inventory, smap)) from None
    problems = list(_cross_references(inventory, smap))
    accelerators, more = _accelerators(inventory, catalog, smap)
    problems.extend(more)
    if problems:
        raise InventoryError(problems)
    return LoadedInventory(inventory, file, MappingProxyType(accelerators), smap)


def _cross_references(inv: Inventory, smap: SourceMap) -> Iterable[Problem]:
    yield from _unique(smap, "sites", [s.name for s in inv.sites], "site")
    yield from _unique(smap, "racks", [r.name for r in inv.racks], "rack")
    yield from _unique(smap, "servers", [s.name for s in inv.servers], "server")
    hosts = [f"{s.ssh.host}:{s.ssh.port}" for s in inv.servers]
    yield from _unique(smap, "servers", hosts, "SSH address", field=("ssh", "host"))
    sites = [s.name for s in inv.sites]
    for i, rack in enumerate(inv.racks):
        if rack.site not in sites:
            yield _unknown(smap, ("racks", i, "site"), "site", rack.site, sites)
    racks = [r.name for r in inv.racks]
    for i, server in enumerate(inv.servers):
        if server.rack not in racks:
            yield _unknown(smap, ("servers", i, "rack"), "rack", server.rack, racks)


def _unique(
    smap: SourceMap, section: str, names: list[str], what: str, field: PathKey = ("name",)
) -> Iterable[Problem]:
    first: dict[str, int] = {}
    for i, name in enumerate(names):
        if name in first:
            where = smap.locate((section, first[name], *field))
            line = f" (first on line {where.line})" if where and where.line else ""
            yield smap.problem(
                (section, i, *field),
                f"duplicate {what} '{name}'{line}: each {what} must be listed once",
            )
        else:
            first[name] = i


def _unknown(smap: SourceMap, path: PathKey, what: str, value: str, known: list[str]) -> Problem:
    hint = did_you_mean(value, known)
    return smap.problem(
        path,
        f"unknown {what} '{value}'.{hint} Known {what}s: {or_list(sorted(known)) or 'none'}.",
    )


def _accelerators(
    inv: Inventory, catalog: Catalog, smap: SourceMap
) -> tuple[dict[str, Accelerator], list[Problem]]:
    out: dict[str, Accelerator] = {}
    problems: list[Problem] = []
    for i, server in enumerate(inv.servers):
        acc = catalog.find_accelerator(server.gpu.model)
        if acc is None:
            message = unknown_accelerator_message(catalog, server.gpu.model)
            problems.append(smap.problem(("servers", i, "gpu", "model"), message))
            continue
        if acc.family is not Family.GPU or acc.vendor not in ENROLLABLE_VENDORS:
            problems.append(
                smap.problem(
                    ("servers", i, "gpu", "model"),
                    f"{acc.name} is an {acc.vendor} {acc.family} accelerator; bare-metal "
                    f"servers must carry {' or '.join(ENROLLABLE_VENDORS)} GPUs "
                    "(the enrollment scripts install and verify their drivers)",
                )
            )
            continue
        if server.gpu.tdp_watts is not None:
            acc = acc.model_copy(update={"tdp_watts": server.gpu.tdp_watts})
        elif acc.tdp_watts is None:
            problems.append(
                smap.problem(
                    ("servers", i, "gpu"),
                    f"the catalog publishes no power figure for {acc.name}: give gpu.tdp_watts "
                    "(rated watts per card) so its rack power and energy cost can be counted",
                )
            )
            continue
        out[server.name] = acc
    return out, problems
