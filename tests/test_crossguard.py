"""The CrossGuard adapter in-process: pulumi_policy's own servicer over our policies."""

from __future__ import annotations

from pulumi_aihw import crossguard as cg
from pulumi_aihw.contracts import UNKNOWN, ResourceRecord
from pulumi_aihw.rules import RULES, Status, resolve
from pulumi_aihw.rules.checks.cost_over_budget import OverBudget

from .conftest import TODAY, workload_props


def record(type_, name, parent=None, **inputs):
    return ResourceRecord(
        f"urn:pulumi:dev::proj::{type_}::{name}", type_, name, parent, True, inputs
    )


def configured(config):
    sink = []
    server = cg.analyzer(cg.policies(today=TODAY, sink=sink))
    server.Configure(cg.configure_request(resolve(RULES, config)), None)
    return server, sink


def test_analyze_reports_violations_with_configured_levels():
    server, sink = configured({"aihw-cost-over-budget": {"maxUsdPerMonth": 1000}})
    gpu = record("aws:ec2/instance:Instance", "gpu", instanceType="p5.48xlarge")
    response = server.Analyze(cg.analyze_request(gpu), None)
    [diag] = [d for d in response.diagnostics if d.policyName == "aihw-cost-over-budget"]
    assert cg.LEVEL_NAMES[diag.enforcementLevel] == "mandatory"
    assert diag.message.startswith(OverBudget.description + "\n")
    assert "[AIHW-COST-001] p5.48xlarge x1 costs $40,179/month" in diag.message
    assert "To fix:" in diag.message
    assert {f.policy for f in sink if f.status is Status.PASSED} >= {"aihw-lock-single-cloud"}


def test_unknown_value_becomes_the_sdks_cant_run_diagnostic():
    server, _ = configured({})
    later = record("aws:ec2/instance:Instance", "later", instanceType=UNKNOWN)
    response = server.Analyze(cg.analyze_request(later), None)
    diags = {d.policyName: d for d in response.diagnostics}
    diag = diags["aihw-lock-vendor-sdk-required"]  # mandatory by default ...
    assert cg.LEVEL_NAMES[diag.enforcementLevel] == "advisory"  # ... but only advisory here
    assert "during preview: instanceType of later is unknown during preview" in diag.message


def test_suppressed_and_not_applicable_are_reported_as_not_applicable():
    server, _ = configured({})
    inf = record(
        "aws:ec2/instance:Instance",
        "inf",
        instanceType="inf2.xlarge",
        tags={"aihw-suppress-aihw-lock-002": "pilot until GA"},
    )
    response = server.Analyze(cg.analyze_request(inf), None)
    reasons = {n.policy_name: n.reason for n in response.not_applicable}
    assert reasons["aihw-lock-vendor-sdk-preferred"].startswith("suppressed: ")
    assert "aihw-lock-vendor-sdk-preferred" not in {d.policyName for d in response.diagnostics}
    assert "needs the workload spec" in reasons["aihw-lock-framework-unsupported"]


def test_disabled_policy_is_not_run_and_stack_policy_sees_outputs():
    server, _ = configured(
        {"aihw-power-stack-cap": {"maxStackKw": 5}, "aihw-power-unknown": "disabled"}
    )
    w = ResourceRecord(
        "urn:pulumi:dev::proj::aihw:index:Workload::chat",
        "aihw:index:Workload",
        "chat",
        None,
        False,
        {},
        workload_props({"pin": {"offering": "p5.48xlarge"}}),
    )
    inf = record("aws:ec2/instance:Instance", "inf", instanceType="inf2.xlarge")
    response = server.Analyze(cg.analyze_request(inf), None)
    assert "aihw-power-unknown" not in {d.policyName for d in response.diagnostics}
    stack = server.AnalyzeStack(cg.stack_request([w, inf]), None)
    [diag] = stack.diagnostics
    assert diag.policyName == "aihw-power-stack-cap" and diag.urn == ""  # the stack itself
    assert "7.52 kW > cap 5 kW" in diag.message


def test_analyzer_info_lists_every_policy_with_schema_and_severity():
    info = cg.analyzer(cg.policies(today=TODAY)).GetAnalyzerInfo(None, None)
    assert info.name == "aihw" and info.supportsConfig
    by_name = {p.name: p for p in info.policies}
    assert set(by_name) == {r.name for r in RULES}
    budget = by_name["aihw-cost-over-budget"]
    assert cg.LEVEL_NAMES[budget.enforcementLevel] == "mandatory"
    assert "maxUsdPerMonth" in budget.configSchema.properties
    assert budget.remediation_steps.startswith("Re-plan within the budget")
