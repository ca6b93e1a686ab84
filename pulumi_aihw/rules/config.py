"""Policy config in Pulumi's ``--policy-pack-config`` format.

``{"all": "advisory", "<policy-name>": "disabled" | {"enforcementLevel": "...", "<key>": value}}``.
The platform profile's ``policy:`` field uses the same format; :func:`merge_configs`
applies the profile first and the file over it. Defaults of every key are read in
code (:attr:`Rule.config`): the Pulumi SDK does not apply a schema's defaults.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pulumi_aihw.errors import ConfigError, Problem
from pulumi_aihw.rules.model import ConfigKey, Enforcement, Rule

ALL = "all"
LEVEL_KEY = "enforcementLevel"
LEVELS = Enforcement.values()


@dataclass(frozen=True)
class Resolved:
    """What the Pulumi CLI sends a pack for one policy: its level and its properties."""

    level: Enforcement
    properties: Mapping[str, Any]


def _hint(name: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""


def _type_error(schema: Mapping[str, Any], value: Any) -> str | None:
    """Why ``value`` does not fit the (small) JSON Schema our config keys use."""
    types = schema.get("type", [])
    types = [types] if isinstance(types, str) else list(types)
    checks = {
        "null": value is None,
        "boolean": isinstance(value, bool),
        "integer": (isinstance(value, int) and not isinstance(value, bool))
        or (isinstance(value, float) and value.is_integer()),
        "number": isinstance(value, (int, float)) and not isinstance(value, bool),
        "string": isinstance(value, str),
        "array": isinstance(value, list),
    }
    if not any(checks.get(t, False) for t in types):
        return f"expected {' or '.join(types)}, got {type(value).__name__} {value!r}"
    if isinstance(value, (int, float)) and "minimum" in schema and value < schema["minimum"]:
        return f"must be at least {schema['minimum']}, got {value}"
    allowed = schema.get("enum") or schema.get("items", {}).get("enum")
    values = value if isinstance(value, list) else [value]
    for v in values if allowed and value is not None else []:
        if v not in allowed:
            return f"'{v}' is not one of: {', '.join(map(str, allowed))}"
    return None


def _check_policy(
    name: str, value: Any, rule: Rule, source: str
) -> tuple[list[Problem], dict[str, Any]]:
    if isinstance(value, str):
        if value not in LEVELS:
            hint = _hint(value.lower(), LEVELS)
            msg = f"'{value}' is not an enforcement level ({', '.join(LEVELS)}).{hint}"
            return [Problem(msg, file=source, path=name)], {}
        value = {LEVEL_KEY: value}
    if not isinstance(value, Mapping):
        msg = f"expected an enforcement level or a mapping, got {type(value).__name__}"
        return [Problem(msg, file=source, path=name)], {}
    problems = []
    keys = {k.name: k for k in rule.config}
    for key, v in value.items():
        if key == LEVEL_KEY:
            if v not in LEVELS:
                hint = _hint(str(v).lower(), LEVELS)
                msg = f"enforcementLevel '{v}' is not one of: {', '.join(LEVELS)}.{hint}"
                problems.append(Problem(msg, file=source, path=name))
        elif key not in keys:
            known = ", ".join(keys) or "none (only enforcementLevel)"
            msg = f"unknown config key '{key}'.{_hint(key, list(keys))} Keys of {name}: {known}"
            problems.append(Problem(msg, file=source, path=name))
        elif (why := _type_error(keys[key].schema, v)) is not None:
            problems.append(Problem(why, file=source, path=f"{name}.{key}"))
    return problems, dict(value)


def parse_config(data: Any, rules: Sequence[Rule], source: str) -> dict[str, Any]:
    """Validate a policy config; raise :class:`ConfigError` listing every problem."""
    if not isinstance(data, Mapping):
        raise ConfigError(Problem("expected a JSON object of policy names", file=source))
    by_name = {r.name: r for r in rules}
    problems: list[Problem] = []
    out: dict[str, Any] = {}
    for name, value in data.items():
        if name == ALL:
            if value not in LEVELS:
                hint = _hint(str(value).lower(), LEVELS)
                msg = f"'{value}' is not an enforcement level ({', '.join(LEVELS)}).{hint}"
                problems.append(Problem(msg, file=source, path=ALL))
            out[ALL] = value
            continue
        rule = by_name.get(name)
        if rule is None:
            ids = {r.id.lower(): r.name for r in rules}
            hint = f" Did you mean '{ids[name.lower()]}'?" if name.lower() in ids else ""
            hint = hint or _hint(name, list(by_name))
            msg = f"unknown policy '{name}'.{hint} Policies: {', '.join(sorted(by_name))}"
            problems.append(Problem(msg, file=source, path=name))
            continue
        found, out[name] = _check_policy(name, value, rule, source)
        problems.extend(found)
    if problems:
        raise ConfigError(problems)
    return out


def merge_configs(*configs: Mapping[str, Any]) -> dict[str, Any]:
    """Later configs win; a policy's keys merge (profile first, then the file)."""
    out: dict[str, Any] = {}
    for config in configs:
        for name, value in config.items():
            if name == ALL:
                out[ALL] = value
                continue
            new = {LEVEL_KEY: value} if isinstance(value, str) else dict(value)
            old = out.get(name, {})
            out[name] = {**old, **new}
    return out


def resolve(rules: Sequence[Rule], config: Mapping[str, Any]) -> dict[str, Resolved]:
    """Each policy's effective level and properties, as ``pulumi preview`` sends them."""
    out = {}
    for rule in rules:
        value = config.get(rule.name, {})
        value = {LEVEL_KEY: value} if isinstance(value, str) else dict(value)
        level = value.pop(LEVEL_KEY, None) or config.get(ALL) or rule.enforcement
        out[rule.name] = Resolved(Enforcement(level), value)
    return out


def settings(rule: Rule | type[Rule], properties: Mapping[str, Any] | None) -> dict[str, Any]:
    """The rule's config: defaults from code, overridden by the given properties."""
    values = rule.defaults()
    keys: dict[str, ConfigKey] = {k.name: k for k in rule.config}
    for key, value in (properties or {}).items():
        if key == LEVEL_KEY or key not in keys:
            continue
        why = _type_error(keys[key].schema, value)
        if why is not None:
            raise ConfigError(Problem(why, path=f"{rule.name}.{key}"))
        values[key] = value
    return values
