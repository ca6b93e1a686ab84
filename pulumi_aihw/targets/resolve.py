"""What the Workload component decides before it makes any resource: the spec, its
plan and the chosen candidate. No Pulumi here, so it is tested directly.

Paths are resolved against ``cwd`` (a Pulumi program runs in its stack directory).
The lock file is the one beside the spec file (``aihw.lock.json``), or beside the
program for a spec given as data, unless ``lock_file`` names another.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pulumi_aihw.catalog import load_catalog
from pulumi_aihw.errors import LockError, NoFeasiblePlanError, Problem, SpecError
from pulumi_aihw.planner import LOCK_FILENAME
from pulumi_aihw.planner.models import Candidate, Plan
from pulumi_aihw.planner.summary import top_rejections
from pulumi_aihw.spec import WorkloadSpec, load_spec, spec_from_dict
from pulumi_aihw.spec.overrides import SpecOverrides
from pulumi_aihw.spec.problems import problems_from_validation
from pulumi_aihw.spec.source import SourceMap
from pulumi_aihw.vocab import Objective
from pulumi_aihw.workflow import plan_workload, read_lock


@dataclass(frozen=True)
class ResolvedWorkload:
    spec: WorkloadSpec
    plan: Plan
    chosen: Candidate
    lock_path: Path | None
    """The lock file read, if any."""
    warnings: tuple[str, ...] = ()
    """Things the component should log (a stale lock)."""


def resolve_workload(
    name: str,
    *,
    spec: WorkloadSpec | Mapping[str, Any] | None = None,
    spec_file: str | os.PathLike[str] | None = None,
    objective: str | None = None,
    lock_file: str | os.PathLike[str] | None = None,
    catalog_file: str | os.PathLike[str] | None = None,
    deploy: Mapping[str, Any] | None = None,
    overrides: SpecOverrides | None = None,
    cwd: Path | None = None,
) -> ResolvedWorkload:
    """Load the spec with ``overrides`` (stack config: name, regions, budget, profile),
    apply ``deploy`` overrides, plan (honouring a lock) and choose.

    Raises :class:`SpecError` for a bad spec or arguments, :class:`LockError` for a
    bad lock file and :class:`NoFeasiblePlanError` when nothing (or the locked
    choice no longer) fits.
    """
    base = cwd or Path.cwd()
    workload = _load(name, spec, spec_file, cwd, overrides)
    if deploy:
        workload = with_deploy(workload, deploy, name)
    lock_path = _lock_path(spec_file, lock_file, base)
    lock = read_lock(lock_path)
    if lock is None and lock_file is not None:
        raise LockError(Problem("lock file not found", file=str(lock_file)))
    if objective is not None and objective not in Objective.values():
        raise SpecError(
            f"Workload '{name}': objective '{objective}' is not one of: "
            + ", ".join(Objective.values())
        )
    catalog = load_catalog(None if catalog_file is None else base / catalog_file)
    result = plan_workload(workload, catalog, objective=objective or Objective.COST, lock=lock)
    warnings = []
    if result.lock_status == "stale":
        warnings.append(
            f"{lock_path} no longer matches the spec of workload '{workload.name}': planned "
            "afresh. Run `aihw plan --lock` to pin the new choice"
        )
    chosen = _chosen(result)
    _require_no_order(chosen, workload)
    return ResolvedWorkload(workload, result, chosen, lock_path, tuple(warnings))


def _load(
    name: str,
    spec: WorkloadSpec | Mapping[str, Any] | None,
    spec_file: str | os.PathLike[str] | None,
    cwd: Path | None,
    overrides: SpecOverrides | None = None,
) -> WorkloadSpec:
    if (spec is None) == (spec_file is None):
        raise SpecError(
            f"Workload '{name}': give the spec either as data (spec) or as a file path "
            "(spec_file), exactly one of them"
        )
    if overrides is not None and overrides.is_empty():
        overrides = None
    if spec_file is not None:
        path = Path(spec_file)  # as written, so errors name it the way the program does
        return load_spec(path if path.is_absolute() or cwd is None else cwd / path, overrides)
    if isinstance(spec, WorkloadSpec):
        if overrides is not None:
            raise SpecError(
                f"Workload '{name}': name, region, site, budget and profile overrides apply to "
                "a spec file or spec data, not to a spec object already loaded. To fix: pass "
                "them to pulumi_aihw.load_spec(path, overrides) instead"
            )
        return spec
    assert spec is not None
    base = cwd or Path.cwd()
    return spec_from_dict(
        dict(spec), base_dir=base, name=f"Workload '{name}' spec", overrides=overrides
    )


def with_deploy(spec: WorkloadSpec, deploy: Mapping[str, Any], name: str) -> WorkloadSpec:
    """``spec`` with ``deploy`` merged over its ``deploy`` section (e.g. from stack config)."""
    data = spec.model_dump()
    data["deploy"] = _merge(spec.deploy.model_dump(), dict(deploy))
    try:
        merged = WorkloadSpec.model_validate(data)
    except ValidationError as exc:
        where = SourceMap(file=f"Workload '{name}' deploy argument")
        raise SpecError(problems_from_validation(exc, WorkloadSpec, where)) from None
    merged._source = spec.source
    return merged


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], dict(value))
        else:
            out[key] = value
    return out


def _lock_path(
    spec_file: str | os.PathLike[str] | None,
    lock_file: str | os.PathLike[str] | None,
    base: Path,
) -> Path | None:
    if lock_file is not None:
        path = Path(lock_file)
        return path if path.is_absolute() else base / path
    if spec_file is not None:
        return (base / spec_file).parent / LOCK_FILENAME
    return base / LOCK_FILENAME


def _require_no_order(chosen: Candidate, spec: WorkloadSpec) -> None:
    """A rented dedicated server must be ordered before anything can run on it."""
    if not chosen.offering.requires_order:
        return
    o = chosen.offering
    inventory = spec.baremetal.inventory if spec.baremetal and spec.baremetal.inventory else None
    add = (
        f"add it to the inventory ({inventory})"
        if inventory
        else ("add it to an inventory file (baremetal.inventory in the spec)")
    )
    raise NoFeasiblePlanError(
        f"the plan for workload '{spec.name}' chose {o.provider} {o.offering} x{chosen.units}, "
        "a rented server that must be ordered before enrollment. To fix: order "
        f"{o.offering} from {o.provider}, {add}, then run again "
        "(or restrict placement.providers to servers you have)",
        reasons=[f"needs an order: {o.offering} from {o.provider}"],
    )


def _chosen(result: Plan) -> Candidate:
    chosen = result.chosen
    if chosen is None:
        top = top_rejections(result.rejected)
        closest = "; ".join(
            f"{c.provider} {c.offering.offering}: {c.rejected_because[0]}"
            for c in result.rejected[:3]
        )
        raise NoFeasiblePlanError(
            f"no feasible hardware for workload '{result.workload}': {top}. Closest: {closest}. "
            "To fix: relax the constraints, or run `aihw plan` to see every candidate",
            reasons=[r for c in result.rejected[:3] for r in c.rejected_because],
        )
    if not chosen.feasible:
        raise NoFeasiblePlanError(
            f"the locked choice {chosen.offering.offering} for workload '{result.workload}' is "
            "no longer feasible: "
            + "; ".join(chosen.rejected_because)
            + ". To fix: run `aihw plan --lock` to re-plan deliberately",
            reasons=chosen.rejected_because,
        )
    return chosen
