"""Stack-level overrides of a workload spec: the values a template prompts for.

A platform team keeps each workload in its stack's ``workload.yaml``; a stack may
override a few fields from its Pulumi config, the keys ``pulumi new`` prompts for
(:data:`OVERRIDE_KEYS`). The same values are inputs of the ``Workload`` component,
with the same names, so programs in other languages set them too.

Overrides are applied to the spec data *before* its platform profile, so the profile's
allow-lists and ceilings judge them like any value written in the file, and errors name
where the value came from (``Workload 'chat' input maxUsdPerMonth: ...``).

This module is pure: reading the stack config is
:func:`pulumi_aihw.targets.stack_config.workload_args`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any, Literal

from pulumi_aihw.errors import ConfigError, Problem, SpecError
from pulumi_aihw.spec.source import Location, PathKey, SourceMap

NO_PROFILE = "none"
"""``profile`` value that drops the spec's ``extends``: plan without a platform profile."""

Kind = Literal["name", "list", "number", "path"]


@dataclass(frozen=True)
class OverrideKey:
    """One value a template prompts for and the ``Workload`` reads."""

    key: str
    """Stack config key (in the project's namespace) and the Workload input's schema name."""
    arg: str
    """The ``WorkloadArgs`` field."""
    path: tuple[str, ...]
    """The spec field it sets."""
    kind: Kind
    prompt: str
    """What ``pulumi new`` asks (the template's config description)."""


OVERRIDE_KEYS: tuple[OverrideKey, ...] = (
    OverrideKey(
        "workloadName",
        "workload_name",
        ("name",),
        "name",
        "Workload name: lower-case letters, digits and dashes; used in resource names and tags",
    ),
    OverrideKey(
        "region",
        "region",
        ("placement", "regions"),
        "list",
        "Cloud region to run in (several: comma-separated); replaces placement.regions",
    ),
    OverrideKey(
        "site",
        "site",
        ("placement", "sites"),
        "list",
        "Bare-metal site to run in (several: comma-separated; empty: any); "
        "replaces placement.sites",
    ),
    OverrideKey(
        "maxUsdPerMonth",
        "max_usd_per_month",
        ("constraints", "max_usd_per_month"),
        "number",
        "Monthly budget in USD (at most the platform profile's ceiling; empty: as in "
        "workload.yaml)",
    ),
    OverrideKey(
        "profile",
        "profile",
        ("extends",),
        "path",
        "Platform profile to extend, relative to the project ('none': no profile)",
    ),
)
"""Every override, in prompt order. Templates prompt for a subset (bare metal: ``site``
instead of ``region``)."""

KEYS_BY_NAME: dict[str, OverrideKey] = {k.key: k for k in OVERRIDE_KEYS}


@dataclass(frozen=True)
class SpecOverrides:
    """Values set over a spec's own, with where they came from. ``None``: keep the spec's."""

    name: str | None = None
    regions: tuple[str, ...] | None = None
    sites: tuple[str, ...] | None = None
    max_usd_per_month: float | None = None
    profile: str | None = None
    """A profile path (relative to the spec file, as ``extends``), or :data:`NO_PROFILE`."""
    source: str = "override"
    """Prefix of the location errors name: ``Workload 'chat' input`` -> ``... input region``."""

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self) if f.name != "source")

    def values(self) -> dict[tuple[str, ...], Any]:
        """Spec path -> value, for the overrides that are set."""
        by_arg = {
            "workload_name": self.name,
            "region": None if self.regions is None else list(self.regions),
            "site": None if self.sites is None else list(self.sites),
            "max_usd_per_month": self.max_usd_per_month,
            "profile": self.profile,
        }
        return {k.path: by_arg[k.arg] for k in OVERRIDE_KEYS if by_arg[k.arg] is not None}


def _items(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, str):
        items = tuple(v.strip() for v in value.split(",") if v.strip())
    elif isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        items = tuple(v.strip() for v in value if v.strip())
    else:
        return None
    return items


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.replace(",", "").replace("_", "").strip())
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


