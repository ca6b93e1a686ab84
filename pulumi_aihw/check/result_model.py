"""The model of an ``aihw check --format json`` result, as ``aihw diff`` reads it back.

Only what the diff uses is required; other keys are allowed (newer writers may add
them). Numbers must be finite and in range; every problem is reported at its JSON path.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pulumi_aihw.errors import InputError, Problem
from pulumi_aihw.spec.problems import problems_from_validation
from pulumi_aihw.spec.source import SourceMap

MAX_PROBLEMS = 50
"""Problems listed per file; the rest are counted."""
Amount = Annotated[float, Field(ge=-1e15, le=1e15, allow_inf_nan=False)]
Text = Annotated[str, Field(max_length=4096)]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class WorkloadDoc(_Open):
    name: Text
    hardware: Text | None = None
    usd_per_month: Amount | None = None
    usd_total: Amount | None = None
    """Training: the cost of the whole run (``aihw diff`` compares runs by it)."""
    power_kw: Amount | None = None
    lock_in: Text | None = None


class StackDoc(_Open):
    stack_dir: Text
    workloads: list[WorkloadDoc] = []


class ResourceDoc(_Open):
    name: Text


class FindingDoc(_Open):
    rule_id: Text
    stack_dir: Text
    status: Text
    level: Text | None = None
    message: Text = ""
    resource: ResourceDoc


class FailedStackDoc(_Open):
    stack_dir: Text
    kind: Text
    problems: list[Text] = []


class CheckResultDoc(_Open):
    version: Literal[1]
    stacks: list[StackDoc]
    findings: list[FindingDoc]
    failed_stacks: list[FailedStackDoc] = []


def parse_result(data: Any, source: str) -> CheckResultDoc:
    """``data`` (parsed JSON) as a check result, or an :class:`InputError` listing each
    problem with its JSON path (at most :data:`MAX_PROBLEMS`, then a count)."""
    hint = "To fix: write it with `aihw check STACK... --format json -o FILE`"
    if not isinstance(data, dict):
        raise InputError(
            Problem(
                f"not an `aihw check --format json` result (not a JSON object). {hint}", file=source
            )
        )
    try:
        return CheckResultDoc.model_validate(data)
    except ValidationError as exc:
        problems = problems_from_validation(exc, CheckResultDoc, SourceMap(file=source))
    shown = problems[:MAX_PROBLEMS]
    if len(problems) > MAX_PROBLEMS:
        shown.append(Problem(f"... and {len(problems) - MAX_PROBLEMS} more problems", file=source))
    shown.append(Problem(f"not an `aihw check --format json` result. {hint}", file=source))
    raise InputError(shown)
