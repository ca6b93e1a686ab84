"""The ``aihw check --format json`` document, both ways: :func:`report_to_dict` writes it,
:func:`report_from_dict` reads it back into the same :class:`CheckReport` (``aihw merge``
renders shard results in any format from it). Unknown numbers are ``null``, never 0.

Version 1; fields were only ever added. A document written by an older aihw (without the
rules' titles and remediation) is refused by the reader with what to do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from pulumi_aihw.check.models import (
    CheckReport,
    FailedStack,
    Item,
    Location,
    NotChecked,
    RuleInfo,
    Shard,
    Skipped,
    StackResult,
    WorkloadRow,
)
from pulumi_aihw.errors import InputError, Problem
from pulumi_aihw.rules.model import (
    Enforcement,
    Finding,
    ResourceRef,
    Severity,
    Status,
    SuppressionInfo,
)

FORMAT_VERSION = 1
WORKLOAD_FIELDS = (
    "usd_total",
    "run_hours",
    "budget_usd_per_month",
    "budget_usd_total",
    "power_basis",
    "power_low_kw",
    "power_high_kw",
)
"""Workload fields written as they are (``None`` as ``null``)."""


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _total(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(sum(known), 4) if known else None


def _finding(i: Item, remediation: str) -> dict[str, Any]:
    f, s = i.finding, i.finding.suppression
    return {
        "rule_id": f.rule_id,
        "policy": f.policy,
        "severity": str(f.severity),
        "level": None if f.level is None else str(f.level),
        "status": str(f.status),
        "stack_dir": i.stack_dir,
        "resource": {"urn": f.resource.urn, "type": f.resource.type, "name": f.resource.name},
        "message": f.message,
        "remediation": remediation,
        "notes": list(f.notes),
        "location": {"file": i.location.file, "line": i.location.line},
        "suppression": None
        if s is None
        else {
            "reason": s.reason,
            "source": s.source,
            "expires": None if s.expires is None else s.expires.isoformat(),
            "expired": s.expired,
        },
    }


def _workload(w: WorkloadRow) -> dict[str, Any]:
    return {
        "name": w.name,
        "urn": w.urn,
        "kind": w.kind,
        "hardware": w.hardware,
        "usd_per_month": _round(w.usd_per_month, 2),
        "power_kw": _round(w.power_kw, 3),
        "lock_in": w.lock_in,
        **{k: getattr(w, k) for k in WORKLOAD_FIELDS},
    }


def _stack(s: StackResult) -> dict[str, Any]:
    rows = s.workloads
    return {
        "stack_dir": s.stack_dir,
        "project": s.project,
        "stack": s.stack,
        "policy_profile": s.policy_profile,
        "policy_config": None if s.policy_config is None else dict(s.policy_config),
        "usd_per_month": _total([w.usd_per_month for w in rows]),
        "power_kw": _total([w.power_kw for w in rows]),
        "unknown_cost": [w.name for w in rows if w.usd_per_month is None],
        "unknown_power": [w.name for w in rows if w.power_kw is None],
        "workloads": [_workload(w) for w in rows],
    }


def report_to_dict(report: CheckReport) -> dict[str, Any]:
    remediation = {r.id: r.remediation for r in report.rules}
    counts = {str(s): len(report.with_status(s)) for s in Status}
    return {
        "version": FORMAT_VERSION,
        "tool": "aihw check",
        "today": report.today.isoformat(),
        "catalog_as_of": report.catalog_as_of.isoformat(),
        "exit_code": report.exit_code,
        "summary": {
            "mandatory_violations": len(report.blocking),
            **counts,
            "failed_stacks": len(report.failed),
            "not_checked_stacks": len(report.not_checked),
        },
        "shard": None
        if report.shard is None
        else {"index": report.shard.index, "count": report.shard.count},
        "stacks_found": report.stacks_found,
        "policy_config": None if report.policy_config is None else dict(report.policy_config),
        "rules": [
            {
                "id": r.id,
                "policy": r.name,
                "severity": str(r.severity),
                "level": str(r.level),
                "title": r.title,
                "description": r.description,
                "remediation": r.remediation,
            }
            for r in report.rules
        ],
        "stacks": [_stack(s) for s in report.stacks],
        "failed_stacks": [
            {
                "stack_dir": f.stack_dir,
                "kind": f.kind,
                "problems": list(f.problems),
                "exit_code": f.exit_code,
            }
            for f in report.failed
        ],
        "not_checked": [{"stack_dir": n.stack_dir, "reason": n.reason} for n in report.not_checked],
        "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
        "findings": [_finding(i, remediation[i.finding.rule_id]) for i in report.items],
    }


class _Reader:
    """Typed access to a JSON document with one clear message per wrong field."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, what: str) -> InputError:
        return InputError(
            Problem(
                f"{what}. To fix: pass files written by `aihw check --format json` of this "
                "aihw version",
                file=self.source,
                path=path,
            )
        )

    def get(self, data: Any, key: str, kind: type | tuple[type, ...], path: str) -> Any:
        if not isinstance(data, Mapping) or key not in data:
            raise self.fail(f"{path}.{key}" if path else key, "missing")
        value = data[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind in (int, float)):
            raise self.fail(f"{path}.{key}" if path else key, f"not a {_kind_name(kind)}")
        return value

    def opt(
        self, data: Mapping[str, Any], key: str, kind: type | tuple[type, ...], path: str
    ) -> Any:
        if data.get(key) is None:
            return None
        return self.get(data, key, kind, path)

    def date(self, data: Mapping[str, Any], key: str) -> dt.date:
        text = self.get(data, key, str, "")
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise self.fail(key, f"'{text}' is not a date (YYYY-MM-DD)") from None

    def enum(self, cls: Any, value: Any, path: str) -> Any:
        try:
            return cls(value)
        except ValueError:
            allowed = ", ".join(cls.values())
            raise self.fail(path, f"'{value}' is not one of: {allowed}") from None


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {str: "string", int: "number", float: "number", list: "list", dict: "mapping"}
    return " or ".join(dict.fromkeys(names.get(k, k.__name__) for k in kinds))


