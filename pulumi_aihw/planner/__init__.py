"""The planner: size, price and rank every offering for a workload spec."""

from pulumi_aihw.planner.assumptions import DEFAULT_ASSUMPTIONS, HOURS_PER_MONTH, Assumptions
from pulumi_aihw.planner.checks import check_spec
from pulumi_aihw.planner.economics import LockIn
from pulumi_aihw.planner.lock import (
    LOCK_FILENAME,
    LockedChoice,
    LockFile,
    dump_lock,
    lock_for,
    parse_lock,
    spec_hash,
)
from pulumi_aihw.planner.models import Candidate, Plan
from pulumi_aihw.planner.plan import plan

__all__ = [
    "DEFAULT_ASSUMPTIONS",
    "HOURS_PER_MONTH",
    "LOCK_FILENAME",
    "Assumptions",
    "Candidate",
    "LockFile",
    "LockIn",
    "LockedChoice",
    "Plan",
    "check_spec",
    "dump_lock",
    "lock_from_plan",
    "parse_lock",
    "plan",
    "spec_hash",
]


def lock_from_plan(p: Plan) -> LockFile:
    """The lock file content pinning ``p.chosen`` (which must exist)."""
    if p.chosen is None:
        raise ValueError("no chosen candidate to lock")
    return lock_for(p.workload, p.spec_hash, p.catalog_as_of, p.chosen)
