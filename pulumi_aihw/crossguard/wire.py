"""Engine-shaped analyzer requests: what ``pulumi preview`` sends a policy pack, built from
the records of an offline preview (``aihw check``, the benchmarks, the tests)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from google.protobuf import struct_pb2
from pulumi.runtime.proto import analyzer_pb2
from pulumi_policy.proxy import UNKNOWN_STRING_VALUE

from pulumi_aihw.contracts import UNKNOWN, ResourceRecord
from pulumi_aihw.rules.config import Resolved

_LEVELS = {
    "advisory": analyzer_pb2.ADVISORY,
    "mandatory": analyzer_pb2.MANDATORY,
    "remediate": analyzer_pb2.REMEDIATE,
    "disabled": analyzer_pb2.DISABLED,
}
LEVEL_NAMES = {v: k for k, v in _LEVELS.items()}
"""Protobuf enforcement level -> its name."""


def configure_request(resolved: Mapping[str, Resolved]) -> Any:
    """The ``Configure`` call ``pulumi preview --policy-pack-config`` makes."""
    request = analyzer_pb2.ConfigureAnalyzerRequest()
    for name, value in resolved.items():
        config = request.policyConfig[name]
        config.enforcementLevel = _LEVELS[value.level.value]
        config.properties.update(dict(value.properties))
    return request


def _wire(value: Any) -> Any:
    """A value as the engine marshals it: unknowns as sentinels, numbers as floats."""
    if value is UNKNOWN:
        return UNKNOWN_STRING_VALUE
    if isinstance(value, Mapping):
        return {str(k): _wire(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_wire(v) for v in value]
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    return str(value)


def struct(props: Mapping[str, Any]) -> struct_pb2.Struct:
    out = struct_pb2.Struct()
    out.update(_wire(props))
    return out


def struct_dict(value: Any) -> dict[str, Any]:
    """A ``google.protobuf.Struct`` as ``json_format.MessageToDict`` gives it (numbers as
    floats), without its per-field descriptor look-ups."""
    return {k: _value(v) for k, v in value.fields.items()}


def _value(v: Any) -> Any:
    kind = v.WhichOneof("kind")
    if kind == "string_value":
        return v.string_value
    if kind == "number_value":
        return v.number_value
    if kind == "bool_value":
        return v.bool_value
    if kind == "struct_value":
        return struct_dict(v.struct_value)
    if kind == "list_value":
        return [_value(x) for x in v.list_value.values]
    return None


def provider_resource(record: ResourceRecord) -> Any:
    """The record's provider as the engine describes it to a pack (its default provider)."""
    if not record.provider:
        return None
    package = record.type.split(":", 1)[0]
    return analyzer_pb2.AnalyzerProviderResource(
        type=f"pulumi:providers:{package}",
        properties=struct(record.provider),
        urn=f"urn:pulumi:default::{package}::pulumi:providers:{package}::default",
        name="default",
    )


def analyze_request(record: ResourceRecord) -> Any:
    """``Analyze`` for one resource: its inputs, as the engine sends them."""
    return analyzer_pb2.AnalyzeRequest(
        type=record.type,
        urn=record.urn,
        name=record.name,
        properties=struct(record.inputs),
        options=analyzer_pb2.AnalyzerResourceOptions(parent=record.parent or ""),
        provider=provider_resource(record),
    )


def stack_request(records: Sequence[ResourceRecord]) -> Any:
    """``AnalyzeStack``: every resource's outputs (the mock engine's state may omit inputs,
    which a real provider echoes in its outputs, so inputs fill what outputs lack)."""
    return analyzer_pb2.AnalyzeStackRequest(
        resources=[
            analyzer_pb2.AnalyzerResource(
                type=r.type,
                urn=r.urn,
                name=r.name,
                properties=struct({**r.inputs, **r.outputs}),
                parent=r.parent or "",
                options=analyzer_pb2.AnalyzerResourceOptions(parent=r.parent or ""),
                provider=provider_resource(r),
            )
            for r in records
        ]
    )
