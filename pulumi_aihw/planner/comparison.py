"""The comparison the plan exists for: the best candidate of each hardware family side by
side, and the price of portability (the cheapest portable candidate against the cheapest
overall).

Computed once from the ranked candidates of a plan, never by planning again: the best of
a family is its first feasible candidate in rank order; the price of portability compares
costs of candidates the plan already judged. A candidate rejected only because portability
rules it out (``portability: required``, or a mandatory vendor-SDK policy) still counts as
"cheapest overall": what the same spec would choose with ``portability: none``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pulumi_aihw.planner.economics import PORTABILITY_REQUIRED, is_portable
from pulumi_aihw.planner.estimates import MetricBasis, brief_dict, estimate_dict, money
from pulumi_aihw.planner.families import HardwareFamily, hardware_family
from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.planner.ranking import cost_key, sort_key
from pulumi_aihw.vocab import Framework, Objective

LIMIT_CATEGORIES = frozenset({"over budget", "over power cap"})
"""Rejections by the spec's own limits: a portable candidate rejected only by them is the
"closest portable" when none is feasible (what portability would cost here)."""

PORTABILITY_CATEGORIES = frozenset({PORTABILITY_REQUIRED, "mandatory policy AIHW-LOCK-002"})
"""Rejection categories that only say "not portable": such a candidate is what the same
spec would choose without the portability constraint."""


def family_of(c: Candidate) -> HardwareFamily:
    return hardware_family(c.accelerator, c.offering.deployment, c.offering.provider)


def frameworks_not_native(c: Candidate) -> tuple[str, ...]:
    """Frameworks of the vocabulary the candidate's accelerator does not run natively
    (those of the spec never are: a candidate missing one is rejected)."""
    return tuple(f.value for f in Framework if f not in c.accelerator.frameworks)


@dataclass(frozen=True)
class FamilyBest:
    """The best feasible candidate of one family (first in rank order)."""

    family: HardwareFamily
    candidate: Candidate
    feasible: int
    """Feasible candidates of the family."""

    def to_dict(self, basis: MetricBasis) -> dict[str, Any]:
        """The family's row: what the candidate is, then every estimate as ``{value, low,
        high}`` (:func:`~pulumi_aihw.planner.estimates.estimate_dict`)."""
        c = self.candidate
        return {
            "family": str(self.family),
            "family_label": self.family.label,
            "feasible_candidates": self.feasible,
            "rank": c.rank,
            **brief_dict(c),
            "accelerator": c.accelerator.id,
            "accelerators": c.accelerators,
            "usd_total": None if c.usd_total is None else round(c.usd_total, 2),
            "lock_in": c.lock_in.to_dict(),
            "frameworks_not_native": list(frameworks_not_native(c)),
            **estimate_dict(c, basis),
        }


@dataclass(frozen=True)
class PortabilityCost:
    """Cheapest portable candidate against the cheapest overall, by cost."""

    cheapest: Candidate | None
    portable: Candidate | None
    closest_portable: Candidate | None = None
    """Without a feasible portable candidate: the cheapest portable one rejected only by
    the budget or power cap."""

    @property
    def usd(self) -> float | None:
        """What portability adds (per month, or for the run); ``None`` when unknown."""
        if self.cheapest is None or self.portable is None:
            return None
        a, b = money(self.portable), money(self.cheapest)
        return None if a is None or b is None else a - b

    @property
    def kw(self) -> float | None:
        if self.cheapest is None or self.portable is None:
            return None
        a, b = self.portable.power_kw, self.cheapest.power_kw
        return None if a is None or b is None else a - b

    @property
    def free(self) -> bool:
        """The cheapest candidate is portable already."""
        return self.cheapest is not None and self.cheapest is self.portable

    def to_dict(self) -> dict[str, Any]:
        def side(c: Candidate | None) -> dict[str, Any] | None:
            return None if c is None else {**brief_dict(c), "family": str(family_of(c))}

        usd, kw = self.usd, self.kw
        training = self.cheapest is not None and self.cheapest.usd_total is not None
        return {
            "cheapest": side(self.cheapest),
            "cheapest_portable": side(self.portable),
            "closest_portable": None
            if self.closest_portable is None
            else {
                **(side(self.closest_portable) or {}),
                "rejected_because": list(self.closest_portable.rejected_because),
            },
            "usd": None if usd is None else round(usd, 2),
            "usd_unit": "run" if training else "month",
            "percent": _percent(usd, self.cheapest),
            "power_kw": None if kw is None else round(kw, 3),
            "lock_in": None
            if self.cheapest is None or self.portable is None
            else {"from": str(self.cheapest.lock_in.level), "to": str(self.portable.lock_in.level)},
        }


def _percent(delta: float | None, base: Candidate | None) -> float | None:
    usd = None if base is None else money(base)
    if delta is None or not usd:
        return None
    return round(100 * delta / usd, 1)


@dataclass(frozen=True)
class Comparison:
    families: tuple[FamilyBest, ...]
    portability: PortabilityCost
    basis: MetricBasis

    def to_dict(self) -> dict[str, Any]:
        return {
            "best_per_family": [f.to_dict(self.basis) for f in self.families],
            "portability_cost": self.portability.to_dict(),
        }


def best_per_family(ranked: Sequence[Candidate]) -> tuple[FamilyBest, ...]:
    """One row per family with a feasible candidate: its first in rank order."""
    first: dict[HardwareFamily, Candidate] = {}
    counts: dict[HardwareFamily, int] = {}
    for c in ranked:
        if not c.feasible:
            continue
        fam = family_of(c)
        counts[fam] = counts.get(fam, 0) + 1
        first.setdefault(fam, c)
    return tuple(
        FamilyBest(fam, first[fam], counts[fam]) for fam in sorted(first, key=lambda f: f.order)
    )


def _only(c: Candidate, categories: tuple[str, ...]) -> bool:
    """Rejected, and only for reasons of these categories (each ``category: detail``)."""
    return bool(c.rejected_because) and all(r.startswith(categories) for r in c.rejected_because)


_NOT_PORTABLE = tuple(f"{cat}:" for cat in sorted(PORTABILITY_CATEGORIES))
_LIMITS = tuple(f"{cat}:" for cat in sorted(LIMIT_CATEGORIES))


def portability_cost(candidates: Iterable[Candidate], basis: MetricBasis) -> PortabilityCost:
    """Cheapest (feasible, or rejected only as not portable) against cheapest portable
    feasible candidate, ordered as the cost objective orders them (ties included). One
    pass; a candidate's sort key is built only when its cost could win."""
    key = sort_key(Objective.COST, basis)
    best: dict[str, tuple[tuple[object, ...], Candidate]] = {}

    def offer(slot: str, c: Candidate) -> None:
        held = best.get(slot)
        if held is not None and cost_key(c) > cost_key(held[1]):
            return
        k = key(c)
        if held is None or k < held[0]:
            best[slot] = (k, c)

    for c in candidates:
        if c.usd_per_month is None and c.usd_total is None:
            continue
        if c.feasible:
            offer("cheapest", c)
            if is_portable(c.accelerator):
                offer("portable", c)
        elif _only(c, _NOT_PORTABLE):
            offer("cheapest", c)
        elif _only(c, _LIMITS) and is_portable(c.accelerator):
            offer("closest", c)
    cheapest, portable, closest = (
        best[s][1] if s in best else None for s in ("cheapest", "portable", "closest")
    )
    if cheapest is not None and portable is not None and cost_key(portable) <= cost_key(cheapest):
        cheapest = portable
    return PortabilityCost(cheapest, portable, None if portable is not None else closest)


def compare(candidates: Sequence[Candidate], basis: MetricBasis) -> Comparison:
    """The comparison of a plan's candidates (feasible ones in rank order first)."""
    return Comparison(best_per_family(candidates), portability_cost(candidates, basis), basis)
