"""Contracts between the parts: resource records, the Workload component's
properties, and tag/label names. Pure: no Pulumi import, safe in rules and reports.

- The preview engine (``pulumi_aihw.preview``) produces :class:`StackPreview`.
- The ``Workload`` component registers its inputs as ``{"spec": ..., "plan": ...}``
  (``WORKLOAD_SPEC_PROPERTY`` / ``WORKLOAD_PLAN_PROPERTY``): the spec as plain data
  (``WorkloadSpec.model_dump(mode="json")``) and :func:`plan_summary` of the plan,
  so a policy can read both during ``pulumi preview``; a spec that extends a platform
  profile adds ``"profile"`` (``WORKLOAD_PROFILE_PROPERTY``, :func:`profile_summary`),
  whose policy config ``aihw check`` applies to the stack.
- Every resource made by the components carries the tags/labels below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: contracts stays importable without the planner
    from pulumi_aihw.planner.models import Candidate, Plan


WORKLOAD_TYPE = "aihw:index:Workload"
WORKLOAD_SPEC_PROPERTY = "spec"
WORKLOAD_PLAN_PROPERTY = "plan"
WORKLOAD_PROFILE_PROPERTY = "profile"

RACK_POWER_PROPERTY = "aihwRackPower"
"""Output of a bare-metal component: a list of ``{rack, site, budget_kw, used_kw,
planned_kw}`` per rack it places servers in; the rack-budget policy reads it."""

TAG_WORKLOAD = "aihw-workload"
TAG_OFFERING = "aihw-offering"
TAG_OWNER = "aihw-owner"
TAG_SUPPRESS_PREFIX = "aihw-suppress-"
"""A resource tag/label ``aihw-suppress-<rule-id lower-case>`` suppresses one rule; its
value is ``<reason>`` or ``<reason>;expires=YYYY-MM-DD`` (see the policy docs)."""


@dataclass(frozen=True)
class ResourceRecord:
    """One resource as the engine registered it (Pulumi's mock engine or a real one)."""

    urn: str
    type: str
    """Type token, e.g. ``aws:ec2/instance:Instance`` or ``aihw:index:Workload``."""
    name: str
    parent: str | None
    """Parent URN (``None`` for the stack itself)."""
    custom: bool
    """True for provider resources, False for components and the stack."""
    inputs: dict[str, Any]
    """Engine-shaped inputs: camelCase keys, nested args as dicts, numbers as floats.
    Values unknown during preview are :data:`UNKNOWN`."""
    outputs: dict[str, Any] = field(default_factory=dict)
    """Registered outputs (components) or the mock's state (custom resources)."""
    protect: bool = False
    """Registered with ``protect=True`` (``pulumi destroy`` refuses to delete it)."""
    dependencies: tuple[str, ...] = ()
    """URNs it depends on (``depends_on`` and the resources its inputs come from)."""
    provider: dict[str, Any] = field(default_factory=dict)
    """Properties of the provider that manages it (``region``), as the engine sends them
    to a policy pack with the resource; empty where unknown."""


class _Unknown:
    """A value Pulumi does not know during preview. Rules must treat it as "cannot
    evaluate", never as a value."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "<unknown during preview>"

    def __bool__(self) -> bool:
        raise TypeError("a preview-unknown value has no truth value; check `is UNKNOWN` first")


UNKNOWN = _Unknown()


@dataclass(frozen=True)
class StackPreview:
    """Everything a preview of one stack produced."""

    stack_dir: str
    project: str
    stack: str
    resources: tuple[ResourceRecord, ...]
    outputs: dict[str, Any] = field(default_factory=dict)
    """The stack's ``pulumi.export`` values."""
    diagnostics: tuple[str, ...] = ()
    """Messages the program logged (``pulumi.log``), e.g. ``warning: <text>`` for a stale
    lock file, and invokes the preview could not answer."""
    config: dict[str, str] = field(default_factory=dict)
    """The stack's config (namespaced keys: ``aws:region``): what default providers read."""

    def provider_config(self, type_token: str) -> dict[str, str]:
        """What the default provider of ``type_token``'s package is configured with
        (``aws:region`` -> ``{"region": ...}`` for ``aws:...`` resources)."""
        package = type_token.split(":", 1)[0] + ":"
        return {k[len(package) :]: v for k, v in self.config.items() if k.startswith(package)}

    def of_type(self, type_token: str) -> list[ResourceRecord]:
        return [r for r in self.resources if r.type == type_token]

    def children_of(self, urn: str) -> list[ResourceRecord]:
        return [r for r in self.resources if r.parent == urn]


def candidate_summary(c: Candidate) -> dict[str, Any]:
    """The plan facts a component exposes and a policy reads (JSON-safe)."""
    return {
        "provider": c.provider,
        "deployment": str(c.offering.deployment),
        "accelerator": c.accelerator.id,
        "accelerator_family": str(c.accelerator.family),
        "offering": c.offering.offering,
        "region": c.region,
        "units": c.units,
        "accelerators": c.accelerators,
        "usd_per_hour": c.usd_per_hour,
        "usd_per_month": c.usd_per_month,
        "usd_total": c.usd_total,
        "run_hours": None if c.sizing is None else c.sizing.time_to_train_hours,
        "power_kw": c.power_kw,
        "power_low_kw": c.power.low_kw,
        "power_high_kw": c.power.high_kw,
        "power_basis": str(c.power.basis),
        "pue": c.pue,
        "lock_in_level": str(c.lock_in.level),
        "lock_in_reasons": list(c.lock_in.reasons),
        "price_basis": c.price_basis,
        "your_rate": c.your_rate,
        "suspect_price": c.suspect,
        "as_of": c.as_of.isoformat(),
        "warnings": list(c.warnings),
    }


def plan_summary(p: Plan) -> dict[str, Any]:
    """What the Workload component records about its plan (``None`` values stay ``None``)."""
    return {
        "chosen": None if p.chosen is None else candidate_summary(p.chosen),
        "catalog_as_of": p.catalog_as_of.isoformat(),
        "spec_hash": p.spec_hash,
        "objective": str(p.objective),
        "lock_status": p.lock_status,
        "feasible_count": len(p.feasible),
        "notices": list(p.notices),
    }


def profile_summary(name: str, file: str, policy: dict[str, Any]) -> dict[str, Any]:
    """What the Workload component records about the platform profile its spec extends:
    its name, its file (relative to the program's directory, as the spec named it) and
    its ``policy:`` config (Pulumi's ``--policy-pack-config`` format)."""
    return {"name": name, "file": file, "policy": dict(policy)}


_LABEL_BAD = re.compile(r"[^a-z0-9_-]+")


def gcp_label(value: str) -> str:
    """A valid GCP label key/value: lower-case letters, digits, ``_`` and ``-``, <= 63."""
    out = _LABEL_BAD.sub("-", value.lower()).strip("-")
    return out[:63]


def workload_tags(
    workload: str, offering: str, owner: str, extra: dict[str, str] | None = None
) -> dict[str, str]:
    """Tags for every resource a component makes (AWS keeps case; GCP uses gcp_labels)."""
    tags = dict(extra or {})
    tags.update({TAG_WORKLOAD: workload, TAG_OFFERING: offering, TAG_OWNER: owner})
    return tags


def gcp_labels(tags: dict[str, str]) -> dict[str, str]:
    """Tags as GCP labels: keys must start with a lower-case letter."""
    out = {}
    for key, value in tags.items():
        k = gcp_label(key)
        if k and not k[0].isalpha():
            k = f"k-{k}"[:63]
        if k:
            out[k] = gcp_label(value)
    return out