_EXPECTED = {
    "name": "a workload name",
    "list": "a name or a comma-separated list of names",
    "number": "a number of US dollars, e.g. 3000",
    "path": f"a profile path, or '{NO_PROFILE}'",
}


def overrides_from_inputs(inputs: Mapping[str, Any], source: str) -> SpecOverrides:
    """The overrides among ``inputs`` (``WorkloadArgs`` fields). Empty strings and
    ``None`` keep the spec's value. Raises :class:`SpecError` for a value of the wrong
    type, naming ``<source> <key>``."""
    found: dict[str, Any] = {}
    problems: list[Problem] = []
    for k in OVERRIDE_KEYS:
        raw = inputs.get(k.arg)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        value: Any
        if k.kind == "list":
            value = _items(raw)
        elif k.kind == "number":
            value = _number(raw)
        else:
            value = raw.strip() if isinstance(raw, str) else None
        if value is None or value == ():
            msg = f"{raw!r} is not {_EXPECTED[k.kind]}. To fix: set {k.key} to {_EXPECTED[k.kind]}"
            problems.append(Problem(msg, file=f"{source} {k.key}"))
            continue
        found[k.arg] = value
    if problems:
        raise SpecError(problems)
    return SpecOverrides(
        name=found.get("workload_name"),
        regions=found.get("region"),
        sites=found.get("site"),
        max_usd_per_month=found.get("max_usd_per_month"),
        profile=found.get("profile"),
        source=source,
    )


def apply_overrides(
    data: dict[str, Any], smap: SourceMap, overrides: SpecOverrides
) -> dict[str, Any]:
    """``data`` with the overrides set; ``smap`` then locates those fields at their source."""
    out = dict(data)
    for path, value in overrides.values().items():
        key = next(k for k in OVERRIDE_KEYS if k.path == path)
        _forget(smap, path)
        where = Location(f"{overrides.source} {key.key}")
        smap.entries[path] = where
        for i in range(len(value) if isinstance(value, list) else 0):
            item: PathKey = (*path, i)
            smap.entries[item] = where
        if path == ("extends",) and value == NO_PROFILE:
            out.pop("extends", None)
            continue
        _set(out, path, value)
    return out


def _forget(smap: SourceMap, path: tuple[str, ...]) -> None:
    """Drop the file's locations of the replaced value and its items."""
    for key in [k for k in smap.entries if k[: len(path)] == path]:
        del smap.entries[key]


def _set(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node = data
    for part in path[:-1]:
        child = node.get(part)
        child = dict(child) if isinstance(child, dict) else {}
        node[part] = child
        node = child
    node[path[-1]] = value


def inputs_from_config(get: Callable[[str], str | None], project: str) -> dict[str, Any]:
    """``WorkloadArgs`` fields from a stack's config (``get(key)`` reads one key of the
    project's namespace; values are strings, as Pulumi stores them). Empty values are left
    out. Raises :class:`ConfigError` for a budget that is not a number."""
    out: dict[str, Any] = {}
    for k in OVERRIDE_KEYS:
        raw = get(k.key)
        if raw is None or not raw.strip():
            continue
        if k.kind != "number":
            out[k.arg] = raw.strip()
            continue
        number = _number(raw)
        if number is None:
            raise ConfigError(
                Problem(
                    f"{raw!r} is not a number. To fix: pulumi config set {k.key} 3000 "
                    "(US dollars a month), or remove the key to keep workload.yaml's budget",
                    file=f"stack config {project}:{k.key}",
                )
            )
        out[k.arg] = number
    return out


__all__ = [
    "KEYS_BY_NAME",
    "NO_PROFILE",
    "OVERRIDE_KEYS",
    "OverrideKey",
    "SpecOverrides",
    "apply_overrides",
    "inputs_from_config",
    "overrides_from_inputs",
]
