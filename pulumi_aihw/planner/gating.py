"""The planner's side of the policy gates: reject the candidates a rule the spec's profile
makes mandatory would flag (:mod:`pulumi_aihw.planner.gates` owns the predicates).

Per-candidate gates judge each candidate alone; gates that compare with alternatives
(single cloud, high-TDP, oversized) compare with the candidates the planner found
feasible before any profile gate, as the rules do (they ask the planner for the spec
without its profile). Under a ``pin`` those are the pinned candidates only: the planner
keeps a pin, and ``aihw check`` may still report it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from pulumi_aihw.catalog.catalog import Catalog
from pulumi_aihw.planner.economics import hours_per_day
from pulumi_aihw.planner.gates import (
    HIGH_TDP_WATTS,
    MAX_CATALOG_AGE_DAYS,
    MIN_HOURS_PER_DAY,
    MIN_POWER_SAVINGS_PERCENT,
    OVERSIZE_FACTOR,
    PolicyView,
    gate_sequence,
    high_tdp,
    idle_on_demand,
    lower_power_alternative,
    no_way_out,
    oversized_alternative,
    price_age_days,
    reason,
    vendor_sdk_conflict,
)
from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.vocab import Phase, Portability

Check = Callable[[Candidate], str | None]


def _name(c: Candidate) -> str:
    return f"{c.provider} {c.offering.offering}"


def _single(spec: WorkloadSpec, view: PolicyView, rule_id: str) -> Check | None:
    """The per-candidate check of ``rule_id`` (``None``: it compares alternatives)."""
    if rule_id == "AIHW-LOCK-002":
        sdks = view.setting(rule_id, "vendorSdks", None)
        portability = spec.constraints.portability

        def lock_002(c: Candidate) -> str | None:
            acc = c.accelerator
            kw = {} if sdks is None else {"sdks": tuple(sdks)}
            if not vendor_sdk_conflict(acc, portability, Portability.PREFERRED, **kw):
                return None
            return f"{acc.name} needs the {acc.vendor_sdk} while portability is preferred"

        return lock_002
    if rule_id == "AIHW-POWER-004":
        ignore = set(view.setting(rule_id, "ignoreAccelerators", []))

        def power_004(c: Candidate) -> str | None:
            if c.power_kw is not None or c.accelerator.id in ignore:
                return None
            return f"power unknown for {c.accelerator.name}"

        return power_004
    if rule_id == "AIHW-COST-002":
        hours = hours_per_day(spec)
        minimum = float(view.setting(rule_id, "minHoursPerDay", MIN_HOURS_PER_DAY))
        purchase = str(spec.constraints.purchase_option)

        def cost_002(c: Candidate) -> str | None:
            priced = c.offering.on_demand_usd_per_hour is not None
            if not (priced and idle_on_demand(purchase, hours, minimum)):
                return None
            return f"needed {hours:g} h/day on on-demand capacity (under {minimum:g} h/day)"

        return cost_002
    if rule_id == "AIHW-LOCK-005":
        block = spec.deploy.aws.capacity_block
        buys = block is not None and block.purchase
        days = block.duration_hours / 24 if block is not None else 0.0
        max_days = float(view.setting(rule_id, "maxTermDays", 0))

        def lock_005(c: Candidate) -> str | None:
            if not buys or days <= max_days:
                return None
            return f"the spec buys an EC2 Capacity Block ({days:g} days) that cannot be undone"

        return lock_005
    return None


def _compared(
    spec: WorkloadSpec, catalog: Catalog, view: PolicyView, rule_id: str, pool: Sequence[Candidate]
) -> Check | None:
    """The check of ``rule_id`` against the other feasible candidates in ``pool``."""
    if rule_id == "AIHW-COST-005":
        max_days = int(view.setting(rule_id, "maxCatalogAgeDays", MAX_CATALOG_AGE_DAYS))

        def cost_005(c: Candidate) -> str | None:
            age = price_age_days(c.as_of, catalog.as_of)
            if age <= max_days:
                return None
            return f"its price is from {c.as_of} ({age} days before the catalog's date)"

        return cost_005
    if rule_id == "AIHW-LOCK-004":
        ignore = set(view.setting(rule_id, "ignoreFamilies", []))

        def lock_004(c: Candidate) -> str | None:
            only = catalog.sole_provider(c.accelerator.family)
            if str(c.accelerator.family) in ignore or not no_way_out(only, pool):
                return None
            return f"{c.accelerator.family} is sold only by {only}, no feasible way out elsewhere"

        return lock_004
    demand = spec.demand
    if spec.phase is not Phase.INFERENCE or demand is None:
        return None
    if rule_id == "AIHW-POWER-003":
        watts = float(view.setting(rule_id, "highTdpWatts", HIGH_TDP_WATTS))
        pct = float(view.setting(rule_id, "minSavingsPercent", MIN_POWER_SAVINGS_PERCENT))

        def power_003(c: Candidate) -> str | None:
            if not high_tdp(c.accelerator, watts):
                return None
            alt = lower_power_alternative(c.it_power_kw, pool, pct)
            return None if alt is None else f"{_name(alt)} meets the demand with less power"

        return power_003
    if rule_id == "AIHW-COST-003":
        factor = float(view.setting(rule_id, "oversizeFactor", OVERSIZE_FACTOR))
        wanted = demand.total_tokens_per_second

        def cost_003(c: Candidate) -> str | None:
            tps = c.sizing.tokens_per_second if c.sizing is not None else None
            cost = c.usd_per_month
            alt = None if cost is None else oversized_alternative(tps, wanted, cost, pool, factor)
            return None if alt is None else f"oversized: {_name(alt)} meets the demand for less"

        return cost_003
    return None


def _reject(c: Candidate, rule_id: str, detail: str, view: PolicyView) -> Candidate:
    return replace(c, rejected_because=(*c.rejected_because, reason(rule_id, detail, view)))


def apply_profile_gates(
    candidates: list[Candidate], spec: WorkloadSpec, catalog: Catalog, view: PolicyView
) -> list[Candidate]:
    """``candidates`` with a ``mandatory policy <id>`` reason added where a rule the
    profile makes mandatory would flag them (infeasible ones are left as they are)."""
    rules = gate_sequence(view)
    if not rules:
        return candidates
    out = list(candidates)
    pool = [c for c in candidates if c.feasible]  # what the rules compare with: no gates
    checks = [(r, _single(spec, view, r)) for r in rules]  # per candidate first,
    checks += [(r, _compared(spec, catalog, view, r, pool)) for r in rules]  # then compared
    for rule_id, check in checks:
        if check is None:
            continue
        for i, c in enumerate(out):
            detail = check(c) if c.feasible else None
            if detail:
                out[i] = _reject(c, rule_id, detail, view)
    return out
