"""The result of ``aihw check``: findings per stack, workload totals, rules and levels.

Pure data (no Pulumi): the renderers in :mod:`pulumi_aihw.reports` read it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pulumi_aihw import errors
from pulumi_aihw.errors import EXIT_BAD_INPUT, EXIT_BLOCKING, EXIT_OK
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
    usd_total: float | None = None
    """Training: the cost of the whole run (``usd_per_month`` is then the monthly burn)."""
    run_hours: float | None = None
    """Training: how long the run takes on this hardware."""
    budget_usd_per_month: float | None = None
    """The spec's monthly budget (``constraints.max_usd_per_month``)."""
    budget_usd_total: float | None = None
    """The spec's budget for a training run (``constraints.max_usd_total``)."""
    power_basis: str | None = None
    """Where ``power_kw`` comes from: ``published`` (a TDP), ``measured`` or ``estimate``
    (``None`` when the power is unknown)."""
    power_low_kw: float | None = None
    power_high_kw: float | None = None
    """Range of an estimated or measured figure, where the catalog gives one."""

    @property
    def label(self) -> str:
        """``stack/name``: unique across the stacks of one report."""
        return f"{self.stack_dir}/{self.name}"

    @property
    def is_training(self) -> bool:
        return self.usd_total is not None or self.run_hours is not None


@dataclass(frozen=True)
class StackResult:
    stack_dir: str
    project: str
    stack: str
    workloads: tuple[WorkloadRow, ...]
    items: tuple[Item, ...]
    policy_profile: str | None = None
    """The platform profile whose ``policy:`` config applied to this stack, if any."""
    policy_config: Mapping[str, Any] | None = None
    """The policy config this stack was checked with (profile, then the file), as given
    to the pack; ``aihw merge`` needs it to state the report's rule levels."""


@dataclass(frozen=True)
class NotChecked:
    """A stack in a language ``aihw check`` cannot run offline (never a failure)."""

    stack_dir: str
    reason: str
    """``runtime nodejs``: what the report says after "not checked:"."""


@dataclass(frozen=True)
class Skipped:
    """A folder given or found that is not a stack and holds none, or one excluded."""

    path: str
    reason: str


@dataclass(frozen=True)
class Shard:
    """``--shard K/N``: this report covers the K-th of N deterministic shares."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


@dataclass(frozen=True)
class FailedStack:
    """A stack whose program could not be previewed: it is not judged, and the check
    fails (never a pass for what was not seen)."""

    stack_dir: str
    kind: str
    """What went wrong: ``program error``, ``exited early``, ``timeout``, ``memory``,
    ``tampered``, ``no feasible plan`` or ``broken stack``."""
    problems: tuple[str, ...]
    """The located messages (file:line: what happened)."""
    exit_code: int = EXIT_BAD_INPUT
    """2, or 1 when the program stopped because its workload has no feasible plan."""

    @classmethod
    def of(cls, stack_dir: str, error: errors.AihwError) -> FailedStack:
        """The failed stack ``error`` (from the stack's preview) describes."""
        kind = next((k for t, k in _KINDS if isinstance(error, t)), "broken stack")
        problems = error.problems if isinstance(error, errors.InputError) else (str(error),)
        return cls(stack_dir, kind, tuple(str(p) for p in problems), error.exit_code)


_KINDS: tuple[tuple[type[errors.AihwError], str], ...] = (
    (errors.StackProgramError, "program error"),
    (errors.StackExitedEarlyError, "exited early"),
    (errors.StackTimeoutError, "timeout"),
    (errors.StackMemoryError, "memory"),
    (errors.StackTamperedError, "tampered"),
    (errors.NoFeasiblePlanError, "no feasible plan"),
)


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
    failed: tuple[FailedStack, ...] = ()
    """Stacks that could not be previewed (not in :attr:`stacks`)."""
    not_checked: tuple[NotChecked, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    policy_config: Mapping[str, Any] | None = None
    """The ``--policy-config`` file's config (before each stack's profile)."""
    shard: Shard | None = None
    stacks_found: int | None = None
    """Stacks discovery found before sharding (``None``: not recorded)."""

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
        """0 without a mandatory violation, 1 with one, 2 when a stack could not be
        previewed (1 if its workload has no feasible plan): the CLI contract. The report
        holds every other stack's findings either way. Stacks not checked because of
        their language (:attr:`not_checked`) do not change it."""
        codes = [f.exit_code for f in self.failed]
        return max([EXIT_BLOCKING if self.blocking else EXIT_OK, *codes])

    def rule(self, rule_id: str) -> RuleInfo:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)
