"""Policy gates: the predicates the planner and the policy rules share, one owner each, and
the planner's use of them so it never chooses what the policy pack would flag as a
mandatory violation for the same spec.

Every rule that judges a planned choice asks one function here (the rule keeps its
wording, facts and config handling); the planner asks the same function:

- always, for the rules that are mandatory by default and whose facts the spec holds:
  frameworks (``AIHW-LOCK-003``), vendor SDK under ``portability: required``
  (``AIHW-LOCK-001``), budget (``AIHW-COST-001``, also with the profile's
  ``maxUsdPerMonth`` for specs without a budget) and the stack power cap
  (``AIHW-POWER-001`` ``maxStackKw`` from the profile: one workload alone over it);
- when the spec's platform profile makes a rule mandatory (its ``policy:`` section,
  the config ``aihw check`` applies to the stack): the rules in :data:`GATES` that are
  advisory by default. A spec suppression of the rule (``suppressions:``) lifts the
  gate; ``aihw check`` still judges its expiry.

A ``--policy-config`` file given only to ``aihw check`` is unknown to the planner.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from pulumi_aihw.catalog.models import Accelerator
from pulumi_aihw.planner.economics import (
    VENDOR_SDK_LOCK,
    VendorSdk,
    monthly_spend,
    needs_vendor_sdk,
)
from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.planner.power import PowerFigure
from pulumi_aihw.spec.loader import source_of
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.spec.profile import LoadedProfile
from pulumi_aihw.vocab import Family, Portability

# -- config defaults the rules declare (one owner: the rules read these) ----------

HIGH_TDP_WATTS: float = 500
"""``aihw-power-inference-high-tdp`` ``highTdpWatts``."""
MIN_POWER_SAVINGS_PERCENT: float = 20
"""``aihw-power-inference-high-tdp`` ``minSavingsPercent``."""
MIN_HOURS_PER_DAY: float = 18
"""``aihw-cost-idle-on-demand`` ``minHoursPerDay``."""
OVERSIZE_FACTOR: float = 2.0
"""``aihw-cost-oversized`` ``oversizeFactor``."""
MAX_CATALOG_AGE_DAYS: int = 180
"""``aihw-cost-catalog-stale`` ``maxCatalogAgeDays``."""

# -- shared predicates -------------------------------------------------------------


def missing_frameworks(acc: Accelerator, frameworks: Iterable[object]) -> list[str]:
    """The frameworks in ``frameworks`` that ``acc`` does not run natively."""
    return [str(f) for f in frameworks if f not in acc.frameworks]  # str enums: "jax" == JAX


def vendor_sdk_conflict(
    acc: VendorSdk,
    portability: Portability,
    level: Portability,
    sdks: Collection[str] = tuple(VENDOR_SDK_LOCK),
) -> bool:
    """``AIHW-LOCK-001``/``002``: a vendor-SDK accelerator where portability is ``level``."""
    return portability is level and needs_vendor_sdk(acc, sdks)


class Excess(NamedTuple):
    monthly: float | None
    """The monthly spend over the monthly budget, else ``None``."""
    total: float | None
    """The run's cost over the run budget, else ``None``."""


def budget_excess(
    monthly_spend: float | None,
    usd_total: float | None,
    max_per_month: float | None,
    max_total: float | None,
) -> Excess:
    """``AIHW-COST-001``: what is over which budget (unknown costs are never over)."""

    def over(value: float | None, limit: float | None) -> float | None:
        return value if value is not None and limit is not None and value > limit else None

    return Excess(over(monthly_spend, max_per_month), over(usd_total, max_total))


def over_power_cap(power_kw: float | None, cap_kw: float | None) -> bool:
    """``AIHW-POWER-001`` and ``max_power_kw``: known power above the cap."""
    return cap_kw is not None and power_kw is not None and power_kw > cap_kw


def price_age_days(price_as_of: dt.date, today: dt.date) -> int:
    """``AIHW-COST-005``: how old a price is on ``today`` (the planner, without a clock,
    asks on the catalog's date: a price stale then is stale on any later day)."""
    return (today - price_as_of).days


def idle_on_demand(purchase: str, hours_per_day: float, min_hours: float) -> bool:
    """``AIHW-COST-002``: on-demand capacity needed fewer hours a day than ``min_hours``."""
    return purchase == "on-demand" and hours_per_day < min_hours


def high_tdp(acc: Accelerator, high_tdp_watts: float) -> bool:
    """``AIHW-POWER-003``: a GPU at or above ``high_tdp_watts`` per card."""
    return acc.family is Family.GPU and (acc.tdp_watts or 0) >= high_tdp_watts


