"""What the policy rules ask the planner, as explicit functions.

Rules judge what a stack deploys against what the planner would choose for the same
spec. They never re-run :func:`~pulumi_aihw.planner.plan.plan` themselves: they call

- :func:`planned` — the plan for a spec (cached per spec and catalog: several rules ask
  for the same workload), or ``None`` when the spec cannot be planned against this
  catalog;
- :func:`alternatives` — the plan for the same demand with any ``pin`` dropped: what
  else would do the job;
- :func:`evaluate_deployed` — the planner's sizing, price and power of one offering at
  the unit count actually deployed.

All three are pure and deterministic for a given spec and catalog.
"""

from __future__ import annotations

import functools

from pulumi_aihw.catalog.catalog import Catalog
from pulumi_aihw.catalog.models import Offering
from pulumi_aihw.errors import AihwError
from pulumi_aihw.planner.assumptions import DEFAULT_ASSUMPTIONS
from pulumi_aihw.planner.candidates import Evaluator
from pulumi_aihw.planner.models import Candidate, Plan
from pulumi_aihw.planner.plan import plan
from pulumi_aihw.spec.models import WorkloadSpec


@functools.lru_cache(maxsize=128)
def _planned(spec_json: str, catalog: Catalog) -> Plan | None:
    try:
        return plan(WorkloadSpec.model_validate_json(spec_json), catalog)
    except AihwError:
        return None


def planned(spec: WorkloadSpec, catalog: Catalog) -> Plan | None:
    """The planner's plan for ``spec`` with the default objective and assumptions, or
    ``None`` when ``spec`` names something ``catalog`` does not know."""
    return _planned(spec.model_dump_json(), catalog)


def alternatives(spec: WorkloadSpec, catalog: Catalog) -> Plan | None:
    """The plan for the same workload with any ``pin`` dropped: every candidate that
    would meet the same demand, ranked."""
    return planned(spec.model_copy(update={"pin": None}), catalog)


def evaluate_deployed(
    spec: WorkloadSpec, catalog: Catalog, offering: Offering, units: int
) -> Candidate:
    """``offering`` at ``units`` sized, priced and judged for ``spec`` as the planner
    would (feasible or not, with its reasons)."""
    return Evaluator(spec, catalog, DEFAULT_ASSUMPTIONS).evaluate(offering, units=units)
