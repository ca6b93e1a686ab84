"""What every rule shares: metadata, the resource view, findings and outcomes.

Rules are plain code over resource facts: no Pulumi and no pulumi_policy import.
A rule either passes, reports violations, says it does not apply
(:class:`NotApplicable`) or that it could not be evaluated because a value is
unknown during preview (:class:`Unevaluable`).
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from pulumi_aihw.vocab import StrEnum

if TYPE_CHECKING:  # pragma: no cover
    from pulumi_aihw.catalog.catalog import Catalog
    from pulumi_aihw.rules.facts.hardware import Hardware
    from pulumi_aihw.rules.facts.stack import StackView
    from pulumi_aihw.spec.models import Suppression


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class Enforcement(StrEnum):
    """Pulumi's enforcement levels (``remediate`` acts as ``mandatory`` for these rules)."""

    ADVISORY = "advisory"
    MANDATORY = "mandatory"
    REMEDIATE = "remediate"
    DISABLED = "disabled"


class Status(StrEnum):
    PASSED = "passed"
    VIOLATION = "violation"
    SUPPRESSED = "suppressed"
    NOT_EVALUATED = "not-evaluated"
    """A value the rule needs is unknown during preview."""
    NOT_APPLICABLE = "not-applicable"


class NotApplicable(Exception):
    """The rule does not apply to this resource (and why)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Unevaluable(Exception):
    """A value the rule needs is unknown during preview."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Resource:
    """One resource as a rule sees it: engine-shaped props with UNKNOWN for unknowns."""

    urn: str
    type: str
    name: str
    parent: str | None
    props: Mapping[str, Any]
    """Inputs (per-resource checks) or outputs (stack checks), camelCase keys."""
    dependencies: tuple[str, ...] = ()
    provider: Mapping[str, Any] = field(default_factory=dict)
    """The properties of the provider that manages it (``region``, ``zone``), as the engine
    sends them with the resource: where a resource names no region of its own."""


@dataclass(frozen=True)
class ResourceRef:
    urn: str
    type: str
    name: str

    @classmethod
    def of(cls, r: Resource) -> ResourceRef:
        return cls(r.urn, r.type, r.name)


@dataclass(frozen=True)
class SuppressionInfo:
    """A suppression that matched a finding (applied, or ignored because it expired)."""

    reason: str
    source: str
    """Where it was written: ``tag aihw-suppress-...`` or ``spec suppressions[0]``."""
    expires: dt.date | None = None
    expired: bool = False


@dataclass(frozen=True)
class Finding:
    """The outcome of one rule on one resource (or on the stack)."""

    rule_id: str
    policy: str
    """The rule's kebab-case name: the CrossGuard policy name."""
    severity: Severity
    status: Status
    message: str
    resource: ResourceRef
    level: Enforcement | None = None
    """The enforcement level applied (set by the check engine from the analyzer)."""
    suppression: SuppressionInfo | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ConfigKey:
    """One policy config property, with its default read in code."""

    name: str
    schema: Mapping[str, Any]
    """JSON Schema of the value (``{"type": "number", "minimum": 0}``)."""
    default: Any
    description: str


@dataclass(frozen=True)
class Context:
    """What a rule may consult besides the resource: the catalog and today's date."""

    catalog: Catalog
    today: dt.date


Settings = Mapping[str, Any]
"""A rule's config with every key present (defaults filled in)."""


class Rule(ABC):
    """Metadata every rule declares. Subclasses implement ``check``."""

    id: ClassVar[str]
    name: ClassVar[str]
    title: ClassVar[str]
    description: ClassVar[str]
    severity: ClassVar[Severity]
    enforcement: ClassVar[Enforcement]
    remediation: ClassVar[str]
    config: ClassVar[Sequence[ConfigKey]] = ()
    spec_field: ClassVar[tuple[str, ...]] = ()
    """Where in workload.yaml a Workload finding points (SARIF, markdown)."""
    scope: ClassVar[str]

    @classmethod
    def defaults(cls) -> dict[str, Any]:
        return {k.name: k.default for k in cls.config}


class ResourceRule(Rule):
    """Judged once per resource (CrossGuard ``Analyze``) from its hardware facts."""

    scope: ClassVar[str] = "resource"

    @abstractmethod
    def check(self, hw: Hardware, settings: Settings, ctx: Context) -> Iterable[str]:
        """Violation messages (none: passed); raise NotApplicable or Unevaluable."""

    def note(self, hw: Hardware) -> str | None:
        """What a passed finding should still say (a price from another region)."""
        return None


@dataclass(frozen=True)
class StackIssue:
    """One stack-rule violation, attributed to a resource (or the stack)."""

    message: str
    resource: ResourceRef
    tags: Mapping[str, str] = field(default_factory=dict)
    """The resource's tags/labels, for suppressions."""
    suppressions: tuple[Suppression, ...] = ()
    """A Workload's spec suppressions."""


class StackRule(Rule):
    """Judged once per stack (CrossGuard ``AnalyzeStack``) over every resource's outputs."""

    scope: ClassVar[str] = "stack"

    @abstractmethod
    def check(self, stack: StackView, settings: Settings, ctx: Context) -> Iterable[StackIssue]:
        """Violations (none: passed); raise NotApplicable or Unevaluable."""