_NUMBER = (int, float)


def _rule(r: _Reader, d: Any, path: str) -> RuleInfo:
    if not isinstance(d, Mapping) or "remediation" not in d:
        raise r.fail(path, "a rule without its title and remediation (written by an older aihw)")
    return RuleInfo(
        r.get(d, "id", str, path),
        r.get(d, "policy", str, path),
        r.get(d, "title", str, path),
        r.get(d, "description", str, path),
        r.enum(Severity, r.get(d, "severity", str, path), f"{path}.severity"),
        r.get(d, "remediation", str, path),
        r.enum(Enforcement, r.get(d, "level", str, path), f"{path}.level"),
    )


def _suppression(r: _Reader, d: Any, path: str) -> SuppressionInfo | None:
    if d is None:
        return None
    expires = r.opt(d, "expires", str, path)
    return SuppressionInfo(
        r.get(d, "reason", str, path),
        r.get(d, "source", str, path),
        dt.date.fromisoformat(expires) if expires else None,
        bool(r.get(d, "expired", bool, path)),
    )


def _item(r: _Reader, d: Any, path: str) -> Item:
    res = r.get(d, "resource", dict, path)
    loc = r.get(d, "location", dict, path)
    level = r.opt(d, "level", str, path)
    finding = Finding(
        rule_id=r.get(d, "rule_id", str, path),
        policy=r.get(d, "policy", str, path),
        severity=r.enum(Severity, r.get(d, "severity", str, path), f"{path}.severity"),
        status=r.enum(Status, r.get(d, "status", str, path), f"{path}.status"),
        message=r.get(d, "message", str, path),
        resource=ResourceRef(
            r.get(res, "urn", str, f"{path}.resource"),
            r.get(res, "type", str, f"{path}.resource"),
            r.get(res, "name", str, f"{path}.resource"),
        ),
        level=None if level is None else r.enum(Enforcement, level, f"{path}.level"),
        suppression=_suppression(r, d.get("suppression"), f"{path}.suppression"),
        notes=tuple(str(n) for n in r.get(d, "notes", list, path)),
    )
    location = Location(
        r.get(loc, "file", str, f"{path}.location"), r.opt(loc, "line", int, f"{path}.location")
    )
    return Item(finding, r.get(d, "stack_dir", str, path), location)


