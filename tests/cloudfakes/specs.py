"""Specs and candidates for preflight tests, built with the real loader and planner."""

from __future__ import annotations

from typing import Any

from pulumi_aihw.catalog import Catalog, load_catalog
from pulumi_aihw.planner import DEFAULT_ASSUMPTIONS, Candidate
from pulumi_aihw.planner.candidates import Evaluator
from pulumi_aihw.spec import WorkloadSpec, spec_from_dict

HOME_REGIONS = ("us-east-1", "us-central1", "us-central2")
"""The catalog's row in one of these regions is the default (the fakes' regions)."""


def spec(**overrides: Any) -> WorkloadSpec:
    """A small inference spec; top-level keys in ``overrides`` replace the defaults."""
    data: dict[str, Any] = {
        "name": "chat",
        "owner": "team-chat",
        "phase": "inference",
        "model": {"name": "llama-3-8b", "parameters_billion": 8, "precision": "bf16"},
        "frameworks": ["pytorch"],
        "demand": {"tokens_per_second": 500},
    }
    data.update(overrides)
    return spec_from_dict(data)


def candidate(
    offering: str,
    region: str | None = None,
    *,
    units: int = 1,
    workload: WorkloadSpec | None = None,
    catalog: Catalog | None = None,
    accelerator_changes: dict[str, Any] | None = None,
    **offering_changes: Any,
) -> Candidate:
    """The catalog's ``offering`` (optionally moved to ``region`` or altered), evaluated
    for ``workload`` at ``units`` units by the planner's own evaluator."""
    cat = catalog or load_catalog()
    rows = cat.find(offering=offering)
    home = [r for r in rows if r.region in HOME_REGIONS]
    row = (home or rows)[0]
    changes = dict(offering_changes)
    if region is not None:
        changes["region"] = region
    row = row.model_copy(update=changes)
    acc = cat.accelerator(row.accelerator_id)
    if accelerator_changes:
        acc = acc.model_copy(update=accelerator_changes)
    evaluator = Evaluator(workload or spec(), cat, DEFAULT_ASSUMPTIONS)
    return evaluator.evaluate(row, acc, units=units)