def lower_power_alternative(
    it_power_kw: float | None, others: Iterable[Candidate], min_savings_percent: float
) -> Candidate | None:
    """``AIHW-POWER-003``: the lowest-power candidate saving at least the given share of
    IT power (PUE differs between sites), or ``None``."""
    if it_power_kw is None:
        return None
    limit = it_power_kw * (1 - min_savings_percent / 100)
    better = [c for c in others if c.it_power_kw is not None and c.it_power_kw <= limit]
    return min(better, key=lambda c: (c.it_power_kw, c.usd_per_month or 0.0), default=None)


def oversized_alternative(
    tokens_per_second: float | None,
    wanted: float,
    usd_per_month: float,
    others: Iterable[Candidate],
    factor: float,
) -> Candidate | None:
    """``AIHW-COST-003``: at least ``factor`` x the demand while a cheaper candidate
    meets it: the cheapest such candidate, or ``None``."""
    if tokens_per_second is None or tokens_per_second < wanted * factor:
        return None
    cheaper = [c for c in others if c.usd_per_month is not None and c.usd_per_month < usd_per_month]
    return min(cheaper, key=lambda c: c.usd_per_month or 0.0, default=None)


def no_way_out(sole_provider: str | None, feasible: Iterable[Candidate]) -> bool:
    """``AIHW-LOCK-004``: a single-provider family and no feasible candidate elsewhere."""
    return sole_provider is not None and not any(c.provider != sole_provider for c in feasible)


# -- the spec's policy, as the planner sees it -------------------------------------

MANDATORY_LEVELS = frozenset({"mandatory", "remediate"})


@dataclass(frozen=True)
class Gate:
    """A policy rule the planner enforces when it is mandatory for the spec."""

    rule_id: str
    policy: str
    default_mandatory: bool
    """The rule's default enforcement is mandatory (``tests/test_registries.py`` checks
    it against the rule)."""
    config_keys: tuple[str, ...] = ()
    """The rule's config keys the planner reads (checked against the rule too)."""


GATES: dict[str, Gate] = {
    g.rule_id: g
    for g in (
        Gate("AIHW-COST-001", "aihw-cost-over-budget", True, ("maxUsdPerMonth",)),
        Gate("AIHW-POWER-001", "aihw-power-stack-cap", True, ("maxStackKw",)),
        Gate("AIHW-LOCK-002", "aihw-lock-vendor-sdk-preferred", False, ("vendorSdks",)),
        Gate("AIHW-LOCK-004", "aihw-lock-single-cloud", False, ("ignoreFamilies",)),
        Gate(
            "AIHW-POWER-003",
            "aihw-power-inference-high-tdp",
            False,
            ("highTdpWatts", "minSavingsPercent"),
        ),
        Gate("AIHW-POWER-004", "aihw-power-unknown", False, ("ignoreAccelerators",)),
        Gate("AIHW-COST-002", "aihw-cost-idle-on-demand", False, ("minHoursPerDay",)),
        Gate("AIHW-COST-003", "aihw-cost-oversized", False, ("oversizeFactor",)),
        Gate("AIHW-LOCK-005", "aihw-lock-irreversible-purchase", False, ("maxTermDays",)),
        Gate("AIHW-COST-005", "aihw-cost-catalog-stale", False, ("maxCatalogAgeDays",)),
    )
}
"""Rules the planner enforces, by id. The rules mandatory by default that need no
profile setting (``AIHW-LOCK-001``, ``AIHW-LOCK-003``) are the planner's own
rejections (``portability required``, ``framework unsupported``)."""


BUILT_IN: dict[str, str] = {
    "AIHW-LOCK-001": "portability required",
    "AIHW-LOCK-003": "framework unsupported",
    "AIHW-POWER-002": "rack over budget",
}
"""Rules mandatory by default that the planner's own rejections cover (rule id ->
rejection category): every spec gets them, whatever its profile says."""


@dataclass(frozen=True)
class PolicyView:
    """The ``policy:`` section of the spec's platform profile, and its suppressions."""

    config: Mapping[str, Any] = field(default_factory=dict)
    source: str = ""
    suppressed: frozenset[str] = frozenset()

    def _entry(self, policy: str) -> Mapping[str, Any]:
        value = self.config.get(policy, {})
        return {"enforcementLevel": value} if isinstance(value, str) else dict(value)

    def level(self, gate: Gate) -> str:
        own = self._entry(gate.policy).get("enforcementLevel")
        default = "mandatory" if gate.default_mandatory else "advisory"
        return str(own or self.config.get("all") or default)

    def enforced(self, rule_id: str) -> bool:
        """The rule is mandatory for this spec and not suppressed by it."""
        gate = GATES[rule_id]
        return rule_id not in self.suppressed and self.level(gate) in MANDATORY_LEVELS

    def setting(self, rule_id: str, key: str, default: Any) -> Any:
        value = self._entry(GATES[rule_id].policy).get(key)
        return default if value is None else value

    def why(self, rule_id: str) -> str:
        gate = GATES[rule_id]
        where = f" in {self.source}" if self.source else ""
        return f"{gate.policy} is {self.level(gate)}{where}"


