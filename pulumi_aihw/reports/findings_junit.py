"""``aihw check --format junit``: JUnit XML, one test case per rule and resource.

A test suite per stack; violations are failures (type: the enforcement level),
suppressed, unevaluated and not-applicable findings are skipped with the reason.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from pulumi_aihw.check.models import CheckReport, Item, StackResult
from pulumi_aihw.rules.model import Status


def _case(i: Item, suite: ET.Element, title: str, remediation: str) -> None:
    f = i.finding
    case = ET.SubElement(
        suite,
        "testcase",
        classname=f"{f.rule_id} {f.policy}",
        name=f"{f.resource.name} ({f.resource.type})",
        file=i.location.file,
    )
    if i.location.line:
        case.set("line", str(i.location.line))
    text = "\n".join([f.message, *f.notes])
    if f.status is Status.VIOLATION:
        fail = ET.SubElement(case, "failure", message=f"{title}: {f.message}", type=str(f.level))
        fail.text = f"{text}\nTo fix: {remediation}"
    elif f.status is Status.SUPPRESSED and f.suppression is not None:
        ET.SubElement(case, "skipped", message=f"suppressed: {f.suppression.reason}").text = text
    elif f.status is not Status.PASSED:
        ET.SubElement(case, "skipped", message=f"{f.status}: {f.message}")


def _suite(s: StackResult, report: CheckReport, root: ET.Element) -> None:
    items = s.items
    suite = ET.SubElement(
        root,
        "testsuite",
        name=s.stack_dir,
        tests=str(len(items)),
        failures=str(sum(i.finding.status is Status.VIOLATION for i in items)),
        errors="0",
        skipped=str(sum(i.finding.status not in (Status.PASSED, Status.VIOLATION) for i in items)),
    )
    for i in items:
        rule = report.rule(i.finding.rule_id)
        _case(i, suite, rule.title, rule.remediation)


def render(report: CheckReport) -> str:
    root = ET.Element("testsuites", name="aihw check")
    for s in report.stacks:
        _suite(s, report, root)
    root.set("tests", str(len(report.items)))
    root.set("failures", str(len(report.with_status(Status.VIOLATION))))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
