"""Pulumi's mock engine, recording: a ``Mocks`` that answers like a preview and a
``MockMonitor`` that records every registration as a :class:`ResourceRecord`."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from pulumi.output import Unknown
from pulumi.runtime import mocks, rpc

from pulumi_aihw.contracts import UNKNOWN, ResourceRecord, StackPreview
from pulumi_aihw.preview.invokes import INVOKES, placeholder_id
from pulumi_aihw.preview.states import initial_state

SECRET_MARKER = "[secret]"
"""Secret values are recorded as this marker, never in clear text."""


@dataclass
class Recording:
    """What the engine saw during one run, keyed by URN."""

    resources: dict[str, ResourceRecord] = field(default_factory=dict)
    outputs: dict[str, dict[str, Any]] = field(default_factory=dict)
    diagnostics: list[str] = field(default_factory=list)

    def log(self, severity: str, message: str) -> None:
        self.diagnostics.append(f"{severity}: {message}")

    def preview(
        self, project: str, stack: str, stack_dir: str, config: dict[str, str] | None = None
    ) -> StackPreview:
        """What was recorded as a :class:`StackPreview`: resources sorted by URN, each
        component with the outputs it registered, the stack's exports."""
        resources = []
        stack_outputs: dict[str, Any] = {}
        for urn in sorted(self.resources):
            record = self.resources[urn]
            registered = self.outputs.get(urn)
            if registered is not None and not record.custom:
                record = replace(record, outputs=registered)
            if record.type == "pulumi:pulumi:Stack":
                stack_outputs = dict(registered or {})
            resources.append(record)
        return StackPreview(
            stack_dir=stack_dir,
            project=project,
            stack=stack,
            resources=tuple(resources),
            outputs=stack_outputs,
            diagnostics=tuple(self.diagnostics),
            config=dict(config or {}),
        )

    # The MockEngine calls these as it would a logging.Logger.
    def debug(self, message: str) -> None:
        pass

    def info(self, message: str) -> None:
        self.log("info", message)

    def warning(self, message: str) -> None:
        self.log("warning", message)

    def error(self, message: str) -> None:
        self.log("error", message)


class PreviewMocks(mocks.Mocks):
    """New resources echo their inputs, like a create during ``pulumi preview``: ids and
    provider-computed outputs stay unknown (``dry_run``) or get placeholder ids."""

    def __init__(self, recording: Recording, *, dry_run: bool = True) -> None:
        self.recording = recording
        self.dry_run = dry_run

    def new_resource(self, args: mocks.MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
        state = initial_state(args.typ, dict(args.inputs))
        if self.dry_run:
            return "", state
        prefix = args.typ.rsplit(":", 1)[-1].lower()
        return placeholder_id(prefix, args.typ, args.name), state

    def call(self, args: mocks.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        # (result, check failures): the mock monitor iterates the failures, so never None.
        handler = INVOKES.get(args.token)
        if handler is None:
            self.recording.log(
                "warning",
                f"invoke {args.token} has no offline placeholder: its result fields are empty",
            )
            return {}, []
        return handler(dict(args.args)), []


class RecordingMonitor(mocks.MockMonitor):
    """Records type, name, parent and engine-shaped inputs of every registration."""

    def __init__(self, mock: PreviewMocks, recording: Recording) -> None:
        super().__init__(mock)
        self.recording = recording

    def RegisterResource(self, request: Any) -> Any:  # the gRPC method name
        request = _without_resource_refs(request, "object")
        response = super().RegisterResource(request)  # type: ignore[no-untyped-call]
        inputs = plain(rpc.deserialize_properties(request.object, keep_unknowns=True))
        self.recording.resources[response.urn] = ResourceRecord(
            urn=response.urn,
            type=request.type,
            name=request.name,
            parent=request.parent or None,
            custom=bool(request.custom),
            inputs=inputs,
            outputs=dict(inputs) if request.custom else {},
            protect=bool(request.protect),
            dependencies=tuple(sorted(set(request.dependencies))),
        )
        return response

    def RegisterResourceOutputs(self, request: Any) -> Any:  # the gRPC method name
        request = _without_resource_refs(request, "outputs")
        self.recording.outputs[request.urn] = plain(
            rpc.deserialize_properties(request.outputs, keep_unknowns=True)
        )
        return super().RegisterResourceOutputs(request)  # type: ignore[no-untyped-call]


def _without_resource_refs(request: Any, field: str) -> Any:
    """``request`` with every resource reference in ``field`` replaced by the resource's
    id (custom resources) or URN (components), as the engine sends them to a monitor
    that does not accept references.

    Remote components (pulumi-eks, ...) always send references; the mock monitor would
    rehydrate each one with a ``getResource`` call on a worker thread's event loop that
    never runs, and the program would hang."""
    copy = type(request)()
    copy.CopyFrom(request)
    _flatten_refs(getattr(copy, field))
    return copy


def _flatten_refs(struct: Any) -> None:
    for key in list(struct.keys()):
        value = struct.fields[key]
        kind = value.WhichOneof("kind")
        if kind == "struct_value":
            ref = _ref_text(value.struct_value)
            if ref is None:
                _flatten_refs(value.struct_value)
            else:
                value.string_value = ref
        elif kind == "list_value":
            for item in value.list_value.values:
                if item.WhichOneof("kind") == "struct_value":
                    ref = _ref_text(item.struct_value)
                    if ref is None:
                        _flatten_refs(item.struct_value)
                    else:
                        item.string_value = ref


def _ref_text(struct: Any) -> str | None:
    fields = struct.fields
    sig = fields.get(rpc._special_sig_key)
    if sig is None or sig.string_value != rpc._special_resource_sig:
        return None
    ref_id = fields["id"].string_value if "id" in fields else ""
    return ref_id or fields["urn"].string_value


def plain(value: Any) -> Any:
    """Engine values as plain data: unknowns become :data:`UNKNOWN`, secrets a marker."""
    if isinstance(value, Unknown):
        return UNKNOWN
    if rpc.is_rpc_secret(value):
        return SECRET_MARKER
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)  # e.g. a resource reference: not expected in inputs
