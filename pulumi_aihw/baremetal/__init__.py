"""Bare-metal GPU servers: the inventory, rack power, TCO and planner candidates.

Pure (no Pulumi): :mod:`~pulumi_aihw.baremetal.inventory` loads and checks the
inventory file, :mod:`~pulumi_aihw.baremetal.tco` prices a server per month,
:mod:`~pulumi_aihw.baremetal.placement` places servers against rack power budgets and
:mod:`~pulumi_aihw.baremetal.candidates` turns free servers into planner candidates.
The enrollment component lives in :mod:`pulumi_aihw.targets.baremetal`.
"""

from pulumi_aihw.baremetal.candidates import candidates_for_spec, inventory_candidates
from pulumi_aihw.baremetal.inventory import LoadedInventory, load_inventory
from pulumi_aihw.baremetal.models import Inventory
from pulumi_aihw.baremetal.placement import Placement, RackPower, place
from pulumi_aihw.baremetal.tco import Tco, server_tco

__all__ = [
    "Inventory",
    "LoadedInventory",
    "Placement",
    "RackPower",
    "Tco",
    "candidates_for_spec",
    "inventory_candidates",
    "load_inventory",
    "place",
    "server_tco",
]
