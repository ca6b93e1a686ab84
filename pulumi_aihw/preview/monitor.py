"""The engine side of an isolated preview: a resource monitor and an engine service on
``127.0.0.1`` that a stack program in another process talks to over Pulumi's gRPC
protocol (``pulumi.runtime.proto``), as a language host's program talks to the Pulumi
engine.

What the checker later judges is only what arrived here: every registration is decoded
from the wire into plain data (:func:`plain_struct`; no Pulumi object is rebuilt in the
checking process), resources echo their inputs as in ``pulumi preview``, and provider
functions get the placeholder answers of :data:`~pulumi_aihw.preview.invokes.INVOKES`.
A program cannot flood the checker: resources per stack and message sizes are capped
(:data:`MAX_RESOURCES`, :data:`MAX_MESSAGE_BYTES`) and a program past a cap fails.

Transforms and resource hooks are not offered (``GetDeploymentInfo``): the checker would
not run them, so a program using them fails with the SDK's own "does not support"
message instead of being judged on inputs it would change at deploy time.
"""

from __future__ import annotations

import threading
from concurrent import futures
from dataclasses import dataclass, field
from typing import Any

import grpc
from google.protobuf import empty_pb2, json_format, struct_pb2
from pulumi.runtime import rpc
from pulumi.runtime.proto import engine_pb2, engine_pb2_grpc, resource_pb2, resource_pb2_grpc

from pulumi_aihw.contracts import UNKNOWN, ResourceRecord
from pulumi_aihw.preview.invokes import INVOKES, placeholder_id
from pulumi_aihw.preview.mocks import SECRET_MARKER, Recording
from pulumi_aihw.preview.states import STATE_SHAPERS, initial_state

MAX_RESOURCES = 20_000
"""Registrations one stack may make; past it the stack fails (a flood, not a workload)."""
MAX_MESSAGE_BYTES = 16 * 1024 * 1024
"""Largest gRPC message the monitor accepts from a program."""
MAX_DIAGNOSTICS = 200
"""Log messages kept per stack; the rest are counted."""
STACK_TYPE = "pulumi:pulumi:Stack"

_FEATURES = (
    resource_pb2.RESOURCE_MONITOR_FEATURE_SECRETS,
    resource_pb2.RESOURCE_MONITOR_FEATURE_RESOURCE_REFERENCES,
    resource_pb2.RESOURCE_MONITOR_FEATURE_ALIAS_SPECS,
    resource_pb2.RESOURCE_MONITOR_FEATURE_REPLACEMENT_TRIGGER,
    resource_pb2.RESOURCE_MONITOR_FEATURE_DELETED_WITH,
    resource_pb2.RESOURCE_MONITOR_FEATURE_REPLACE_WITH,
    resource_pb2.RESOURCE_MONITOR_FEATURE_PARAMETERIZATION,
)
"""What the monitor offers: the mock engine's features without transforms and hooks
(callbacks the checker does not run), and without output values (inputs stay plain)."""
_LEGACY_FEATURES = {"secrets", "resourceReferences", "aliasSpecs", "deletedWith", "replaceWith"}
_SEVERITIES = {
    engine_pb2.DEBUG: "debug",
    engine_pb2.INFO: "info",
    engine_pb2.WARNING: "warning",
    engine_pb2.ERROR: "error",
}


def plain_value(value: struct_pb2.Value) -> Any:
    """One wire value as plain data: unknowns :data:`UNKNOWN`, secrets a marker, resource
    references their URN, assets and archives a short label."""
    kind = value.WhichOneof("kind")
    if kind == "struct_value":
        return plain_struct(value.struct_value)
    if kind == "list_value":
        return [plain_value(v) for v in value.list_value.values]
    if kind == "string_value":
        return UNKNOWN if value.string_value == rpc.UNKNOWN else value.string_value
    if kind == "number_value":
        return value.number_value
    if kind == "bool_value":
        return value.bool_value
    return None