def _workload_row(r: _Reader, stack_dir: str, d: Any, path: str) -> WorkloadRow:
    extra = {k: d.get(k) for k in WORKLOAD_FIELDS}
    return WorkloadRow(
        stack_dir=stack_dir,
        name=r.get(d, "name", str, path),
        urn=r.get(d, "urn", str, path),
        kind=r.get(d, "kind", str, path),
        hardware=r.get(d, "hardware", str, path),
        usd_per_month=r.opt(d, "usd_per_month", _NUMBER, path),
        power_kw=r.opt(d, "power_kw", _NUMBER, path),
        lock_in=r.opt(d, "lock_in", str, path),
        **extra,
    )


def _stack_result(r: _Reader, d: Any, items: list[Item], path: str) -> StackResult:
    stack_dir = r.get(d, "stack_dir", str, path)
    rows = r.get(d, "workloads", list, path)
    return StackResult(
        stack_dir,
        r.get(d, "project", str, path),
        r.get(d, "stack", str, path),
        tuple(_workload_row(r, stack_dir, w, f"{path}.workloads[{n}]") for n, w in enumerate(rows)),
        tuple(i for i in items if i.stack_dir == stack_dir),
        r.opt(d, "policy_profile", str, path),
        r.opt(d, "policy_config", dict, path),
    )


def stack_to_dict(s: StackResult) -> dict[str, Any]:
    """One checked stack with its findings (the result cache's entry)."""
    return {**_stack(s), "findings": [_finding(i, "") for i in s.items]}


def stack_from_dict(data: Any, source: str) -> StackResult:
    """:func:`stack_to_dict` read back; :class:`InputError` when it is not one."""
    r = _Reader(source)
    items = [_item(r, d, f"findings[{n}]") for n, d in enumerate(r.get(data, "findings", list, ""))]
    return _stack_result(r, data, items, "")


def report_from_dict(data: Any, source: str) -> CheckReport:
    """The report a ``--format json`` document describes; :class:`InputError` (exit 2)
    naming the file and field when it is not one."""
    r = _Reader(source)
    if r.get(data, "version", int, "") != FORMAT_VERSION:
        raise r.fail("version", f"version {data['version']} is not {FORMAT_VERSION}")
    items = [_item(r, d, f"findings[{n}]") for n, d in enumerate(r.get(data, "findings", list, ""))]
    stacks = tuple(
        _stack_result(r, d, items, f"stacks[{n}]")
        for n, d in enumerate(r.get(data, "stacks", list, ""))
    )
    shard = r.opt(data, "shard", dict, "")
    return CheckReport(
        stacks=stacks,
        rules=tuple(
            _rule(r, d, f"rules[{n}]") for n, d in enumerate(r.get(data, "rules", list, ""))
        ),
        today=r.date(data, "today"),
        catalog_as_of=r.date(data, "catalog_as_of"),
        failed=tuple(
            FailedStack(
                r.get(d, "stack_dir", str, f"failed_stacks[{n}]"),
                r.get(d, "kind", str, f"failed_stacks[{n}]"),
                tuple(str(m) for m in r.get(d, "problems", list, f"failed_stacks[{n}]")),
                r.get(d, "exit_code", int, f"failed_stacks[{n}]"),
            )
            for n, d in enumerate(data.get("failed_stacks") or [])
        ),
        not_checked=tuple(
            NotChecked(
                r.get(d, "stack_dir", str, f"not_checked[{n}]"),
                r.get(d, "reason", str, f"not_checked[{n}]"),
            )
            for n, d in enumerate(data.get("not_checked") or [])
        ),
        skipped=tuple(
            Skipped(
                r.get(d, "path", str, f"skipped[{n}]"), r.get(d, "reason", str, f"skipped[{n}]")
            )
            for n, d in enumerate(data.get("skipped") or [])
        ),
        policy_config=r.opt(data, "policy_config", dict, ""),
        shard=None
        if shard is None
        else Shard(r.get(shard, "index", int, "shard"), r.get(shard, "count", int, "shard")),
        stacks_found=r.opt(data, "stacks_found", int, ""),
    )
