"""What planning a spec from disk needs beyond the pure planner: the lock file beside
the spec and the spec's bare-metal inventory. One place for the CLI (`aihw plan`,
`aihw preflight`) and the Workload component, so they always plan alike."""

from __future__ import annotations

from pathlib import Path

from pulumi_aihw.baremetal.candidates import candidates_for_spec
from pulumi_aihw.catalog.catalog import Catalog
from pulumi_aihw.errors import LockError
from pulumi_aihw.planner import LockFile, Plan, parse_lock, plan
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.spec.source import read_text
from pulumi_aihw.vocab import Objective


def read_lock(path: Path | None) -> LockFile | None:
    """The lock file at ``path`` if there is one (a bad file is a :class:`LockError`)."""
    if path is None or not path.is_file():
        return None
    return parse_lock(read_text(path, "lock file", LockError), str(path))


def plan_workload(
    spec: WorkloadSpec,
    catalog: Catalog,
    *,
    objective: Objective | str = Objective.COST,
    lock: LockFile | None = None,
) -> Plan:
    """:func:`pulumi_aihw.planner.plan` with the owned servers of the spec's inventory."""
    owned = candidates_for_spec(spec, catalog)
    return plan(spec, catalog, objective=objective, lock=lock, extra_candidates=owned)
