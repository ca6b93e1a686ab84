"""check_previews: every resource through the pack's analyzer, in-process."""

from __future__ import annotations

import pytest

from pulumi_aihw.check.engine import engine_urns
from pulumi_aihw.crossguard import check_previews
from pulumi_aihw.rules import Enforcement, Status

from ..conftest import ROOT_DIR, TODAY
from .sample import CONFIG, inferentia_stack, tpu_stack


@pytest.fixture
def report(monkeypatch):
    monkeypatch.chdir(ROOT_DIR)
    return check_previews([inferentia_stack(), tpu_stack()], CONFIG, today=TODAY)


def by(report, rule_id, name):
    [item] = [
        i for i in report.items if i.finding.rule_id == rule_id and i.finding.resource.name == name
    ]
    return item


def test_levels_come_from_the_analyzer_and_decide_the_exit_code(report):
    vendor = by(report, "AIHW-LOCK-002", "trainer").finding
    assert vendor.status is Status.VIOLATION and vendor.level is Enforcement.MANDATORY
    assert report.exit_code == 1
    assert {i.finding.resource.name for i in report.blocking} == {"trainer"}


def test_workload_children_are_not_judged_twice(report):
    names = {i.finding.resource.name for i in report.items}
    assert "chat-lt" not in names and {"chat", "batch-gpu", "later", "trainer"} <= names


def test_suppressed_unknown_and_stack_findings(report):
    budget = by(report, "AIHW-COST-001", "batch-gpu").finding
    assert budget.status is Status.SUPPRESSED and budget.suppression.reason == "quarterly batch"
    later = by(report, "AIHW-LOCK-002", "later").finding
    assert later.status is Status.NOT_EVALUATED and later.level is Enforcement.ADVISORY
    cap = by(report, "AIHW-POWER-001", "chat-dev").finding
    assert cap.status is Status.NOT_EVALUATED  # under the cap, but "later" is unknown
    single = by(report, "AIHW-LOCK-004", "trainer").finding
    assert single.status is Status.SUPPRESSED and single.suppression.reason == "jax only"


def test_locations_point_at_the_spec_line_or_the_program(report):
    loc = by(report, "AIHW-LOCK-004", "chat").location
    assert loc.file == "stacks/aws-inferentia-inference/workload.yaml" and loc.line == 19
    assert by(report, "AIHW-LOCK-002", "trainer").location.file.endswith("__main__.py")


def test_workload_rows_count_each_workload_once(report):
    rows = {(w.stack_dir, w.name): w for w in report.workloads}
    chat = rows[("stacks/aws-inferentia-inference", "chat-llama3-8b")]
    assert chat.hardware == "inf2.xlarge x2" and chat.lock_in == "high" and chat.power_kw == 0.77
    assert rows[("stacks/gcp-tpu-training", "trainer")].usd_per_month == pytest.approx(15768.0)
    assert ("stacks/aws-inferentia-inference", "chat-lt") not in rows


def test_engine_urns_carry_every_ancestor_type():
    preview = inferentia_stack()
    urns = engine_urns(preview.resources)
    lt = next(r for r in preview.resources if r.name == "chat-lt")
    assert "::aihw:index:Workload$aws:ec2/launchTemplate:LaunchTemplate::" in urns[lt.urn]
