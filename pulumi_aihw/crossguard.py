"""The rules as a Pulumi CrossGuard policy pack. The only module importing pulumi_policy.

:func:`policies` turns every rule of :data:`pulumi_aihw.rules.RULES` into a
``ResourceValidationPolicy`` (judged per resource in ``Analyze``) or a
``StackValidationPolicy`` (``AnalyzeStack``). ``policies/aihw/__main__.py`` builds the
``PolicyPack`` from them; ``aihw check`` drives the same policies in-process through
pulumi_policy's own analyzer servicer (:func:`analyzer` and the request builders
below), so both paths run the same code.

How outcomes reach the engine:

- violation: ``report_violation`` (message: rule id, finding, "To fix: ...");
- not evaluated (a value unknown during preview): the SDK's own "can't run policy ...
  during preview" advisory diagnostic;
- suppressed or not applicable: ``not_applicable`` with the reason.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from google.protobuf import struct_pb2
from pulumi.runtime.proto import analyzer_pb2
from pulumi_policy import (
    EnforcementLevel,
    Policy,
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
)
from pulumi_policy.deserialize import serialize_properties
from pulumi_policy.policy import _PolicyAnalyzerServicer
from pulumi_policy.proxy import (
    UNKNOWN_ARCHIVE_VALUE,
    UNKNOWN_ARRAY_VALUE,
    UNKNOWN_ASSET_VALUE,
    UNKNOWN_BOOLEAN_VALUE,
    UNKNOWN_NUMBER_VALUE,
    UNKNOWN_OBJECT_VALUE,
    UNKNOWN_STRING_VALUE,
    UnknownValueError,
)

from pulumi_aihw import __version__
from pulumi_aihw.catalog import load_catalog
from pulumi_aihw.catalog.catalog import Catalog
from pulumi_aihw.check.engine import check_previews as _check_previews
from pulumi_aihw.check.models import CheckReport
from pulumi_aihw.contracts import UNKNOWN, ResourceRecord, StackPreview
from pulumi_aihw.rules import RULES, Context, Enforcement, Finding, Resource, Status, settings
from pulumi_aihw.rules.config import Resolved
from pulumi_aihw.rules.engine import NOT_EVALUATED_PREFIX, evaluate_resource, evaluate_stack
from pulumi_aihw.rules.model import ResourceRule, StackRule

PACK_NAME = "aihw"
PACK_VERSION = __version__
PACK_DESCRIPTION = (
    "Lock-in, power and cost risks of AI hardware (GPUs, TPUs, Inferentia, Trainium, bare "
    "metal), for pulumi-aihw Workload components and hand-written resources."
)
_UNKNOWNS = frozenset(
    {
        UNKNOWN_ARCHIVE_VALUE,
        UNKNOWN_ARRAY_VALUE,
        UNKNOWN_ASSET_VALUE,
        UNKNOWN_BOOLEAN_VALUE,
        UNKNOWN_NUMBER_VALUE,
        UNKNOWN_OBJECT_VALUE,
        UNKNOWN_STRING_VALUE,
    }
)
Sink = list[Finding]
ContextFactory = Callable[[], Context]


def _plain(value: Any) -> Any:
    if isinstance(value, str):
        return UNKNOWN if value in _UNKNOWNS else value
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def plain_props(props: Mapping[str, Any]) -> dict[str, Any]:
    """The SDK's unknown-checking proxy as plain data, with :data:`UNKNOWN` for unknowns."""
    return dict(_plain(serialize_properties(props)))


def _message(f: Finding, remediation: str) -> str:
    notes = "".join(f"\n({n})" for n in f.notes)
    return f"[{f.rule_id}] {f.message}{notes}\nTo fix: {remediation}"


def _unknown(reason: str) -> UnknownValueError:
    err = UnknownValueError(UNKNOWN_STRING_VALUE, [])
    err.message = reason
    return err


def _config_schema(rule: ResourceRule | StackRule) -> PolicyConfigSchema | None:
    if not rule.config:
        return None
    props = {
        k.name: {**k.schema, "default": k.default, "description": k.description}
        for k in rule.config
    }
    return PolicyConfigSchema(props)


def _meta(rule: ResourceRule | StackRule) -> dict[str, Any]:
    return {
        "name": rule.name,
        "description": rule.description,
        "enforcement_level": EnforcementLevel(rule.enforcement.value),
        "config_schema": _config_schema(rule),
        "display_name": f"{rule.id}: {rule.title}",
        "severity": Severity(rule.severity.value),
        "tags": [rule.id, rule.id.split("-")[1].lower()],
        "remediation_steps": rule.remediation,
    }


def _resource_policy(rule: ResourceRule, context: ContextFactory, sink: Sink | None) -> Policy:
    def validate(args: ResourceValidationArgs, report_violation: ReportViolation) -> None:
        resource = Resource(
            args.urn, args.resource_type, args.name, args.opts.parent, plain_props(args.props)
        )
        found = evaluate_resource(rule, resource, settings(rule, args.get_config()), context())
        if found is None:
            return
        if sink is not None:
            sink.append(found)
        if found.status is Status.VIOLATION:
            report_violation(_message(found, rule.remediation), None)
        elif found.status is Status.NOT_EVALUATED:
            raise _unknown(found.message.removeprefix(NOT_EVALUATED_PREFIX))
        elif found.status is not Status.PASSED:
            args.not_applicable(f"{found.status}: {found.message}")

    return ResourceValidationPolicy(validate=validate, **_meta(rule))