def plain_struct(struct: struct_pb2.Struct) -> Any:
    """A wire object as a plain dict (keys whose value is null dropped, as Pulumi's own
    deserializer does), or the plain value of a special object (secret, reference)."""
    fields = struct.fields
    sig = fields[rpc._special_sig_key].string_value if rpc._special_sig_key in fields else None
    if sig == rpc._special_secret_sig:
        return SECRET_MARKER
    if sig == rpc._special_resource_sig:
        return fields["urn"].string_value if "urn" in fields else UNKNOWN
    if sig == rpc._special_output_value_sig:
        if "secret" in fields and fields["secret"].bool_value:
            return SECRET_MARKER
        return plain_value(fields["value"]) if "value" in fields else UNKNOWN
    if sig in (rpc._special_asset_sig, rpc._special_archive_sig):
        return "[asset]" if sig == rpc._special_asset_sig else "[archive]"
    out = {}
    for key, item in fields.items():
        decoded = plain_value(item)
        if decoded is not None:
            out[key] = decoded
    return out


def to_struct(data: dict[str, Any]) -> struct_pb2.Struct:
    out = struct_pb2.Struct()
    out.update(data)
    return out


def created_state(type_: str, inputs: struct_pb2.Struct) -> struct_pb2.Struct:
    """What a create answers: the inputs, reshaped where the provider's output has another
    shape (:data:`~pulumi_aihw.preview.states.STATE_SHAPERS`, as the in-process mocks do)."""
    if type_ not in STATE_SHAPERS:
        return inputs
    return to_struct(initial_state(type_, json_format.MessageToDict(inputs)))


@dataclass
class MonitorState:
    """What one program registered, guarded by a lock (gRPC serves calls on a pool)."""

    project: str
    stack: str
    dry_run: bool = True
    recording: Recording = field(default_factory=Recording)
    states: dict[str, tuple[str, struct_pb2.Struct]] = field(default_factory=dict)
    """URN -> (id, the object answered), for ``pulumi:pulumi:getResource``."""
    finished: bool = False
    """The program's SDK signalled the end of the program (``SignalAndWaitForShutdown``)."""
    flooded: str | None = None
    """Set when the program passed a cap; the stack fails with this message."""
    root: str = ""
    dropped_diagnostics: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def make_urn(self, parent: str, type_: str, name: str) -> str:
        """The URN Pulumi's mock monitor gives (the parent's type, then ours)."""
        if parent:
            parts = parent.split("::")
            if len(parts) > 2:
                type_ = parts[2].split("$")[-1] + "$" + type_
        return "urn:pulumi:" + "::".join([self.stack, self.project, type_, name])

    def log(self, severity: str, message: str) -> None:
        with self.lock:
            if len(self.recording.diagnostics) >= MAX_DIAGNOSTICS:
                self.dropped_diagnostics += 1
                return
            self.recording.log(severity, message)


