"""``aihw check --format json``: every finding, and cost/power/lock-in per workload.

The input of ``aihw diff``. Unknown numbers are ``null``, never 0. Stacks whose program
failed are listed in ``failed_stacks`` (not judged).
"""

from __future__ import annotations

import json
from typing import Any

from pulumi_aihw.check.models import CheckReport, Item, StackResult
from pulumi_aihw.rules.model import Status

FORMAT_VERSION = 1


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


def _total(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(sum(known), 4) if known else None


def _stack(s: StackResult) -> dict[str, Any]:
    rows = s.workloads
    return {
        "stack_dir": s.stack_dir,
        "project": s.project,
        "stack": s.stack,
        "policy_profile": s.policy_profile,
        "usd_per_month": _total([w.usd_per_month for w in rows]),
        "power_kw": _total([w.power_kw for w in rows]),
        "unknown_cost": [w.name for w in rows if w.usd_per_month is None],
        "unknown_power": [w.name for w in rows if w.power_kw is None],
        "workloads": [
            {
                "name": w.name,
                "urn": w.urn,
                "kind": w.kind,
                "hardware": w.hardware,
                "usd_per_month": None if w.usd_per_month is None else round(w.usd_per_month, 2),
                "power_kw": None if w.power_kw is None else round(w.power_kw, 3),
                "lock_in": w.lock_in,
            }
            for w in rows
        ],
    }


def to_dict(report: CheckReport) -> dict[str, Any]:
    remediation = {r.id: r.remediation for r in report.rules}
    counts = {str(s): len(report.with_status(s)) for s in Status}
    return {
        "version": FORMAT_VERSION,
        "tool": "aihw check",
        "today": report.today.isoformat(),
        "catalog_as_of": report.catalog_as_of.isoformat(),
        "exit_code": report.exit_code,
        "summary": {"mandatory_violations": len(report.blocking), **counts},
        "rules": [
            {"id": r.id, "policy": r.name, "severity": str(r.severity), "level": str(r.level)}
            for r in report.rules
        ],
        "stacks": [_stack(s) for s in report.stacks],
        "failed_stacks": [
            {"stack_dir": f.stack_dir, "kind": f.kind, "problems": list(f.problems)}
            for f in report.failed
        ],
        "findings": [_finding(i, remediation[i.finding.rule_id]) for i in report.items],
    }


def render(report: CheckReport) -> str:
    return json.dumps(to_dict(report), indent=2) + "\n"
