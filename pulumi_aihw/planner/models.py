"""The planner's results: candidates and the plan. Plain frozen dataclasses (fast to
build by the thousand) with ``to_dict`` giving the JSON contract in design.md."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pulumi_aihw.catalog.groups import PRICE_FIELDS
from pulumi_aihw.catalog.models import Accelerator, Offering
from pulumi_aihw.planner.economics import LockIn
from pulumi_aihw.planner.power import UNKNOWN, PowerFigure
from pulumi_aihw.planner.sizing import Sizing
from pulumi_aihw.vocab import Objective


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def _pair(value: tuple[float, float] | None, digits: int) -> list[float] | None:
    return None if value is None else [round(value[0], digits), round(value[1], digits)]


@dataclass(slots=True, eq=False)
class Candidate:
    """One offering sized for the spec, priced, and judged feasible or not.

    Treat as immutable (``dataclasses.replace`` makes changed copies); not frozen only
    because frozen dataclasses are slow to build and a plan builds one per offering."""

    offering: Offering
    accelerator: Accelerator
    sizing: Sizing | None
    units: int | None
    accelerators: float | None
    usd_per_hour: float | None
    usd_per_month: float | None
    usd_total: float | None
    """Training: cost of the whole run (``None`` for inference or unknown time)."""
    power_kw: float | None
    lock_in: LockIn
    price_basis: str
    rejected_because: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    rank: int | None = None
    rank_reason: str = ""
    locked: bool = False
    """Chosen because the lock file pins it."""
    pue: float = 1.0
    """Facility power usage effectiveness included in ``power_kw`` (owned hardware; 1.0
    elsewhere). ``power_kw / pue`` is the IT power at the PDUs."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Target-specific facts (e.g. bare-metal rack placement), passed through to JSON."""
    power: PowerFigure = UNKNOWN
    """``power_kw`` with its basis and range (an estimate's low and high end)."""
    your_rate: str | None = None
    """How the team's ``pricing:`` changed the catalog price (``None``: list price)."""
    catalog_usd_per_unit_hour: float | None = None
    """The catalog's price per unit-hour before the team's rate."""
    suspect: bool = False
    """The price used disagrees with a second source: ranks behind unflagged ones."""
    other_rows: tuple[Offering, ...] = ()
    """The same offering in the other regions the spec allows (priced in JSON output)."""
    excluded: bool = False
    """Ruled out whatever its size and price (placement, pin, framework, training,
    portability): not sized, priced or powered."""

    @property
    def feasible(self) -> bool:
        return not self.rejected_because

    @property
    def provider(self) -> str:
        return str(self.offering.provider)

    @property
    def region(self) -> str | None:
        return self.offering.region

    @property
    def it_power_kw(self) -> float | None:
        """Power at the PDUs (without facility overhead): comparable across sites."""
        return None if self.power_kw is None else self.power_kw / self.pue

    @property
    def as_of(self) -> dt.date:
        o = self.offering
        dated = {
            "capacity-block": o.capacity_block_as_of,
            "spot": o.spot_as_of,
            "reserved-1y": o.reserved_as_of,
            "reserved-3y": o.reserved_as_of,
        }.get(self.price_basis)
        return dated or o.as_of

    def other_regions(self) -> list[dict[str, Any]]:
        """The other allowed regions with their catalog price of the same kind."""
        field_name = PRICE_FIELDS.get(self.price_basis)
        out = []
        for r in self.other_rows:
            price = getattr(r, field_name) if field_name else None
            out.append({"region": r.region, "usd_per_unit_hour": _round(price)})
        return sorted(
            out, key=lambda d: (d["usd_per_unit_hour"] is None, d["usd_per_unit_hour"] or 0)
        )

    def to_dict(self) -> dict[str, Any]:
        o, acc, s = self.offering, self.accelerator, self.sizing
        out: dict[str, Any] = {
            "provider": str(o.provider),
            "deployment": str(o.deployment),
            "accelerator_family": str(acc.family),
            "accelerator": acc.id,
            "accelerator_name": acc.name,
            "offering": o.offering,
            "region": o.region,
            "unit_kind": o.unit_kind,
            "units": self.units,
            "accelerators": self.accelerators,
            "hosts": None if self.units is None else self.units * o.hosts_per_unit,
            "usd_per_hour": _round(self.usd_per_hour),
            "usd_per_month": _round(self.usd_per_month, 2),
            "usd_total": _round(self.usd_total, 2),
            "power_kw": _round(self.power_kw, 3),
            "power_low_kw": _round(self.power.low_kw, 3),
            "power_high_kw": _round(self.power.high_kw, 3),
            "power_basis": str(self.power.basis),
            "power_label": self.power.label(),
            "pue": self.pue,
            "lock_in": self.lock_in.to_dict(),
            "feasible": self.feasible,
            "rejected_because": list(self.rejected_because),
            "rank": self.rank,
            "rank_reason": self.rank_reason,
            "locked": self.locked,
            "price_basis": self.price_basis,
            "your_rate": self.your_rate,
            "catalog_usd_per_unit_hour": _round(self.catalog_usd_per_unit_hour),
            "suspect_price": self.suspect,
            "flags": list(o.flags),
            "cross_checks": [c.model_dump(mode="json") for c in o.cross_checks],
            "other_regions": self.other_regions(),
            "requires_order": o.requires_order,
            "warnings": list(self.warnings),
            "sizing": None
            if s is None
            else {
                "weights_gib": _round(s.weights_gib, 2),
                "memory_needed_gib": _round(s.memory_needed_gib, 2),
                "usable_memory_per_unit_gib": _round(s.usable_memory_per_unit_gib, 2),
                "chips_per_replica": s.chips_per_replica,
                "replicas": s.replicas,
                "batch_per_replica": s.batch_per_replica,
                "tokens_per_second": _round(s.tokens_per_second, 1),
                "tokens_per_second_range": _pair(s.tokens_per_second_range, 1),
                "time_to_first_token_ms": _round(s.time_to_first_token_ms, 1),
                "time_per_output_token_ms": _round(s.time_per_output_token_ms, 2),
                "time_to_train_hours": _round(s.time_to_train_hours, 2),
                "time_to_train_hours_range": _pair(s.time_to_train_hours_range, 2),
                "estimate_basis": s.estimate_basis,
                "notes": list(s.notes),
            },
            "source": o.source,
            "as_of": self.as_of.isoformat(),
        }
        out.update(self.extra)
        return out


