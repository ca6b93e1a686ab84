"""``aihw check --format sarif``: SARIF 2.1.0 for code scanning (GitHub uploads it).

One rule per policy (with help text and remediation), one result per violation,
suppressed or unevaluated finding; a stack whose program failed is an error notification
of the run (``executionSuccessful: false``). Levels follow the usual mapping: critical/high ->
error, medium -> warning, low -> note. Locations point at the stack's workload.yaml
(Workload components) or __main__.py (raw resources).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from pulumi_aihw import __version__
from pulumi_aihw.check.models import CheckReport, Item, RuleInfo
from pulumi_aihw.rules.model import Severity, Status

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/pulumi-aihw/pulumi-aihw/blob/main/docs/policies.md"
LEVELS = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
}


def _rule(r: RuleInfo) -> dict[str, Any]:
    return {
        "id": r.id,
        "name": r.name,
        "shortDescription": {"text": r.title},
        "fullDescription": {"text": r.description},
        "help": {
            "text": f"{r.description} To fix: {r.remediation}",
            "markdown": f"{r.description}\n\n**To fix:** {r.remediation}",
        },
        "helpUri": f"{INFO_URI}#{r.id.lower()}",
        "defaultConfiguration": {"level": LEVELS[r.severity]},
        "properties": {"severity": str(r.severity), "enforcement": str(r.level), "tags": [r.name]},
    }


def _location(i: Item) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": quote(i.location.file)}}
    if i.location.line:
        physical["region"] = {"startLine": i.location.line}
    res = i.finding.resource
    return {
        "physicalLocation": physical,
        "logicalLocations": [
            {"name": res.name, "fullyQualifiedName": res.urn or res.name, "kind": "resource"}
        ],
    }


def _result(i: Item, index: dict[str, int]) -> dict[str, Any]:
    f = i.finding
    out: dict[str, Any] = {
        "ruleId": f.rule_id,
        "ruleIndex": index[f.rule_id],
        "level": LEVELS[f.severity],
        "message": {"text": " ".join([f.message, *f.notes])},
        "locations": [_location(i)],
        "partialFingerprints": {"aihwFinding/v1": f"{f.rule_id}:{i.stack_dir}:{f.resource.urn}"},
        "properties": {
            "enforcement": None if f.level is None else str(f.level),
            "status": str(f.status),
            "stack": i.stack_dir,
        },
    }
    if f.status is Status.NOT_EVALUATED:
        out.update(kind="review", level="none")
    if f.status is Status.SUPPRESSED and f.suppression is not None:
        until = f" (until {f.suppression.expires})" if f.suppression.expires else ""
        out["suppressions"] = [
            {
                "kind": "inSource",
                "status": "accepted",
                "justification": f"{f.suppression.reason}{until}",
            }
        ]
    return out


def _invocation(report: CheckReport) -> dict[str, Any]:
    """Whether every stack could be previewed; each stack that could not, as an error
    notification at its directory."""
    return {
        "executionSuccessful": not report.failed,
        "toolExecutionNotifications": [
            {
                "level": "error",
                "message": {"text": f"{f.kind}: " + " ".join(f.problems)},
                "locations": [
                    {"physicalLocation": {"artifactLocation": {"uri": quote(f.stack_dir)}}}
                ],
                "descriptor": {"id": f"aihw-stack-{f.kind.replace(' ', '-')}"},
            }
            for f in report.failed
        ],
    }


def to_dict(report: CheckReport) -> dict[str, Any]:
    index = {r.id: n for n, r in enumerate(report.rules)}
    shown = (Status.VIOLATION, Status.SUPPRESSED, Status.NOT_EVALUATED)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "aihw",
                        "version": __version__,
                        "informationUri": INFO_URI,
                        "rules": [_rule(r) for r in report.rules],
                    }
                },
                "results": [_result(i, index) for i in report.with_status(*shown)],
                "invocations": [_invocation(report)],
            }
        ],
    }


def render(report: CheckReport) -> str:
    return json.dumps(to_dict(report), indent=2) + "\n"
