"""The aihw component provider: the schema Pulumi's host infers for Workload, read three
ways without the Pulumi CLI: from the provider object, over gRPC from the plugin started
as the engine starts it, and through Construct with engine-shaped (camelCase) inputs.

The provider code loads Pulumi's vendored google.rpc.Status proto, which clashes with
googleapis-common-protos (loaded by the preflight tests' google-cloud-tpu) in one process
(docs/preview.md, "Limits"): the provider side always runs in a subprocess here.
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
import yaml
from google.protobuf import empty_pb2
from pulumi.runtime.proto import provider_pb2, provider_pb2_grpc

from pulumi_aihw import __version__
from tests.conftest import STACKS
from tests.run import ROOT, plugin_channel, python

PLUGIN = ROOT / "provider"
WORKLOAD = "aihw:index:Workload"
INPUTS = {
    "specFile",
    "spec",
    "objective",
    "lockFile",
    "catalogFile",
    "deploy",
    "workloadName",
    "region",
    "site",
    "maxUsdPerMonth",
    "profile",
}
OUTPUTS = {
    "offering",
    "region",
    "units",
    "usdPerHour",
    "usdPerMonth",
    "powerKw",
    "lockInLevel",
    "target",
    "plan",
}


def assert_workload_schema(schema: dict[str, Any]) -> None:
    assert schema["name"] == "aihw" and schema["version"] == __version__
    assert set(schema["resources"]) == {WORKLOAD}  # the targets are reached through it
    workload = schema["resources"][WORKLOAD]
    assert workload["isComponent"] is True
    inputs = workload["inputProperties"]
    assert set(inputs) == INPUTS and workload["requiredInputs"] == []
    # simple types every language can write: strings, numbers, plain objects
    assert {name: p["type"] for name, p in inputs.items()} == {
        **dict.fromkeys(INPUTS, "string"),
        "spec": "object",
        "deploy": "object",
        "maxUsdPerMonth": "number",
    }
    assert all(p["plain"] for p in inputs.values())  # planned while the program runs
    assert inputs["specFile"]["description"].startswith("Path of the workload spec")
    assert "ceiling" in inputs["maxUsdPerMonth"]["description"]
    outputs = workload["properties"]
    assert set(outputs) == OUTPUTS
    assert outputs["offering"]["type"] == "string" and outputs["units"]["type"] == "integer"
    assert outputs["usdPerMonth"]["type"] == "number" and outputs["target"]["type"] == "object"
    assert set(workload["required"]) == {"offering", "units", "lockInLevel", "target", "plan"}


def test_the_plugin_directory_is_a_python_component_package() -> None:
    manifest = yaml.safe_load((PLUGIN / "PulumiPlugin.yaml").read_text())
    assert manifest == {"runtime": "python"}
    assert "pulumi-aihw[aws,gcp,baremetal]" in (PLUGIN / "requirements.txt").read_text()
    assert "serve()" in (PLUGIN / "__main__.py").read_text()


@pytest.fixture(scope="module")
def inferred() -> dict[str, Any]:
    """The schema from the provider object (``ComponentProvider(...).schema``)."""
    out = python(
        "-c",
        "import json; from pulumi_aihw.component_provider import schema; "
        "print(json.dumps(schema()))",
    )
    assert out.returncode == 0, out.stderr
    data: dict[str, Any] = json.loads(out.stdout)
    return data


def test_inferred_schema_from_the_provider_object(inferred) -> None:
    assert_workload_schema(inferred)


def test_the_readme_yaml_program_uses_the_schema(inferred) -> None:
    """The README's Pulumi YAML program is a valid project that sets only inputs the
    schema has and reads only outputs it has."""
    from tests.stacks.layout import SCHEMA

    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### Use from TypeScript, Go, C# and YAML") :]
    block = section[
        section.index("```yaml\n") + 8 : section.index("```\n", section.index("```yaml"))
    ]
    program = yaml.safe_load(block)
    jsonschema.validate(program, SCHEMA)
    (resource,) = program["resources"].values()
    workload = inferred["resources"][resource["type"]]
    assert set(resource["properties"]) <= set(workload["inputProperties"])
    for value in program["outputs"].values():
        assert value.startswith("${chat.") and value[7:-1] in workload["properties"]


@pytest.fixture(scope="module")
def plugin():
    """The plugin started the way the engine starts a Python plugin: ``python <plugin dir>
    <engine address>`` in the plugin directory; the first stdout line is its gRPC port."""
    with plugin_channel([str(PLUGIN), "127.0.0.1:1"], cwd=PLUGIN, env={}) as channel:
        yield provider_pb2_grpc.ResourceProviderStub(channel)


@pytest.mark.slow
def test_get_schema_over_grpc(plugin) -> None:
    response = plugin.GetSchema(provider_pb2.GetSchemaRequest(version=0))
    assert_workload_schema(json.loads(response.schema))
    assert plugin.GetPluginInfo(empty_pb2.Empty()).version == __version__


CONSTRUCT = """
import json, sys
from pulumi_aihw.component_provider import provider
from pulumi_aihw.preview import run_program
state = {}
def program():
    result = provider().construct("chat", "aihw:index:Workload", json.loads(sys.argv[1]), None)
    state.update(result.state)
preview = run_program(program)
workload = next(r for r in preview.resources if r.type == "aihw:index:Workload")
print(json.dumps({"spec": workload.inputs["spec"], "outputs": workload.outputs,
                  "state": sorted(state)}, default=str))
"""


@pytest.mark.slow
def test_construct_maps_engine_inputs_onto_the_workload() -> None:
    """What a YAML or TypeScript program sends: camelCase names, an absolute spec path
    (``${pulumi.cwd}/workload.yaml``: the provider is another process, elsewhere)."""
    inputs = {
        "specFile": str(STACKS / "aws-inferentia-inference" / "workload.yaml"),
        "workloadName": "chat-yaml",
        "maxUsdPerMonth": 1500.0,
    }
    out = python("-c", CONSTRUCT, json.dumps(inputs))
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["spec"]["name"] == "chat-yaml"
    assert result["spec"]["constraints"]["max_usd_per_month"] == 1500
    assert result["outputs"]["offering"] == "inf2.xlarge" and result["outputs"]["units"] == 2
    assert {"offering", "usdPerMonth", "lockInLevel", "target", "plan"} <= set(result["state"])
