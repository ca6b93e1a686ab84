"""Amend a finished plan with facts found after planning (e.g. preflight): extra
rejection reasons and warnings per candidate, then rank again.

``plan()`` itself is unchanged; callers that learn nothing new never call this.
A lock keeps its meaning: a locked choice that gains a rejection stays chosen but
infeasible (as when the catalog no longer fits it), so the workload never moves to
other hardware silently.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from pulumi_aihw.planner.assumptions import DEFAULT_ASSUMPTIONS, Assumptions
from pulumi_aihw.planner.comparison import compare
from pulumi_aihw.planner.models import Candidate, Plan
from pulumi_aihw.planner.plan import _rejected_order
from pulumi_aihw.planner.ranking import rank
from pulumi_aihw.spec.models import WorkloadSpec


def amend_plan(
    plan: Plan,
    spec: WorkloadSpec,
    *,
    rejections: Mapping[str, Sequence[str]],
    warnings: Mapping[str, Sequence[str]] | None = None,
    notices: Sequence[str] = (),
    assumptions: Assumptions = DEFAULT_ASSUMPTIONS,
) -> Plan:
    """A new plan where the candidates keyed ``provider:offering@region`` in
    ``rejections`` carry those extra reasons, ``warnings`` are added, and the
    feasible rest are ranked again (unless a lock pins the choice)."""
    warn = warnings or {}

    def update(c: Candidate) -> Candidate:
        extra_r = tuple(rejections.get(c.offering.key, ()))
        extra_w = tuple(warn.get(c.offering.key, ()))
        if not extra_r and not extra_w:
            return c
        out = replace(
            c,
            rejected_because=tuple(dict.fromkeys((*c.rejected_because, *extra_r))),
            warnings=tuple(dict.fromkeys((*c.warnings, *extra_w))),
        )
        return replace(out, rank=None, rank_reason="") if extra_r else out

    updated = [update(c) for c in plan.candidates]
    rejected = sorted((c for c in updated if not c.feasible), key=_rejected_order)
    feasible = [c for c in updated if c.feasible]
    chosen: Candidate | None
    if plan.chosen is not None and plan.chosen.locked:
        chosen = update(plan.chosen)
    else:
        feasible = rank(feasible, plan.objective, spec, assumptions)
        chosen = feasible[0] if feasible else None
    candidates = (*feasible, *rejected)
    return replace(
        plan,
        candidates=candidates,
        chosen=chosen,
        notices=(*plan.notices, *notices),
        comparison=compare(candidates, plan.basis),
    )
