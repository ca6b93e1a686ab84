"""Preflight a plan: ask the clouds about the chosen candidate and the next ones.

Checkers are looked up per provider in an explicit registry of factories; a
checker is built on the first candidate of its provider, so a cloud no candidate
uses is never called and needs no credentials. Pure apart from what the checkers
do: this module imports no cloud SDK.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Protocol

from pulumi_aihw.planner.models import Candidate, Plan
from pulumi_aihw.preflight.models import CandidateChecks, Check, CheckName, PreflightReport, Status
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.vocab import Deployment


class Checker(Protocol):
    """Answers the preflight questions for one provider's candidates."""

    def check(self, cand: Candidate, spec: WorkloadSpec) -> list[Check]: ...


CheckerFactories = Mapping[str, Callable[[], Checker]]


def candidates_to_check(plan: Plan, top: int) -> list[Candidate]:
    """The chosen candidate (even if a lock made it infeasible) and the next ``top``
    feasible ones, in rank order."""
    chosen = plan.chosen
    out = [] if chosen is None else [chosen]
    seen = {c.offering.key for c in out}
    for c in plan.feasible:
        if len(out) >= top + (1 if chosen is not None else 0):
            break
        if c.offering.key not in seen:
            out.append(c)
            seen.add(c.offering.key)
    return out


def run_preflight(
    plan: Plan,
    spec: WorkloadSpec,
    candidates: Iterable[Candidate],
    factories: CheckerFactories,
    *,
    now: dt.datetime,
) -> PreflightReport:
    """Check each candidate with its provider's checker; bare metal and providers
    without a checker get a ``skip`` saying why."""
    checkers: dict[str, Checker] = {}
    results = []
    for cand in candidates:
        provider = cand.provider
        if cand.offering.deployment is Deployment.BARE_METAL:
            checks = [_skip("bare metal: no cloud to ask; `aihw` enrolls the servers instead")]
        elif provider not in factories:
            checks = [
                _skip(f"no preflight for provider {provider} (checked: {', '.join(factories)})")
            ]
        else:
            if provider not in checkers:
                checkers[provider] = factories[provider]()
            checks = checkers[provider].check(cand, spec)
        results.append(
            CandidateChecks(
                key=cand.offering.key,
                provider=provider,
                offering=cand.offering.offering,
                region=cand.region,
                units=cand.units,
                rank=cand.rank,
                chosen=plan.chosen is not None and cand.offering.key == plan.chosen.offering.key,
                checks=tuple(checks),
            )
        )
    called = sorted(checkers) or ["none"]
    notices = [f"clouds asked: {', '.join(called)}; candidates checked: {len(results)}"]
    return PreflightReport(
        workload=plan.workload,
        catalog_as_of=plan.catalog_as_of,
        checked_at=now,
        candidates=tuple(results),
        notices=tuple(notices),
    )


def _skip(message: str) -> Check:
    return Check(CheckName.APPLICABLE, Status.SKIP, f"not applicable: {message}")
