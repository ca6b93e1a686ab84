"""Check-report renderers: markdown golden file, SARIF against the 2.1.0 schema, JUnit
parsed back, JSON contents, the table, and `aihw diff` markdown.

Golden files live in tests/reports/golden/. After an intended change, regenerate them
with ``AIHW_REGENERATE_GOLDEN=1 python -m pytest tests/reports`` and review the diff.
"""

from __future__ import annotations

import copy
import json
import os
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from pulumi_aihw.check.diff import diff
from pulumi_aihw.crossguard import check_previews
from pulumi_aihw.reports import FINDINGS_RENDERERS, diff_markdown, findings_json, findings_sarif

from ..check.sample import CONFIG, inferentia_stack, tpu_stack
from ..conftest import ROOT_DIR, TODAY
from .golden import check_golden as golden


@pytest.fixture(scope="module")
def report():
    cwd = os.getcwd()
    os.chdir(ROOT_DIR)
    try:
        return check_previews([inferentia_stack(), tpu_stack()], CONFIG, today=TODAY)
    finally:
        os.chdir(cwd)


def test_markdown_golden(report):
    text = FINDINGS_RENDERERS["markdown"](report)
    golden("check.md", text)
    assert text.startswith("<!-- aihw-check -->\n### :x: aihw check FAIL: 1 mandatory violation")
    assert "**Cost per month**\n\n```text\n" in text and "##### Medium" in text


def test_sarif_is_valid_2_1_0_with_one_rule_per_policy(report):
    doc = json.loads(FINDINGS_RENDERERS["sarif"](report))
    schema = json.loads((ROOT_DIR / "tests/fixtures/sarif-schema-2.1.0.json").read_text())
    jsonschema.validate(doc, schema)
    run = doc["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [r.id for r in report.rules]
    assert all(r["help"]["text"] for r in run["tool"]["driver"]["rules"])
    results = {
        (r["ruleId"], r["locations"][0]["logicalLocations"][0]["name"]): r for r in run["results"]
    }
    assert results[("AIHW-LOCK-002", "trainer")]["level"] == "warning"  # medium
    assert results[("AIHW-LOCK-004", "chat")]["level"] == "warning"
    assert results[("AIHW-COST-005", "chat")]["level"] == "note"  # low
    loc = results[("AIHW-LOCK-004", "chat")]["locations"][0]["physicalLocation"]
    assert loc == {
        "artifactLocation": {"uri": "stacks/aws-inferentia-inference/workload.yaml"},
        "region": {"startLine": 19},
    }
    suppressed = results[("AIHW-COST-001", "batch-gpu")]
    assert suppressed["level"] == "error"  # high
    assert suppressed["suppressions"][0]["justification"] == "quarterly batch (until 2026-12-31)"


def test_severity_mapping_is_checkovs():
    assert findings_sarif.LEVELS == {
        "critical": "error",
        "high": "error",
        "medium": "warning",
        "low": "note",
    }


def test_junit_parses_back_one_case_per_rule_and_resource(report):
    root = ET.fromstring(FINDINGS_RENDERERS["junit"](report))
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == len(report.items) == int(root.get("tests"))
    keys = [(c.get("classname"), c.get("name")) for c in cases]
    assert len(set(keys)) == len(keys)
    failed = {c.get("classname").split()[0] for c in cases if c.find("failure") is not None}
    assert failed == {"AIHW-LOCK-002"}  # the one mandatory violation; advisory ones skip
    advisory = {
        c.get("classname").split()[0]
        for c in cases
        if c.find("skipped") is not None
        and c.find("skipped").get("message").startswith("advisory: ")
    }
    assert advisory == {"AIHW-LOCK-004", "AIHW-COST-005"}  # TPU power is now an estimate
    vendor = next(
        c
        for c in cases
        if c.get("classname").startswith("AIHW-LOCK-002") and c.get("name").startswith("trainer")
    )
    assert vendor.find("failure").get("type") == "mandatory"
    skipped = [c.find("skipped").get("message") for c in cases if c.find("skipped") is not None]
    assert "suppressed: quarterly batch" in skipped


def test_json_has_every_finding_and_workload_totals(report):
    data = json.loads(FINDINGS_RENDERERS["json"](report))
    assert data["exit_code"] == 1 and len(data["findings"]) == len(report.items)
    f = next(
        f
        for f in data["findings"]
        if f["rule_id"] == "AIHW-COST-001" and f["resource"]["name"] == "batch-gpu"
    )
    assert f["status"] == "suppressed" and f["level"] == "mandatory"
    assert f["suppression"] == {
        "reason": "quarterly batch",
        "source": "tag aihw-suppress-aihw-cost-001",
        "expires": "2026-12-31",
        "expired": False,
    }
    chat = data["stacks"][0]
    assert chat["unknown_power"] == ["later"]  # unknown is null, never 0
    assert chat["workloads"][0]["power_kw"] == 0.77  # Inferentia2: an estimate, not unknown


def test_table_names_verdict_workloads_and_findings(report):
    text = FINDINGS_RENDERERS["table"](report)
    assert text.startswith("aihw check FAIL: 1 mandatory violation")
    assert "inf2.xlarge x2" in text and "AIHW-LOCK-002" in text and "suppressed: quarterly" in text


def test_diff_markdown_golden(report):
    base = findings_json.to_dict(report)
    head = copy.deepcopy(base)
    chat = head["stacks"][0]["workloads"][0]
    chat.update(usd_per_month=2717.06, power_kw=0.9, lock_in="low", hardware="g6e.xlarge x2")
    head["stacks"][1]["workloads"].append(
        {
            "name": "evals",
            "urn": "u",
            "kind": "instance",
            "hardware": "g6e.xlarge x1",
            "usd_per_month": 2193.13,
            "power_kw": 0.45,
            "lock_in": "low",
        }
    )
    head["findings"] = [f for f in head["findings"] if f["resource"]["name"] != "trainer"]
    text = diff_markdown.render(diff(base, head))
    golden("diff.md", text)
    assert ":arrow_down: less lock-in" in text and "`stacks/gcp-tpu-training/evals` (added)" in text
    assert "**Fixed violations** (1)" in text  # TPU power is now an estimate, not unknown


def test_markdown_never_says_no_hardware_when_a_rule_judged_some(report):
    import dataclasses

    from pulumi_aihw.rules.facts.stack import STACK_TYPE

    render = FINDINGS_RENDERERS["markdown"]
    no_rows = dataclasses.replace(
        report, stacks=tuple(dataclasses.replace(s, workloads=()) for s in report.stacks)
    )
    text = render(no_rows)
    assert "No accelerator hardware found" not in text
    assert "Accelerator hardware found; see the findings." in text
    stack_only = dataclasses.replace(
        no_rows,
        stacks=tuple(
            dataclasses.replace(
                s, items=tuple(i for i in s.items if i.finding.resource.type == STACK_TYPE)
            )
            for s in no_rows.stacks
        ),
    )
    assert "No accelerator hardware found in the checked stacks." in render(stack_only)
