"""Preflight results: one :class:`Check` per question asked of a cloud, grouped per
candidate into a :class:`PreflightReport`. Pure: no cloud SDK imports.

A check's ``status`` is ``pass``, ``warn``, ``fail`` or ``skip`` (not applicable,
e.g. bare metal). ``service_error`` marks a check that could not be answered
because the cloud API failed after retries (throttling, HTTP 5xx, timeout); the
CLI exits 3 for those rather than treating the candidate as undeployable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pulumi_aihw.errors import EXIT_BAD_INPUT, EXIT_BLOCKING, EXIT_OK, EXIT_SERVICE
from pulumi_aihw.vocab import StrEnum


class Status(StrEnum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    SKIP = "skip"

    @property
    def severity(self) -> int:
        return _SEVERITY[self]


_SEVERITY = {Status.SKIP: 0, Status.PASS: 1, Status.WARN: 2, Status.FAIL: 3}


def worst(statuses: list[Status]) -> Status:
    """The most severe status (``skip`` when there is nothing to judge)."""
    return max(statuses, key=lambda s: s.severity, default=Status.SKIP)


class CheckName(StrEnum):
    """Every check preflight runs; stable names for scripts reading the JSON."""

    APPLICABLE = "applicable"
    OFFERED = "offered"
    CATALOG_DRIFT = "catalog-drift"
    VCPU_QUOTA = "vcpu-quota"
    CAPACITY_BLOCK = "capacity-block"
    TPU_ACCELERATOR_TYPE = "tpu-accelerator-type"
    TPU_RUNTIME_VERSION = "tpu-runtime-version"
    SECURITY_FEATURES = "security-features"


@dataclass(frozen=True, slots=True)
class Check:
    """One question asked of a cloud about one candidate, and its answer."""

    name: CheckName
    status: Status
    message: str
    """What was found, naming the offering, region or zone; failures end with "To fix: ..."."""
    zone: str | None = None
    """The zone the answer is about, where it is about one zone."""
    service_error: bool = False
    """True when the cloud API failed after retries, so the question is unanswered."""
    denied: bool = False
    """True when the credentials lack the permission to ask (the message names it)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": str(self.name),
            "status": str(self.status),
            "zone": self.zone,
            "message": self.message,
            "service_error": self.service_error,
            "denied": self.denied,
        }


@dataclass(frozen=True, slots=True)
class CandidateChecks:
    """The checks of one plan candidate (an offering in a region, with a unit count)."""

    key: str
    """The catalog offering key, ``provider:offering@region``."""
    provider: str
    offering: str
    region: str | None
    units: int | None
    rank: int | None
    chosen: bool
    checks: tuple[Check, ...]

    @property
    def status(self) -> Status:
        return worst([c.status for c in self.checks])

    @property
    def failed(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.status is Status.FAIL and not c.service_error)

    @property
    def service_errors(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.service_error)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "provider": self.provider,
            "offering": self.offering,
            "region": self.region,
            "units": self.units,
            "rank": self.rank,
            "chosen": self.chosen,
            "status": str(self.status),
            "checks": [c.to_dict() for c in self.checks],
        }


@dataclass(frozen=True)
class PreflightReport:
    """Preflight of a plan's chosen candidate and the next ones."""

    workload: str
    catalog_as_of: dt.date
    checked_at: dt.datetime
    candidates: tuple[CandidateChecks, ...]
    notices: tuple[str, ...] = ()

    @property
    def status(self) -> Status:
        return worst([c.status for c in self.candidates])

    @property
    def service_errors(self) -> tuple[tuple[CandidateChecks, Check], ...]:
        return tuple((cand, chk) for cand in self.candidates for chk in cand.service_errors)

    @property
    def denied(self) -> tuple[Check, ...]:
        return tuple(chk for cand in self.candidates for chk in cand.checks if chk.denied)

    @property
    def all_denied(self) -> bool:
        """Every check that asked a cloud was refused (checks skipped are not counted)."""
        asked = [c for cand in self.candidates for c in cand.checks if c.status is not Status.SKIP]
        return bool(asked) and all(c.denied for c in asked)

    @property
    def exit_code(self) -> int:
        """3 if a cloud API failed; 2 if every question to a cloud was denied (nothing was
        checked: missing permissions are bad input); else 1 if a check failed, else 0."""
        if self.service_errors:
            return EXIT_SERVICE
        if self.all_denied:
            return EXIT_BAD_INPUT
        if any(c.failed for c in self.candidates):
            return EXIT_BLOCKING
        return EXIT_OK

    def to_dict(self) -> dict[str, Any]:
        return {
            "workload": self.workload,
            "catalog_as_of": self.catalog_as_of.isoformat(),
            "checked_at": self.checked_at.isoformat(timespec="seconds"),
            "status": str(self.status),
            "service_error": bool(self.service_errors),
            "candidates": [c.to_dict() for c in self.candidates],
            "notices": list(self.notices),
        }
