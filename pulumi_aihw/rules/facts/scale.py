"""How many units a resource runs, and which types it may launch.

An autoscaled node group has a range (minimum to maximum) and a figure the rules judge:
the desired count where the resource has one. A Karpenter NodePool has no desired size;
it grows to what its limits allow, so it is judged at that limit. A resource that may
launch several types (a node group's instance types, a NodePool's requirements) has one
:class:`Choice` per type.
"""

from __future__ import annotations

from dataclasses import dataclass

from pulumi_aihw.catalog.models import Accelerator, Offering


class Basis:
    """Where the figure comes from (the words the rules' messages use)."""

    FIXED = "fixed"
    DESIRED = "desired"
    INITIAL = "initial"
    MINIMUM = "minimum"
    LIMIT = "limit"


@dataclass(frozen=True)
class Scale:
    """Units (nodes, instances, slices): the figure rules judge and the range around it."""

    figure: int | None
    minimum: int | None = None
    maximum: int | None = None
    basis: str = Basis.FIXED
    unit: str = "node"
    note: str = ""
    """How the figure was reached when it is not read directly ("3 per zone x 2 zones")."""

    @classmethod
    def fixed(cls, count: int | None, unit: str = "node", note: str = "") -> Scale:
        return cls(count, count, count, Basis.FIXED, unit, note)

    def _count(self, n: int | None) -> str:
        if n is None:
            return f"an unknown number of {self.unit}s"
        return f"{n:g} {self.unit}{'' if n == 1 else 's'}"

    def describe(self) -> str:
        """``1 node desired (0 to 2)``, ``up to 24 nodes, as many as its limits allow (...)``."""
        note = f"; {self.note}" if self.note else ""
        count = self._count(self.figure)
        if self.basis == Basis.LIMIT:
            return f"up to {count}, as many as its limits allow ({self.note or 'no limits'})"
        if self.basis == Basis.FIXED or self.minimum == self.maximum == self.figure:
            return f"{count} ({self.note})" if self.note else count
        bounds = f"{_n(self.minimum)} to {_n(self.maximum)}"
        return f"{count} {self.basis} ({bounds}{note})"


def _n(value: int | None) -> str:
    return "?" if value is None else f"{value:g}"


@dataclass(frozen=True)
class Choice:
    """One type a resource may launch, as the catalog knows it."""

    name: str
    offering: Offering | None
    accelerator: Accelerator | None
    accelerator_count: float | None
    units: int | None = None
    """Units of this type the resource's limits allow (NodePools); ``None`` elsewhere."""