class RecordingResourceMonitor(resource_pb2_grpc.ResourceMonitorServicer):
    """``ResourceMonitor``: records registrations; answers like a preview."""

    def __init__(self, state: MonitorState) -> None:
        self.state = state

    def GetDeploymentInfo(self, request: Any, context: Any) -> Any:
        return resource_pb2.DeploymentInfo(supportedFeatures=list(_FEATURES))

    def SupportsFeature(self, request: Any, context: Any) -> Any:
        return resource_pb2.SupportsFeatureResponse(hasSupport=request.id in _LEGACY_FEATURES)

    def RegisterResource(self, request: Any, context: Any) -> Any:
        s = self.state
        urn = s.make_urn(request.parent, request.type, request.name)
        inputs = plain_struct(request.object)
        record = ResourceRecord(
            urn=urn,
            type=request.type,
            name=request.name,
            parent=request.parent or None,
            custom=bool(request.custom),
            inputs=inputs,
            outputs=dict(inputs) if request.custom else {},
            protect=bool(request.protect),
            dependencies=tuple(sorted(set(request.dependencies))),
        )
        with s.lock:
            if len(s.recording.resources) >= MAX_RESOURCES:
                s.flooded = f"the program registered more than {MAX_RESOURCES:,} resources"
                context.abort(grpc.StatusCode.RESOURCE_EXHAUSTED, s.flooded)
            s.recording.resources[urn] = record
        if request.type == STACK_TYPE:
            return resource_pb2.RegisterResourceResponse(urn=urn)
        id_ = "" if s.dry_run else placeholder_id(request.type.rsplit(":", 1)[-1].lower(), urn)
        state = created_state(request.type, request.object)
        with s.lock:
            s.states[urn] = (id_, state)
        return resource_pb2.RegisterResourceResponse(urn=urn, id=id_, object=state)

    def ReadResource(self, request: Any, context: Any) -> Any:
        urn = self.state.make_urn(request.parent, request.type, request.name)
        with self.state.lock:
            self.state.states[urn] = (request.id, request.properties)
        return resource_pb2.ReadResourceResponse(urn=urn, properties=request.properties)

    def RegisterResourceOutputs(self, request: Any, context: Any) -> Any:
        outputs = plain_struct(request.outputs)
        with self.state.lock:
            self.state.recording.outputs[request.urn] = outputs
        return empty_pb2.Empty()

    def Invoke(self, request: Any, context: Any) -> Any:
        args = plain_struct(request.args)
        if request.tok == "pulumi:pulumi:getResource":
            with self.state.lock:
                found = self.state.states.get(str(args.get("urn")))
            if found is None:
                context.abort(grpc.StatusCode.NOT_FOUND, f"unknown resource {args.get('urn')}")
                raise AssertionError("abort raises")
            result = struct_pb2.Struct()
            result.update({"urn": str(args.get("urn")), "id": found[0]})
            result.fields["state"].struct_value.CopyFrom(found[1])
            return resource_pb2.ResourceInvokeResponse(**{"return": result})
        handler = INVOKES.get(request.tok)
        if handler is None:
            self.state.log(
                "warning",
                f"invoke {request.tok} has no offline placeholder: its result fields are empty",
            )
            return resource_pb2.ResourceInvokeResponse(**{"return": struct_pb2.Struct()})
        answer = handler(args if isinstance(args, dict) else {})
        return resource_pb2.ResourceInvokeResponse(**{"return": to_struct(answer)})

    def RegisterPackage(self, request: Any, context: Any) -> Any:
        return resource_pb2.RegisterPackageResponse(ref="aihw-preview-package")

    def SignalAndWaitForShutdown(self, request: Any, context: Any) -> Any:
        with self.state.lock:
            self.state.finished = True
        return empty_pb2.Empty()


class RecordingEngine(engine_pb2_grpc.EngineServicer):
    """``Engine``: log messages become the preview's diagnostics; the root resource."""

    def __init__(self, state: MonitorState) -> None:
        self.state = state

    def Log(self, request: Any, context: Any) -> Any:
        severity = _SEVERITIES.get(request.severity, "info")
        if severity != "debug":
            self.state.log(severity, request.message)
        return empty_pb2.Empty()

    def GetRootResource(self, request: Any, context: Any) -> Any:
        return engine_pb2.GetRootResourceResponse(urn=self.state.root)

    def SetRootResource(self, request: Any, context: Any) -> Any:
        self.state.root = request.urn
        return engine_pb2.SetRootResourceResponse()

    def RequirePulumiVersion(self, request: Any, context: Any) -> Any:
        return engine_pb2.RequirePulumiVersionResponse()


class MonitorServer:
    """Both services on one ephemeral 127.0.0.1 port, for one program run."""

    def __init__(self, state: MonitorState) -> None:
        self.state = state
        options = [
            ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
            ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
            ("grpc.so_reuseport", 0),
        ]
        self._server = grpc.server(futures.ThreadPoolExecutor(max_workers=4), options=options)
        resource_pb2_grpc.add_ResourceMonitorServicer_to_server(
            RecordingResourceMonitor(state), self._server
        )
        engine_pb2_grpc.add_EngineServicer_to_server(RecordingEngine(state), self._server)
        port = self._server.add_insecure_port("127.0.0.1:0")
        self.address = f"127.0.0.1:{port}"

    def __enter__(self) -> MonitorServer:
        self._server.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.stop(grace=None)