def _stack_policy(rule: StackRule, context: ContextFactory, sink: Sink | None) -> Policy:
    def validate(args: StackValidationArgs, report_violation: ReportViolation) -> None:
        resources = [
            Resource(
                r.urn,
                r.resource_type,
                r.name,
                r.parent.urn if r.parent is not None else None,
                plain_props(r.props),
                tuple(d.urn for d in r.dependencies),
            )
            for r in args.resources
        ]
        cfg = settings(rule, args.get_config())
        found = evaluate_stack(rule, resources, cfg, context(), args.stack_tags)
        if sink is not None:
            sink.extend(found)
        for f in found:
            if f.status is Status.VIOLATION:
                report_violation(_message(f, rule.remediation), f.resource.urn or None)
        if len(found) == 1 and found[0].status is Status.NOT_EVALUATED:
            raise _unknown(found[0].message.removeprefix(NOT_EVALUATED_PREFIX))
        if len(found) == 1 and found[0].status is Status.NOT_APPLICABLE:
            args.not_applicable(found[0].message)

    return StackValidationPolicy(validate=validate, **_meta(rule))


def policies(
    *,
    catalog: Catalog | None = None,
    today: dt.date | None = None,
    sink: Sink | None = None,
) -> list[Policy]:
    """Every rule as a CrossGuard policy. ``today`` fixes the date (tests); ``sink``
    collects every finding, passed ones included (the in-process check path)."""

    def context() -> Context:
        return Context(catalog or load_catalog(), today or dt.date.today())

    out: list[Policy] = []
    for rule in RULES:
        if isinstance(rule, StackRule):
            out.append(_stack_policy(rule, context, sink))
        else:
            out.append(_resource_policy(rule, context, sink))
    return out


# -- the in-process path: pulumi_policy's servicer and engine-shaped requests ------------


def analyzer(pack_policies: list[Policy]) -> Any:
    """pulumi_policy's own Analyzer servicer over ``pack_policies`` (what PolicyPack serves)."""
    return _PolicyAnalyzerServicer(
        PACK_NAME, PACK_VERSION, pack_policies, EnforcementLevel.ADVISORY, None, PACK_DESCRIPTION
    )


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


def analyze_request(record: ResourceRecord) -> Any:
    """``Analyze`` for one resource: its inputs, as the engine sends them."""
    return analyzer_pb2.AnalyzeRequest(
        type=record.type,
        urn=record.urn,
        name=record.name,
        properties=struct(record.inputs),
        options=analyzer_pb2.AnalyzerResourceOptions(parent=record.parent or ""),
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
            )
            for r in records
        ]
    )


# -- aihw check: one stack through the analyzer, findings paired with their levels ---------


def _pair(
    found: Sequence[Finding], response: Any, resolved: Mapping[str, Resolved]
) -> list[Finding]:
    """Each finding with the level the analyzer gave its diagnostic (in report order)."""
    diags: dict[str, deque[Any]] = defaultdict(deque)
    for d in response.diagnostics:
        diags[d.policyName].append(d)
    out = []
    for f in found:
        level = resolved[f.policy].level
        if f.status in (Status.VIOLATION, Status.NOT_EVALUATED):
            level = Enforcement(LEVEL_NAMES[diags[f.policy].popleft().enforcementLevel])
        out.append(replace(f, level=level))
    left = [d.policyName for q in diags.values() for d in q]
    if left:
        raise RuntimeError(f"diagnostics without a finding: {left}")
    return out


class AnalyzerSession:
    """One stack through pulumi_policy's analyzer servicer, as ``pulumi preview
    --policy-pack`` drives it: ``Configure`` with the resolved policy config, ``Analyze``
    per resource (inputs), ``AnalyzeStack`` once (outputs). The policies hand every finding
    to a sink, so passed ones are reported too (a :class:`check.engine.PackSession`)."""

    def __init__(self, resolved: Mapping[str, Resolved], ctx: Context) -> None:
        self._resolved = resolved
        self._sink: Sink = []
        self._server = analyzer(policies(catalog=ctx.catalog, today=ctx.today, sink=self._sink))
        self._server.Configure(configure_request(resolved), None)

    def analyze(self, record: ResourceRecord) -> list[Finding]:
        mark = len(self._sink)
        response = self._server.Analyze(analyze_request(record), None)
        return _pair(self._sink[mark:], response, self._resolved)

    def analyze_stack(self, records: Sequence[ResourceRecord]) -> list[Finding]:
        mark = len(self._sink)
        response = self._server.AnalyzeStack(stack_request(records), None)
        return _pair(self._sink[mark:], response, self._resolved)


def check_previews(
    previews: Sequence[StackPreview],
    config: Mapping[str, Any] | None = None,
    *,
    today: dt.date | None = None,
    catalog: Catalog | None = None,
) -> CheckReport:
    """:func:`pulumi_aihw.check.engine.check_previews` through the CrossGuard pack's own code
    path (what ``aihw check`` runs)."""
    return _check_previews(previews, config, pack=AnalyzerSession, today=today, catalog=catalog)
