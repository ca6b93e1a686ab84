"""Platform profiles: a platform team's defaults, allow-lists and ceilings.

A team spec names its profile with ``extends:``. Loading then

1. deep-merges the profile's ``defaults`` under the spec (the spec wins; lists
   are replaced, mappings such as ``tags`` are merged);
2. fills allow-lists and ceilings the spec leaves open from the profile;
3. after validation, rejects any value outside an allow-list or above a
   ceiling, with a message that names both files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from pulumi_aihw.errors import Problem, ProfileError, SpecError
from pulumi_aihw.spec.models import (
    ConstraintsSpec,
    DeploySpec,
    Name,
    NetworkSpec,
    PlacementSpec,
    PricingSpec,
    SpecModel,
    WorkloadSpec,
)
from pulumi_aihw.spec.problems import problems_from_validation
from pulumi_aihw.spec.source import Location, PathKey, SourceMap, read_text, read_yaml
from pulumi_aihw.vocab import Deployment, Framework, Provider


class ProfileDefaults(SpecModel):
    """Values every team spec starts from; a team spec overrides any of them."""

    owner: str | None = None
    """Owner of team specs that name none."""
    tags: dict[str, str] = Field(default_factory=dict)
    """Default tags/labels (cost centre, environment), merged with the team's tags."""
    frameworks: list[Framework] | None = None
    """Frameworks of team specs that name none (a team's list replaces this one)."""
    placement: PlacementSpec | None = None
    """Default placement (e.g. preferred regions); a team's lists replace these."""
    constraints: ConstraintsSpec | None = None
    """Default constraints (e.g. ``purchase_option``), field by field under the team's."""
    network: NetworkSpec | None = None
    """Default network exposure (nothing inbound and no public IP unless set)."""
    deploy: DeploySpec | None = None
    """Default deployment settings (e.g. the shared VPC's subnets), under the team's."""
    exchange_rates_usd: dict[str, float] = Field(default_factory=dict)
    """USD per unit of another currency, merged with the team's rates."""
    pricing: PricingSpec | None = None
    """The organisation's negotiated rates (discount per provider, prices per offering);
    a team's discounts win per provider and a team's ``offerings`` list replaces this one."""


class ProfileAllow(SpecModel):
    """Allow-lists: a team spec may narrow them, never widen them. Absent = anything."""

    providers: list[Provider] | None = None
    """Providers teams may use (``aws``, ``gcp``, ``hetzner``, ``qubrid``, ``hotaisle``,
    ``owned``)."""
    deployments: list[Deployment] | None = None
    """Deployment kinds teams may use: ``cloud``, ``bare-metal``."""
    regions: list[str] | None = None
    """Cloud regions teams may use."""
    sites: list[str] | None = None
    """Bare-metal sites teams may use."""
    offerings: list[str] | None = None
    """Offerings (instance types, TPU slices, server models) teams may use."""
    accelerators: list[str] | None = None
    """Accelerator ids, names or aliases."""


class ProfileCeilings(SpecModel):
    """Limits a team spec may lower but not raise."""

    max_usd_per_month: float | None = Field(default=None, gt=0)
    """Highest monthly budget a team spec may set (and the budget of specs that set none)."""
    max_power_kw: float | None = Field(default=None, gt=0)
    """Highest power cap a team spec may set (and the cap of specs that set none)."""


ENFORCEMENT_LEVELS = ("advisory", "mandatory", "remediate", "disabled")
"""Pulumi's policy enforcement levels (the policy pack's, kept equal by a test)."""

_LEVEL = {"enum": list(ENFORCEMENT_LEVELS)}
POLICY_SCHEMA: dict[str, Any] = {
    "propertyNames": {"pattern": "^(all|aihw-[a-z0-9-]+)$"},
    "properties": {"all": _LEVEL},
    "additionalProperties": {
        "anyOf": [
            _LEVEL,
            {
                "type": "object",
                "properties": {"enforcementLevel": _LEVEL},
                "additionalProperties": True,
            },
        ]
    },
}
"""The shape of a policy config, for editors; ``aihw check`` checks policy names and keys."""


class PlatformProfile(SpecModel):
    """A platform team's profile that team workload specs extend."""

    name: Name
    """Profile name: lower-case letters, digits and dashes."""
    description: str = ""
    """What the profile is for."""
    defaults: ProfileDefaults = Field(default_factory=ProfileDefaults)
    allow: ProfileAllow = Field(default_factory=ProfileAllow)
    ceilings: ProfileCeilings = Field(default_factory=ProfileCeilings)
    policy: dict[str, Any] = Field(default_factory=dict, json_schema_extra=POLICY_SCHEMA)
    """Policy pack config ``aihw check`` applies to every stack whose workload extends this
    profile, with ``--policy-config`` merged over it (same format as ``pulumi preview
    --policy-pack-config``: ``all`` and policy names, each a level or a mapping with
    ``enforcementLevel`` and config keys)."""


