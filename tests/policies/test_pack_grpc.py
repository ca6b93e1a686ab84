"""End to end: start the pack as the Pulumi engine does and talk gRPC to it.

The engine runs ``python -u -m pulumi.policy <engine-address> <pack-dir>`` in the pack
directory; the pack prints its port on the first stdout line and serves the Analyzer
service. Properties are engine-shaped (protobuf Struct, camelCase, unknown sentinels).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from google.protobuf import empty_pb2
from pulumi.runtime.proto import analyzer_pb2, analyzer_pb2_grpc

from pulumi_aihw.crossguard import UNKNOWN_STRING_VALUE, struct
from tests.run import plugin_channel

from ..conftest import workload_props

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "policies" / "aihw"


@pytest.fixture(scope="module")
def stub():
    env = {
        "PULUMI_PROJECT": "proj",
        "PULUMI_STACK": "dev",
        "PULUMI_DRY_RUN": "true",
        "PULUMI_CONFIG": json.dumps({}),
    }
    args = ["-m", "pulumi.policy", "127.0.0.1:0", str(PACK)]
    with plugin_channel(args, cwd=PACK, env=env) as channel:
        yield analyzer_pb2_grpc.AnalyzerStub(channel)


def level(value):
    return analyzer_pb2.EnforcementLevel.Name(value)


def request(type_, name, props):
    return analyzer_pb2.AnalyzeRequest(
        type=type_,
        urn=f"urn:pulumi:dev::proj::{type_}::{name}",
        name=name,
        properties=struct(props),
    )


def test_pack_over_grpc(stub):
    info = stub.GetAnalyzerInfo(empty_pb2.Empty())
    assert info.name == "aihw" and len(info.policies) == 15

    config = analyzer_pb2.ConfigureAnalyzerRequest()
    for policy in info.policies:  # the CLI sends every policy's effective level
        config.policyConfig[policy.name].enforcementLevel = policy.enforcementLevel
    config.policyConfig["aihw-power-unknown"].enforcementLevel = analyzer_pb2.DISABLED
    upgraded = config.policyConfig["aihw-lock-vendor-sdk-preferred"]
    upgraded.enforcementLevel = analyzer_pb2.MANDATORY
    config.policyConfig["aihw-power-stack-cap"].properties.update({"maxStackKw": 1.0})
    stub.Configure(config)

    inf = stub.Analyze(request("aws:ec2/instance:Instance", "inf", {"instanceType": "inf2.xlarge"}))
    diags = {d.policyName: d for d in inf.diagnostics}
    assert "aihw-power-unknown" not in diags  # disabled
    vendor = diags["aihw-lock-vendor-sdk-preferred"]
    assert level(vendor.enforcementLevel) == "MANDATORY"  # upgraded from advisory
    assert "[AIHW-LOCK-002] inf2.xlarge x1 runs AWS Inferentia2" in vendor.message
    assert level(diags["aihw-lock-single-cloud"].enforcementLevel) == "ADVISORY"

    unknown = stub.Analyze(
        request("aws:ec2/instance:Instance", "later", {"instanceType": UNKNOWN_STRING_VALUE})
    )
    messages = [d.message for d in unknown.diagnostics]
    assert any("can't run policy" in m and "instanceType of later" in m for m in messages)
    assert all(level(d.enforcementLevel) == "ADVISORY" for d in unknown.diagnostics)

    workload = stub.Analyze(request("aihw:index:Workload", "chat", workload_props()))
    assert "aihw-lock-single-cloud" in {d.policyName for d in workload.diagnostics}

    resources = [
        analyzer_pb2.AnalyzerResource(
            type="aws:ec2/instance:Instance",
            urn="urn:pulumi:dev::proj::aws:ec2/instance:Instance::gpu",
            name="gpu",
            properties=struct({"instanceType": "p5.48xlarge"}),
        )
    ]
    stack = stub.AnalyzeStack(analyzer_pb2.AnalyzeStackRequest(resources=resources))
    [cap] = stack.diagnostics
    assert cap.policyName == "aihw-power-stack-cap" and level(cap.enforcementLevel) == "MANDATORY"
    assert "7.52 kW > cap 1 kW" in cap.message
