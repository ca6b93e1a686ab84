"""The CrossGuard adapter in-process: pulumi_policy's own servicer over our policies."""

from __future__ import annotations

from pulumi_aihw import crossguard as cg
from pulumi_aihw.contracts import UNKNOWN, ResourceRecord
from pulumi_aihw.crossguard import servicer as _servicer
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
    # the p5 (7.52 kW) and the inf2.xlarge (0.39 kW, an estimate counted at its high end)
    assert "7.90 kW > cap 5 kW" in diag.message


def test_analyzer_info_lists_every_policy_with_schema_and_severity():
    info = cg.analyzer(cg.policies(today=TODAY)).GetAnalyzerInfo(None, None)
    assert info.name == "aihw" and info.supportsConfig
    by_name = {p.name: p for p in info.policies}
    assert set(by_name) == {r.name for r in RULES}
    budget = by_name["aihw-cost-over-budget"]
    assert cg.LEVEL_NAMES[budget.enforcementLevel] == "mandatory"
    assert "maxUsdPerMonth" in budget.configSchema.properties
    assert budget.remediation_steps.startswith("Re-plan within the budget")


def _mixed_records() -> list[ResourceRecord]:
    """One of each kind of resource the rules read, with unknowns, and some they do not."""
    return [
        record("aihw:index:Workload", "chat", **workload_props()),
        record("aws:ec2/instance:Instance", "gpu", instanceType="p5.48xlarge", region="us-west-2"),
        record("aws:ec2/instance:Instance", "later", instanceType=UNKNOWN),
        record("aws:ec2/securityGroup:SecurityGroup", "sg", description="web"),
        record(
            "eks:index:ManagedNodeGroup",
            "mng",
            instanceTypes=["g6.8xlarge", "p4d.24xlarge"],
            scalingConfig={"desiredSize": 1, "minSize": 0, "maxSize": 3},
        ),
        record(
            "kubernetes:karpenter.sh/v1:NodePool",
            "pool",
            spec={
                "limits": {"cpu": "64"},
                "template": {
                    "spec": {
                        "requirements": [
                            {
                                "key": "karpenter.k8s.aws/instance-category",
                                "operator": "In",
                                "values": ["g"],
                            },
                        ]
                    }
                },
            },
        ),
        record(
            "gcp:container/nodePool:NodePool",
            "tpu",
            location="us-east5",
            nodeLocations=["us-east5-b"],
            initialNodeCount=4,
            nodeConfig={"machineType": "ct5lp-hightpu-4t"},
            placementPolicy={"type": "COMPACT"},
        ),
        record("aws:ec2/capacityBlockReservation:CapacityBlockReservation", "block"),
    ]


def _stock_and_shared(config):
    from pulumi_policy.policy import _PolicyAnalyzerServicer

    pair = []
    for make in (
        lambda ps: _PolicyAnalyzerServicer(
            cg.PACK_NAME,
            cg.PACK_VERSION,
            ps,
            _servicer.EnforcementLevel.ADVISORY,
            None,
            cg.PACK_DESCRIPTION,
        ),
        cg.analyzer,
    ):
        sink = []
        server = make(cg.policies(today=TODAY, sink=sink))
        server.Configure(cg.configure_request(resolve(RULES, config)), None)
        pair.append((server, sink))
    return pair


def test_the_shared_facts_servicer_answers_as_the_stock_servicer():
    """Unmarshalling once and sharing facts changes nothing the engine sees."""
    config = {
        "aihw-cost-over-budget": {"maxUsdPerMonth": 5000},
        "aihw-power-stack-cap": {"maxStackKw": 10},
    }
    (stock, stock_sink), (shared, shared_sink) = _stock_and_shared(config)
    records = _mixed_records()
    for r in records:
        request = cg.analyze_request(r)
        assert shared.Analyze(request, None) == stock.Analyze(request, None), r.name
    stack = cg.stack_request(records)
    assert shared.AnalyzeStack(stack, None) == stock.AnalyzeStack(stack, None)
    assert shared_sink == stock_sink and len(shared_sink) > 50


def test_resources_no_rule_reads_are_answered_without_unmarshalling():
    server, sink = configured({})
    response = server.Analyze(cg.analyze_request(record("aws:s3/bucket:Bucket", "b")), None)
    assert response == type(response)() and sink == []


