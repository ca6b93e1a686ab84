"""Reading engine-shaped properties safely: missing is ``None``, unknown is :data:`UNKNOWN`.

``get(props, "mixedInstancesPolicy", "launchTemplate", "overrides", 0, "instanceType")``
walks dicts and lists; it returns UNKNOWN as soon as a step is unknown, so a rule
can tell "not set" from "not known until the update runs".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.rules.model import Unevaluable

Step = str | int


def get(value: Any, *path: Step) -> Any:
    for step in path:
        if value is UNKNOWN or value is None:
            return value
        if isinstance(step, int):
            if isinstance(value, Sequence) and not isinstance(value, str) and step < len(value):
                value = value[step]
            else:
                return None
        elif isinstance(value, Mapping):
            value = value.get(step)
        else:
            return None
    return value


def dotted(*path: Step) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out


def known(value: Any, what: str) -> Any:
    """``value``, or raise :class:`Unevaluable` naming ``what`` if it is unknown."""
    if value is UNKNOWN:
        raise Unevaluable(f"{what} is unknown during preview")
    return value


def is_unknown(value: Any) -> bool:
    return value is UNKNOWN


def text(value: Any) -> str | None:
    """A string value (None for anything else, UNKNOWN kept by callers before this)."""
    return value if isinstance(value, str) and value else None


def number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def items(value: Any) -> list[Any]:
    """A list value as a list (empty for None or non-lists)."""
    if isinstance(value, Sequence) and not isinstance(value, str):
        return list(value)
    return []


def string_map(value: Any) -> dict[str, str]:
    """Tags or labels as a plain dict; unknown values are left out."""
    if not isinstance(value, Mapping):
        return {}
    return {str(k): v for k, v in value.items() if isinstance(v, str)}
