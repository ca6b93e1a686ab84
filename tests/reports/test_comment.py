"""The PR comment at repository scale: golden markdown for 1, 7 and 25 workloads; under
GitHub's size limit at 200; blocking first, remediation once per rule, unique chart
labels, training runs compared like with like, estimated power marked; JUnit counts.

Goldens live in tests/reports/golden/; regenerate after an intended change with
``AIHW_REGENERATE_GOLDEN=1 python -m pytest tests/reports`` and review the diff."""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from pulumi_aihw.check.models import CheckReport, FailedStack, NotChecked, Skipped, WorkloadRow
from pulumi_aihw.crossguard import check_previews
from pulumi_aihw.reports import FINDINGS_RENDERERS
from pulumi_aihw.reports.comment_budget import GITHUB_COMMENT_LIMIT, Section, fit
from pulumi_aihw.reports.findings_text import budget_cell, cost_cell, power_cell

from ..check.fleet import CONFIG, fleet
from ..conftest import TODAY
from .golden import check_golden

markdown = FINDINGS_RENDERERS["markdown"]


@functools.lru_cache(maxsize=8)
def report(workloads: int) -> CheckReport:
    return check_previews(fleet(workloads), CONFIG, today=TODAY)


def with_failures(r: CheckReport) -> CheckReport:
    return replace(
        r,
        failed=(
            FailedStack(
                "stacks/broken",
                "program error",
                ("stacks/broken/__main__.py:3: the program failed: RuntimeError: boom",),
            ),
        ),
        not_checked=(NotChecked("stacks/web", "runtime nodejs"),),
        skipped=(Skipped("stacks/profiles", "no Pulumi.yaml in it or below"),),
    )


@pytest.mark.parametrize("count", [1, 7, 25])
def test_golden_comment(count: int):
    r = report(count) if count != 7 else with_failures(report(7))
    check_golden(f"comment-{count}.md", markdown(r))


def _balanced(text: str) -> None:
    assert text.count("<details>") == text.count("</details>")
    assert text.count("```") % 2 == 0


def test_blocking_first_then_advisory_by_severity_and_remediation_once_per_rule():
    r = report(25)
    text = markdown(r)
    blocking, advisory = text.index("#### :no_entry: Blocking"), text.index("#### Advisory")
    assert blocking < text.index("#### Workloads") < advisory
    assert "(high, mandatory)" in text[blocking:advisory]
    assert "mandatory)" not in text[advisory:]
    headings = re.findall(r"^##### (\w+)$", text[advisory:], re.M)
    assert headings == sorted(headings, key=["Critical", "High", "Medium", "Low"].index)
    for rule in r.rules:
        assert text.count(f"_To fix:_ {rule.remediation}") <= 1, rule.id
    _balanced(text)


def test_charts_have_one_bar_per_workload_with_unique_labels_and_values():
    r = report(25)
    text = markdown(r)
    cost = text.split("**Cost per month**")[1].split("```text")[1].split("```")[0]
    cost = cost.strip().splitlines()
    services = [w for w in r.workloads if not w.is_training and w.usd_per_month is not None]
    assert len(cost) == len(services)
    labels = [line.split("  ")[0] for line in cost]
    assert len(set(labels)) == len(labels)
    assert all(re.search(r"\$[\d,]+$", line) for line in cost)  # the value beside the bar
    assert labels[0] == "stacks/team-000/batch"  # the largest first
    assert "stacks/team-001/batch" not in labels  # team-001 has no p5: only real rows


def test_two_hundred_workloads_stay_under_githubs_limit_with_a_link():
    r = report(200)
    text = markdown(r, report_url="https://ci.example/run/1")
    assert len(text) <= GITHUB_COMMENT_LIMIT
    assert "Cut to fit 65,000 characters" in text
    assert "[the full report](https://ci.example/run/1)" in text
    assert text.index("#### :no_entry: Blocking") < text.index("#### Workloads")
    assert "(the largest 25 of" in text  # the charts show the top 25, the table has them all
    _balanced(text)