def policy_view(spec: WorkloadSpec) -> PolicyView:
    """What the planner knows of the policy for ``spec``: its profile's ``policy:``."""
    profile = source_of(spec).profile
    suppressed = frozenset(s.rule for s in spec.suppressions)
    if isinstance(profile, LoadedProfile) and profile.profile.policy:
        return PolicyView(dict(profile.profile.policy), profile.where("policy"), suppressed)
    return PolicyView(suppressed=suppressed)


def reason(rule_id: str, detail: str, view: PolicyView) -> str:
    """A rejection reason (category ``mandatory policy <id>``)."""
    return f"mandatory policy {rule_id}: {detail} ({view.why(rule_id)})"


def any_profile_gate(view: PolicyView) -> bool:
    """Whether any gate beyond the planner's defaults applies (the fast path skips)."""
    return bool(view.config) and any(
        not g.default_mandatory and view.enforced(g.rule_id) for g in GATES.values()
    )


def gate_sequence(view: PolicyView) -> Sequence[str]:
    """The profile-enforced gates, in table order."""
    return [
        g.rule_id for g in GATES.values() if not g.default_mandatory and view.enforced(g.rule_id)
    ]


@dataclass(frozen=True)
class Limits:
    """The budgets and power caps a candidate must meet: the spec's, and those of the
    default-mandatory policies its platform profile configures (``maxUsdPerMonth`` for a
    spec without a budget, ``maxStackKw``), so the plan never chooses what ``aihw check``
    would block."""

    max_usd_per_month: float | None
    budget_source: str
    max_usd_total: float | None
    max_power_kw: float | None
    unknown_power: str
    max_stack_kw: float | None
    stack_source: str

    @classmethod
    def of(cls, spec: WorkloadSpec, view: PolicyView) -> Limits:
        c = spec.constraints
        budget, budget_source = c.max_usd_per_month, ""
        if budget is None and view.enforced("AIHW-COST-001"):
            budget = view.setting("AIHW-COST-001", "maxUsdPerMonth", None)
            budget_source = f" ({view.why('AIHW-COST-001')}, maxUsdPerMonth)"
        stack = (
            view.setting("AIHW-POWER-001", "maxStackKw", None)
            if view.enforced("AIHW-POWER-001")
            else None
        )
        stack_source = f" ({view.why('AIHW-POWER-001')}, maxStackKw: the stack's cap)"
        return cls(
            budget,
            budget_source,
            c.max_usd_total,
            c.max_power_kw,
            c.unknown_power,
            stack,
            stack_source,
        )

    def reasons(
        self, per_month: float | None, total: float | None, pw: PowerFigure, pnote: str | None
    ) -> list[str]:
        out: list[str] = []
        excess = budget_excess(
            monthly_spend(per_month, total), total, self.max_usd_per_month, self.max_usd_total
        )
        if excess.monthly is not None:
            out.append(
                f"over budget: ${excess.monthly:,.0f}/month > max "
                f"${self.max_usd_per_month:,.0f}/month{self.budget_source}"
            )
        if excess.total is not None:
            out.append(
                f"over budget: ${excess.total:,.0f} for the run > max ${self.max_usd_total:,.0f}"
            )
        if self.max_power_kw is not None and pw.cap_kw is None and self.unknown_power == "reject":
            out.append(
                f"power cannot be evaluated: {pnote}; max_power_kw {self.max_power_kw:g} "
                "(constraints.unknown_power: reject)"
            )
        if over_power_cap(pw.cap_kw, self.max_power_kw):
            out.append(f"over power cap: {_drawn(pw)} > max {self.max_power_kw:g} kW")
        elif over_power_cap(pw.cap_kw, self.max_stack_kw):
            out.append(
                f"over power cap: {_drawn(pw)} > max {self.max_stack_kw:g} kW{self.stack_source}"
            )
        return out


def _drawn(pw: PowerFigure) -> str:
    """What a power cap compares: ``1.20 kW``, or the high end of a range with its label."""
    cap_kw = pw.cap_kw
    assert cap_kw is not None and pw.kw is not None
    if pw.high_kw is not None and pw.high_kw > pw.kw:
        return f"up to {cap_kw:,.2f} kW (high end of {pw.label()})"
    return f"{cap_kw:,.2f} kW"
