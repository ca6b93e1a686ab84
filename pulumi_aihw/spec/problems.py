"""Turn pydantic validation errors into one clear, located message per problem.

Each message says what was wrong and what is allowed:
``workload.yaml:12: model.precision: 'bf32' is not allowed. Did you mean 'bf16'? Allowed: ...``
"""

from __future__ import annotations

import difflib
import enum
import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from pulumi_aihw.errors import Problem
from pulumi_aihw.spec.source import SourceMap

_PATTERN_HELP = {
    r"^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$": (
        "use lower-case letters, digits and dashes, starting with a letter (at most 63)"
    ),
    r"^AIHW-[A-Z]+-\d{3}$": "use a rule id such as AIHW-COST-001",
    r"^cr-[0-9a-f]+$": "use a reservation id such as cr-0123456789abcdef0",
}


def problems_from_validation(
    exc: ValidationError,
    model: type[BaseModel],
    source: SourceMap,
    prefix: Sequence[str | int] = (),
) -> list[Problem]:
    """One :class:`Problem` per pydantic error, located through ``source``."""
    out: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        message = _message(err, model, loc)
        key = (loc, message)
        if key in seen:
            continue
        seen.add(key)
        out.append(source.problem((*prefix, *loc), message))
    return out


def describe(value: object) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, (int, float)):
        return f"{value} (a number)"
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    if value is None:
        return "nothing (null)"
    return repr(value)


def did_you_mean(value: str, options: Sequence[str]) -> str:
    """`` Did you mean 'x'?`` with the closest option, or the few equally close ones
    (``'us-east-1' or 'us-west-1'`` for ``us-est-1``); empty when none is close."""
    wanted = value.lower()
    close = difflib.get_close_matches(wanted, list(options), n=3, cutoff=0.6)
    if not close:
        return ""

    def score(option: str) -> float:
        return difflib.SequenceMatcher(None, wanted, option).ratio()

    best = score(close[0])
    tied = [f"'{c}'" for c in sorted(c for c in close if score(c) >= best - 0.02)]
    said = tied[0] if len(tied) == 1 else ", ".join(tied[:-1]) + " or " + tied[-1]
    return f" Did you mean {said}?"


def _message(err: ErrorDetails, model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        parent = _annotation_at(model, loc[:-1])
        allowed = sorted(parent.model_fields) if _is_model(parent) else []
        hint = did_you_mean(str(loc[-1]), allowed)
        tail = f" Allowed fields: {', '.join(allowed)}." if allowed else ""
        return f"unknown field '{loc[-1]}'.{hint}{tail}"
    if kind in ("enum", "literal_error"):
        allowed = _choices(_annotation_at(model, loc)) or [str(ctx.get("expected", ""))]
        hint = did_you_mean(str(value), allowed) if isinstance(value, str) else ""
        return f"{describe(value)} is not allowed.{hint} Allowed: {', '.join(allowed)}."
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        words = {
            "greater_than": ("greater than", "gt"),
            "greater_than_equal": ("at least", "ge"),
            "less_than": ("less than", "lt"),
            "less_than_equal": ("at most", "le"),
        }[kind]
        return f"must be {words[0]} {_num(ctx.get(words[1]))}, got {_num(value)}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        return (
            f"{describe(value)} is not valid: {_PATTERN_HELP.get(pattern, 'must match ' + pattern)}"
        )
    if kind == "string_too_short":
        n = ctx.get("min_length", 1)
        return "must not be empty" if n == 1 else f"must be at least {n} characters"
    if kind == "string_too_long":
        return f"must be at most {ctx.get('max_length')} characters"
    if kind == "too_short":
        return f"must list at least {ctx.get('min_length', 1)} item(s)"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"expected a whole number, got {describe(value)}"
    if kind in ("float_parsing", "float_type", "finite_number"):
        return f"expected a number, got {describe(value)}"
    if kind in ("bool_parsing", "bool_type"):
        return f"expected true or false, got {describe(value)}"
    if kind == "string_type":
        return f"expected a string, got {describe(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type", "dataclass_type"):
        return f"expected a mapping of fields, got {describe(value)}"
    if kind in ("list_type", "tuple_type", "set_type"):
        return f"expected a list, got {describe(value)}"
    if kind.startswith("date"):
        return f"expected a date (YYYY-MM-DD), got {describe(value)}"
    if kind in ("value_error", "assertion_error"):
        msg = err["msg"]
        for head in ("Value error, ", "Assertion failed, "):
            msg = msg.removeprefix(head)
        return msg
    return str(err["msg"])


def _num(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _unwrap(tp: Any) -> Any:
    """Strip Optional/Annotated to the one meaningful type (or return ``tp``)."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
            continue
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) == 1:
                tp = args[0]
                continue
        return tp


def _annotation_at(model: type[BaseModel], loc: tuple[Any, ...]) -> Any:
    """Walk a model's annotations along an error location."""
    tp: Any = model
    for part in loc:
        tp = _unwrap(tp)
        if _is_model(tp) and isinstance(part, str) and part in tp.model_fields:
            tp = tp.model_fields[part].annotation
            continue
        origin = typing.get_origin(tp)
        if origin in (list, tuple, set) and isinstance(part, int):
            tp = typing.get_args(tp)[0]
            continue
        if origin is dict:
            tp = typing.get_args(tp)[1]
            continue
        return None
    return _unwrap(tp)


def _choices(tp: Any) -> list[str]:
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return [str(m.value) for m in tp]
    if typing.get_origin(tp) is typing.Literal:
        return [str(a) for a in typing.get_args(tp)]
    return []