def test_the_default_provider_region_reaches_the_rules():
    """A node group names no region; the engine sends its default provider's (aws:region)."""
    from dataclasses import replace

    from pulumi_aihw.check.engine import engine_records
    from pulumi_aihw.contracts import StackPreview

    group = record(
        "aws:eks/nodeGroup:NodeGroup",
        "gpu",
        instanceTypes=["g5.xlarge"],
        scalingConfig={"desiredSize": 1, "minSize": 1, "maxSize": 1},
    )
    preview = StackPreview(".", "proj", "dev", (group,), config={"aws:region": "eu-west-1"})
    [sent] = engine_records(preview)
    assert sent.provider == {"region": "eu-west-1"}
    assert preview.provider_config("gcp:compute/instance:Instance") == {}
    for r, regionless in ((sent, False), (replace(sent, provider={}), True)):
        server, sink = configured({"aihw-cost-over-budget": {"maxUsdPerMonth": 100000}})
        server.Analyze(cg.analyze_request(r), None)
        [cost] = [f for f in sink if f.rule_id == "AIHW-COST-001"]
        assert cost.status is Status.PASSED, cost.message
        assert ("the resource names no region" in cost.message) is regionless, cost.message


def test_unmarshal_reads_properties_as_the_sdk_then_plain_would():
    from google.protobuf import json_format
    from pulumi_policy.deserialize import (
        SPECIAL_SECRET_SIG,
        SPECIAL_SIG_KEY,
        deserialize_properties,
    )

    from pulumi_aihw.crossguard.policies import plain, unmarshal
    from pulumi_aihw.crossguard.wire import struct, struct_dict

    props = {
        "instanceType": "p5.48xlarge",
        "count": 2,
        "spot": True,
        "none": None,
        "later": UNKNOWN,
        "nested": {"list": [1, "a", UNKNOWN, {"deep": [True, None]}], "empty": {}},
        "password": {SPECIAL_SIG_KEY: SPECIAL_SECRET_SIG, "value": {"x": UNKNOWN}},
    }
    wire = struct(props)
    assert struct_dict(wire) == json_format.MessageToDict(wire)
    expected = plain(deserialize_properties(json_format.MessageToDict(wire)))
    assert unmarshal(wire) == expected
    assert expected["password"] == {"x": UNKNOWN} and expected["later"] is UNKNOWN


def test_the_shared_servicer_answers_as_the_stock_one_across_configures_and_foreign_policies():
    """Levels (disabled, remediate) and config indexed per Configure; a policy that is not
    one of our rules goes through the stock loop, inside the same servicer."""
    from dataclasses import replace

    from pulumi_policy import EnforcementLevel, ResourceValidationPolicy
    from pulumi_policy.policy import _PolicyAnalyzerServicer

    def foreign(args, report_violation):
        if args.props.get("instanceType") == "p5.48xlarge":
            report_violation("no p5 here")

    extra = ResourceValidationPolicy(
        name="team-no-p5",
        description="A team's own policy",
        validate=foreign,
        enforcement_level=EnforcementLevel.MANDATORY,
    )
    servers = []
    for stock in (True, False):
        sink = []
        ps = [*cg.policies(today=TODAY, sink=sink), extra]
        if not stock:
            server = cg.analyzer(ps)
        else:
            server = _PolicyAnalyzerServicer(
                cg.PACK_NAME,
                cg.PACK_VERSION,
                ps,
                EnforcementLevel.ADVISORY,
                None,
                cg.PACK_DESCRIPTION,
            )
        servers.append((server, sink))
    records = [*_mixed_records(), replace(_mixed_records()[1], provider={"region": "us-east-1"})]
    records.append(
        record(
            "aws:ec2/instance:Instance",
            "waived",
            instanceType="p5.48xlarge",
            tags={"aihw-suppress-aihw-cost-001": "approved by finops"},
        )
    )
    for config in (
        {"aihw-cost-over-budget": {"maxUsdPerMonth": 5000}},
        {
            "all": "remediate",
            "aihw-lock-single-cloud": "disabled",
            "aihw-cost-over-budget": {"maxUsdPerMonth": 100000},
        },
    ):
        for server, _ in servers:
            server.Configure(cg.configure_request(resolve(RULES, config)), None)
        (stock, stock_sink), (shared, shared_sink) = servers
        for r in records:
            request = cg.analyze_request(r)
            assert shared.Analyze(request, None) == stock.Analyze(request, None), r.name
        stack = cg.stack_request(records)
        assert shared.AnalyzeStack(stack, None) == stock.AnalyzeStack(stack, None)
        assert shared_sink == stock_sink
