"""``plan(spec, catalog) -> Plan``: pure and deterministic."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from pulumi_aihw.catalog.catalog import Catalog
from pulumi_aihw.catalog.models import Offering
from pulumi_aihw.errors import LockError, Problem
from pulumi_aihw.planner.assumptions import DEFAULT_ASSUMPTIONS, Assumptions
from pulumi_aihw.planner.candidates import Evaluator
from pulumi_aihw.planner.checks import check_spec
from pulumi_aihw.planner.lock import LockedChoice, LockFile, spec_hash
from pulumi_aihw.planner.models import Candidate, Plan
from pulumi_aihw.planner.ranking import cost_key, rank
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.vocab import Objective, Provider


def plan(
    spec: WorkloadSpec,
    catalog: Catalog,
    *,
    objective: Objective | str = Objective.COST,
    assumptions: Assumptions = DEFAULT_ASSUMPTIONS,
    lock: LockFile | None = None,
    extra_candidates: Iterable[Candidate] = (),
) -> Plan:
    """Size, price and rank every offering in ``catalog`` for ``spec``.

    ``extra_candidates`` are candidates built elsewhere (owned bare-metal servers
    from an inventory) to rank alongside the catalog's. Raises
    :class:`~pulumi_aihw.errors.SpecError` for catalog-level spec mistakes and
    :class:`~pulumi_aihw.errors.LockError` if a matching lock names hardware the
    catalog no longer has. An infeasible spec is not an error here: the plan's
    ``chosen`` is ``None`` and every candidate says why it was rejected.
    """
    objective = Objective(objective)
    notices = check_spec(spec, catalog)
    evaluator = Evaluator(spec, catalog, assumptions)
    extra = tuple(extra_candidates)
    evaluated = [evaluator.evaluate_group(g) for g in catalog.groups]
    evaluated.extend(extra)
    feasible = rank([c for c in evaluated if c.feasible], objective, spec, assumptions)
    rejected = sorted((c for c in evaluated if not c.feasible), key=_rejected_order)
    chosen = feasible[0] if feasible else None
    h = spec_hash(spec)
    lock_status = None
    if lock is not None:
        if lock.spec_hash == h:
            lock_status = "honoured"
            chosen, feasible, rejected, note = _apply_lock(
                lock, evaluator, feasible, rejected, extra
            )
            notices.append(note)
        else:
            lock_status = "stale"
            notices.append(
                "lock file no longer matches the spec (the spec changed since `aihw plan --lock`); "
                "planned afresh. Run `aihw plan --lock` to pin the new choice."
            )
    return Plan(
        workload=spec.name,
        phase=str(spec.phase),
        objective=objective,
        catalog_as_of=catalog.as_of,
        spec_hash=h,
        candidates=(*feasible, *rejected),
        chosen=chosen,
        notices=tuple(notices),
        lock_status=lock_status,
        purchase_option=str(spec.constraints.purchase_option),
    )


def _rejected_order(c: Candidate) -> tuple[object, ...]:
    """Closest misses first: candidates the placement rules allow, then fewest reasons,
    then cheapest, then by name."""
    return (
        c.excluded,
        len(c.rejected_because),
        cost_key(c),
        c.provider,
        c.offering.offering,
        c.region or "",
    )


def _apply_lock(
    lock: LockFile,
    evaluator: Evaluator,
    feasible: list[Candidate],
    rejected: list[Candidate],
    extra: tuple[Candidate, ...] = (),
) -> tuple[Candidate, list[Candidate], list[Candidate], str]:
    """Re-evaluate the locked offering at the locked unit count and put it first (an extra
    candidate, e.g. owned servers from an inventory, is taken as it was evaluated)."""
    want = lock.chosen
    found = [
        c
        for c in extra
        if (c.provider, c.offering.offering, c.region)
        == (want.provider, want.offering, want.region)
    ]
    if found:
        cand = replace(found[0], locked=True)
    else:
        offering = _locked_offering(want, evaluator.catalog)
        cand = replace(evaluator.evaluate(offering, units=want.units), locked=True)
    others = [c for c in (*feasible, *rejected) if c.offering.key != cand.offering.key]
    still_feasible = [c for c in others if c.feasible]
    still_rejected = [c for c in others if not c.feasible]
    if not cand.feasible:
        note = (
            "locked choice is no longer feasible: "
            + "; ".join(cand.rejected_because)
            + ". Run `aihw plan --lock` to re-plan deliberately."
        )
        return cand, still_feasible, [cand, *still_rejected], note
    cand = replace(
        cand, rank=1, rank_reason=f"pinned by the lock file (catalog as of {lock.catalog_as_of})"
    )
    ranked = [replace(c, rank=i) for i, c in enumerate(still_feasible, start=2)]
    note = (
        f"lock file honoured: {want.offering} in {want.region or '-'} x{want.units}, "
        f"locked with the catalog as of {lock.catalog_as_of}"
    )
    if lock.catalog_as_of != evaluator.catalog.as_of:
        note += f" (the catalog is now as of {evaluator.catalog.as_of})"
    return cand, [cand, *ranked], still_rejected, note


def _locked_offering(want: LockedChoice, catalog: Catalog) -> Offering:
    for o in catalog.find(provider=want.provider, offering=want.offering):
        if o.region == want.region:
            return o
    if want.provider == Provider.OWNED:
        raise LockError(
            Problem(
                f"the lock file pins owned servers {want.offering} at {want.region or '-'}, which "
                "the inventory no longer offers (none free of that shape there). Run `aihw plan "
                "--lock` to re-plan deliberately, or free those servers in the inventory."
            )
        )
    raise LockError(
        Problem(
            f"the lock file pins {want.provider} {want.offering} in {want.region or '-'}, which "
            "the catalog no longer has. Run `aihw plan --lock` to re-plan deliberately, or use the "
            "catalog snapshot the lock was made with (--catalog / AIHW_CATALOG)."
        )
    )