@dataclass(frozen=True)
class LoadedProfile:
    profile: PlatformProfile
    file: str
    """The profile's path as the team spec (or user) named it, resolved for messages."""
    lines: dict[PathKey, Location]

    def where(self, *path: str | int) -> str:
        key: PathKey = tuple(path)
        while key and key not in self.lines:
            key = key[:-1]
        loc = self.lines.get(key)
        line = f":{loc.line}" if loc and loc.line else ""
        return f"{self.file}{line}"


def load_profile(path: str | Path, display: str | None = None) -> LoadedProfile:
    name = display or str(path)
    data, lines = read_yaml(read_text(path, "platform profile", ProfileError), name, ProfileError)
    try:
        profile = PlatformProfile.model_validate(data)
    except ValidationError as exc:
        smap = SourceMap(file=name, entries=lines)
        raise ProfileError(problems_from_validation(exc, PlatformProfile, smap)) from None
    return LoadedProfile(profile, name, lines)


# -- merge (before validation) ------------------------------------------------

# Allow-list fields copied into the spec's placement when the spec leaves them open.
_ALLOW_TO_PLACEMENT = ("providers", "deployments", "regions", "sites", "offerings", "accelerators")
_CEILINGS = ("max_usd_per_month", "max_power_kw")


def merge_profile(data: dict[str, Any], smap: SourceMap, loaded: LoadedProfile) -> dict[str, Any]:
    """The team data with the profile's defaults, allow-lists and ceilings filled in."""
    prof = loaded.profile
    defaults = prof.defaults.model_dump(mode="json", exclude_unset=True)
    merged = _deep_merge(defaults, data)
    # Provenance: anything the team did not write came from the profile's defaults.
    for key, loc in loaded.lines.items():
        if len(key) >= 2 and key[0] == "defaults" and key[1:] not in smap.entries:
            smap.entries[key[1:]] = loc
    placement = merged.setdefault("placement", {})
    if isinstance(placement, dict):
        for name in _ALLOW_TO_PLACEMENT:
            allowed = getattr(prof.allow, name)
            if allowed is not None and placement.get(name) is None:
                placement[name] = [str(v) for v in allowed]
                smap.entries[("placement", name)] = loaded.lines.get(
                    ("allow", name), Location(loaded.file)
                )
    constraints = merged.setdefault("constraints", {})
    if isinstance(constraints, dict):
        for name in _CEILINGS:
            ceiling = getattr(prof.ceilings, name)
            if ceiling is not None and constraints.get(name) is None:
                constraints[name] = ceiling
                smap.entries[("constraints", name)] = loaded.lines.get(
                    ("ceilings", name), Location(loaded.file)
                )
    return merged


def _deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


# -- enforcement (after validation) ---------------------------------------------


def enforce_profile(spec: WorkloadSpec, smap: SourceMap, loaded: LoadedProfile) -> None:
    """Reject values outside the profile's allow-lists or above its ceilings.

    Accelerator allow-lists need the catalog to compare aliases; they are checked
    in :func:`pulumi_aihw.planner.checks.check_spec`.
    """
    prof = loaded.profile
    problems: list[Problem] = []
    for name in ("providers", "deployments", "regions", "sites", "offerings"):
        allowed = getattr(prof.allow, name)
        chosen = getattr(spec.placement, name)
        if allowed is None or chosen is None:
            continue
        allowed_set = {str(a) for a in allowed}
        for i, value in enumerate(chosen):
            if str(value) not in allowed_set:
                problems.append(
                    smap.problem(
                        ("placement", name, i),
                        f"'{value}' is not allowed by platform profile "
                        f"{loaded.where('allow', name)} (allow.{name}: "
                        f"{', '.join(sorted(allowed_set))})",
                    )
                )
    allowed_offerings = prof.allow.offerings
    pinned = spec.pin.offering if spec.pin is not None else None
    if pinned and allowed_offerings is not None and pinned not in allowed_offerings:
        problems.append(
            smap.problem(
                ("pin", "offering"),
                f"'{pinned}' is not allowed by platform profile "
                f"{loaded.where('allow', 'offerings')} (allow.offerings: "
                f"{', '.join(allowed_offerings)})",
            )
        )
    for name in _CEILINGS:
        ceiling = getattr(prof.ceilings, name)
        value = getattr(spec.constraints, name)
        if ceiling is not None and value is not None and value > ceiling:
            problems.append(
                smap.problem(
                    ("constraints", name),
                    f"{value:g} exceeds the ceiling {ceiling:g} set by platform profile "
                    f"{loaded.where('ceilings', name)} (ceilings.{name})",
                )
            )
    if problems:
        raise SpecError(problems)
