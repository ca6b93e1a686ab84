"""``aihw check --format junit``: JUnit XML, one test case per rule and resource.

A test suite per stack. Only blocking findings fail: mandatory violations are failures
(type: the enforcement level); advisory violations are skipped (``advisory: <message>``,
with the remediation in the text), as are suppressed, unevaluated and not-applicable
findings, each with the reason. A stack that could not be checked is a suite with one
``error`` test case; a stack in a language aihw cannot run is a suite with one skipped
case. Outside text goes through
:func:`~pulumi_aihw.reports.escape.xml` (no character XML forbids).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from pulumi_aihw.check.models import CheckReport, FailedStack, Item, NotChecked, StackResult
from pulumi_aihw.reports.escape import xml
from pulumi_aihw.rules.model import Status


def _case(i: Item, suite: ET.Element, title: str, remediation: str) -> None:
    f = i.finding
    case = ET.SubElement(
        suite,
        "testcase",
        classname=f"{f.rule_id} {f.policy}",
        name=xml(f"{f.resource.name} ({f.resource.type})"),
        file=xml(i.location.file),
    )
    if i.location.line:
        case.set("line", str(i.location.line))
    text = xml("\n".join([f.message, *f.notes]))
    if i.blocking:
        fail = ET.SubElement(
            case, "failure", message=xml(f"{title}: {f.message}"), type=str(f.level)
        )
        fail.text = f"{text}\nTo fix: {xml(remediation)}"
    elif f.status is Status.VIOLATION:
        skip = ET.SubElement(case, "skipped", message=xml(f"advisory: {title}: {f.message}"))
        skip.text = f"{text}\nTo fix: {xml(remediation)}"
    elif f.status is Status.SUPPRESSED and f.suppression is not None:
        reason = xml(f"suppressed: {f.suppression.reason}")
        ET.SubElement(case, "skipped", message=reason).text = text
    elif f.status is not Status.PASSED:
        ET.SubElement(case, "skipped", message=xml(f"{f.status}: {f.message}"))


def _suite(s: StackResult, report: CheckReport, root: ET.Element) -> None:
    items = s.items
    suite = ET.SubElement(
        root,
        "testsuite",
        name=xml(s.stack_dir),
        tests=str(len(items)),
        failures=str(sum(i.blocking for i in items)),
        errors="0",
        skipped=str(sum(i.finding.status is not Status.PASSED and not i.blocking for i in items)),
    )
    for i in items:
        rule = report.rule(i.finding.rule_id)
        _case(i, suite, rule.title, rule.remediation)


def _failed_suite(f: FailedStack, root: ET.Element) -> None:
    suite = ET.SubElement(
        root, "testsuite", name=xml(f.stack_dir), tests="1", failures="0", errors="1", skipped="0"
    )
    case = ET.SubElement(suite, "testcase", classname="aihw preview", name=xml(f.stack_dir))
    head = f.problems[0] if f.problems else f.kind
    error = ET.SubElement(case, "error", message=xml(f"{f.kind}: {head}"), type=xml(f.kind))
    error.text = xml("\n".join(f.problems))


def _not_checked_suite(n: NotChecked, root: ET.Element) -> None:
    suite = ET.SubElement(
        root, "testsuite", name=xml(n.stack_dir), tests="1", failures="0", errors="0", skipped="1"
    )
    case = ET.SubElement(suite, "testcase", classname="aihw preview", name=xml(n.stack_dir))
    ET.SubElement(case, "skipped", message=xml(f"not checked: {n.reason}"))


def render(report: CheckReport) -> str:
    root = ET.Element("testsuites", name="aihw check")
    for s in report.stacks:
        _suite(s, report, root)
    for f in report.failed:
        _failed_suite(f, root)
    for n in report.not_checked:
        _not_checked_suite(n, root)
    root.set("tests", str(len(report.items) + len(report.failed) + len(report.not_checked)))
    root.set("failures", str(len(report.blocking)))
    root.set("errors", str(len(report.failed)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
