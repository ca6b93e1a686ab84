"""The result of ``aihw check``: findings per stack, workload totals, rules and levels.

Pure data (no Pulumi): the renderers in :mod:`pulumi_aihw.reports` read it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pulumi_aihw.errors import EXIT_BLOCKING, EXIT_OK
from pulumi_aihw.planner.comparison import Comparison
from pulumi_aihw.rules.model import Enforcement, Finding, Severity, Status


@dataclass(frozen=True)
class Location:
    """Where a finding points: the stack's workload.yaml (Workload) or __main__.py."""

    file: str
    line: int | None = None


@dataclass(frozen=True)
class Item:
    """One finding of one stack, located."""

    finding: Finding
    stack_dir: str
    location: Location

    @property
    def blocking(self) -> bool:
        f = self.finding
        return f.status is Status.VIOLATION and f.level in (
            Enforcement.MANDATORY,
            Enforcement.REMEDIATE,
        )


@dataclass(frozen=True)
class WorkloadRow:
    """Cost, power and lock-in of one workload (a Workload component, or raw hardware)."""

    stack_dir: str
    name: str
    urn: str
    kind: str
    """``workload`` (our component) or the raw resource kind (``instance``, ``fleet``)."""
    hardware: str
    usd_per_month: float | None
    power_kw: float | None
    lock_in: str | None
    comparison: Comparison | None = None
    """Workloads with a spec: the best of each hardware family and the price of
    portability, as the planner sees the spec."""


@dataclass(frozen=True)
class StackResult:
    stack_dir: str
    project: str
    stack: str
    workloads: tuple[WorkloadRow, ...]
    items: tuple[Item, ...]
    policy_profile: str | None = None
    """The platform profile whose ``policy:`` config applied to this stack, if any."""


@dataclass(frozen=True)
class RuleInfo:
    id: str
    name: str
    title: str
    description: str
    severity: Severity
    remediation: str
    level: Enforcement
    """The effective enforcement level for this check (config applied)."""


@dataclass(frozen=True)
class CheckReport:
    stacks: tuple[StackResult, ...]
    rules: tuple[RuleInfo, ...]
    today: dt.date
    catalog_as_of: dt.date

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(i for s in self.stacks for i in s.items)

    @property
    def workloads(self) -> tuple[WorkloadRow, ...]:
        return tuple(w for s in self.stacks for w in s.workloads)

    def with_status(self, *statuses: Status) -> list[Item]:
        return [i for i in self.items if i.finding.status in statuses]

    @property
    def blocking(self) -> list[Item]:
        return [i for i in self.items if i.blocking]

    @property
    def exit_code(self) -> int:
        """0 without a mandatory violation, 1 with one (the CLI contract)."""
        return EXIT_BLOCKING if self.blocking else EXIT_OK

    def rule(self, rule_id: str) -> RuleInfo:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)