@pytest.mark.parametrize("budget", [3000, 12000, 30000])
def test_any_budget_is_kept_with_every_tag_closed(budget: int):
    text = markdown(with_failures(report(200)), max_chars=budget)
    assert len(text) <= budget
    assert text.startswith("<!-- aihw-check -->\n### :x: aihw check FAIL")
    assert "stacks/broken" in text  # a stack that could not be checked survives any cut
    _balanced(text)


def test_fit_keeps_heads_and_tails_and_counts_what_it_cut():
    sections = [
        Section(("# top",), priority=0),
        Section(("<details>",), tuple((f"- item {n}",) for n in range(100)), ("</details>",), 1),
    ]
    text = fit(sections, 600)
    assert len(text) <= 600 and text.count("</details>") == 1
    shown = len(re.findall(r"^- item", text, re.M))
    assert f"... {100 - shown} more items not shown" in text and 0 < shown < 100
    assert fit(sections[:1], 600) == "# top\n"


def row(**over: object) -> WorkloadRow:
    base = dict(stack_dir="s", name="w", urn="u", kind="workload", hardware="h x1")
    return WorkloadRow(
        **{**base, "usd_per_month": 100.0, "power_kw": 1.0, "lock_in": "low", **over}
    )


def test_training_shows_the_run_first_and_budgets_compare_like_with_like():
    run = row(usd_per_month=94170.0, usd_total=38309.0, run_hours=305.0, budget_usd_total=50000.0)
    assert cost_cell(run) == "$38,309 per run (12.7 days); $94,170/month while running"
    assert budget_cell(run) == "$50,000 per run"  # under: the run, not the monthly rate
    monthly = replace(run, budget_usd_total=None, budget_usd_per_month=40000.0)
    assert budget_cell(monthly) == "$40,000/month"  # a 12.7-day run never bills a month
    over = replace(run, usd_total=60000.0)
    assert budget_cell(over) == "$50,000 per run :warning: over"
    assert cost_cell(row()) == "$100/month" and budget_cell(row()) == "-"


def test_estimated_power_is_charted_and_marked():
    est = row(name="inf", power_kw=2.1, power_basis="estimate", power_low_kw=1.8, power_high_kw=2.4)
    assert power_cell(est) == "~2.10 (estimate 1.80-2.40)"
    r = replace(report(1), stacks=(replace(report(1).stacks[0], workloads=(est, row())),))
    text = markdown(r)
    power = text.split("**Power (kW)**")[1]
    assert "_█ published TDP, ▒ estimate or measurement (marked)_" in power
    assert re.search(r"^s/inf +▒+ +~2\.10 kW \(estimate 1\.80-2\.40\)$", power, re.M)


def test_junit_counts_only_blocking_findings_as_failures():
    r = with_failures(report(7))
    root = ET.fromstring(FINDINGS_RENDERERS["junit"](r))
    cases = root.findall("./testsuite/testcase")
    failures = [c for c in cases if c.find("failure") is not None]
    skipped = [c for c in cases if c.find("skipped") is not None]
    errors = [c for c in cases if c.find("error") is not None]
    assert len(failures) == len(r.blocking) == int(root.get("failures")) == 2  # the p5s
    assert len(errors) == int(root.get("errors")) == 1  # stacks/broken
    advisory = [c for c in skipped if c.find("skipped").get("message").startswith("advisory: ")]
    violations = [i for i in r.items if i.finding.status == "violation"]
    assert len(advisory) == len(violations) - len(r.blocking)
    assert int(root.get("tests")) == len(cases) == len(r.items) + 2
    for suite in root.findall("testsuite"):
        kids = suite.findall("testcase")
        assert int(suite.get("failures")) == sum(c.find("failure") is not None for c in kids)
        assert int(suite.get("skipped")) == sum(c.find("skipped") is not None for c in kids)
        assert int(suite.get("errors")) == sum(c.find("error") is not None for c in kids)