@dataclass(frozen=True)
class Plan:
    """The ranked candidates for one spec, and the chosen one."""

    workload: str
    phase: str
    objective: Objective
    catalog_as_of: dt.date
    spec_hash: str
    candidates: tuple[Candidate, ...]
    """Feasible candidates in rank order, then rejected ones."""
    chosen: Candidate | None
    notices: tuple[str, ...] = ()
    lock_status: str | None = None
    """``honoured``, ``stale`` (spec changed) or ``None`` (no lock file)."""
    purchase_option: str = "on-demand"

    @property
    def feasible(self) -> tuple[Candidate, ...]:
        return tuple(c for c in self.candidates if c.feasible)

    @property
    def rejected(self) -> tuple[Candidate, ...]:
        return tuple(c for c in self.candidates if not c.feasible)

    def to_dict(self) -> dict[str, Any]:
        return {
            "workload": self.workload,
            "phase": self.phase,
            "objective": str(self.objective),
            "purchase_option": self.purchase_option,
            "catalog_as_of": self.catalog_as_of.isoformat(),
            "spec_hash": self.spec_hash,
            "lock_status": self.lock_status,
            "chosen": None if self.chosen is None else self.chosen.to_dict(),
            "candidates": [c.to_dict() for c in self.candidates],
            "notices": list(self.notices),
        }
