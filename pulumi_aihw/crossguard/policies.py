"""Every rule as a CrossGuard policy: a ``ResourceValidationPolicy`` (judged per resource in
``Analyze``) or a ``StackValidationPolicy`` (``AnalyzeStack``).

How outcomes reach the engine:

- violation: ``report_violation`` (message: rule id, finding, "To fix: ...");
- not evaluated (a value unknown during preview, or a figure the catalog cannot give):
  the SDK's own "can't run policy ..." advisory diagnostic;
- suppressed or not applicable: ``not_applicable`` with the reason.

Facts are extracted once per resource and shared by every rule when the pack runs under
:class:`pulumi_aihw.crossguard.servicer.SharedFactsServicer` (``aihw check``); under
Pulumi's own pack server each policy extracts them itself, with the same result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

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
from pulumi_policy.deserialize import (
    SPECIAL_SIG_KEY,
    deserialize_properties,
    serialize_properties,
)
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

from pulumi_aihw.catalog import load_catalog
from pulumi_aihw.catalog.catalog import Catalog
from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.crossguard import shared
from pulumi_aihw.crossguard.wire import struct_dict
from pulumi_aihw.rules import RULES, Context, Finding, Resource, Status, settings
from pulumi_aihw.rules.engine import NOT_EVALUATED_PREFIX, evaluate_resource, evaluate_stack
from pulumi_aihw.rules.facts.registry import EXTRACTORS, ResourceFacts
from pulumi_aihw.rules.model import ResourceRule, Settings, StackRule

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


def plain(value: Any) -> Any:
    """Deserialized properties as plain data, :data:`UNKNOWN` for the SDK's unknowns."""
    if isinstance(value, str):
        return UNKNOWN if value in _UNKNOWNS else value
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def unmarshal(struct: Any) -> dict[str, Any]:
    """A request's properties (a ``google.protobuf.Struct``) as plain data in one pass: what
    ``plain(deserialize_properties(json_format.MessageToDict(struct)))`` gives."""
    return {k: _unmarshal_value(v) for k, v in struct.fields.items()}


def _unmarshal_value(v: Any) -> Any:
    kind = v.WhichOneof("kind")
    if kind == "string_value":
        text = v.string_value
        return UNKNOWN if text in _UNKNOWNS else text
    if kind == "number_value":
        return v.number_value
    if kind == "bool_value":
        return v.bool_value
    if kind == "struct_value":
        fields = v.struct_value.fields
        if SPECIAL_SIG_KEY in fields:  # a secret, asset or archive: the SDK's own reading
            return plain(deserialize_properties({"v": struct_dict(v.struct_value)})["v"])
        return {k: _unmarshal_value(x) for k, x in fields.items()}
    if kind == "list_value":
        return [_unmarshal_value(x) for x in v.list_value.values]
    return None


def plain_props(props: Mapping[str, Any]) -> dict[str, Any]:
    """The SDK's unknown-checking proxy as plain data, with :data:`UNKNOWN` for unknowns."""
    return dict(plain(serialize_properties(props)))


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


def _resource(args: ResourceValidationArgs) -> Resource:
    return Resource(
        args.urn,
        args.resource_type,
        args.name,
        args.opts.parent,
        plain_props(args.props),
        provider=plain_props(args.provider.props) if args.provider is not None else {},
    )


def stack_resources(
    resources: Sequence[Any], props: Sequence[Mapping[str, Any]] | None = None
) -> list[Resource]:
    """The stack's ``PolicyResource``s as plain :class:`Resource`s (``props``: their
    properties already as plain data)."""
    return [
        Resource(
            r.urn,
            r.resource_type,
            r.name,
            r.parent.urn if r.parent is not None else None,
            dict(props[i]) if props is not None else plain_props(r.props),
            tuple(d.urn for d in r.dependencies),
            plain_props(r.provider.props) if r.provider is not None else {},
        )
        for i, r in enumerate(resources)
    ]


def _settings_of(rule: ResourceRule | StackRule) -> Callable[[Any], Settings]:
    """``settings(rule, config)``, computed again only when the pack's config changes."""
    last: list[Any] = [object(), None]

    def of(config: Any) -> Settings:
        if config != last[0]:
            last[:] = [config, settings(rule, config)]
        return last[1]  # type: ignore[no-any-return]

    return of


class Judge:
    """One rule on one resource: its finding (collected in the sink), from the resource and
    its facts. A resource policy's ``validate`` calls it with the SDK's arguments;
    :class:`~pulumi_aihw.crossguard.servicer.SharedFactsServicer` calls it directly."""

    def __init__(self, rule: ResourceRule, context: ContextFactory, sink: Sink | None) -> None:
        self.rule, self.context, self.sink = rule, context, sink
        self._settings_of = _settings_of(rule)

    def __call__(
        self, resource: Resource, facts: ResourceFacts | None, config: Any
    ) -> Finding | None:
        ctx = facts.ctx if facts is not None else self.context()
        found = evaluate_resource(self.rule, resource, self._settings_of(config), ctx, facts)
        if found is not None and self.sink is not None:
            self.sink.append(found)
        return found

    def message(self, found: Finding) -> str:
        """What ``report_violation`` is given for a violation."""
        return _message(found, self.rule.remediation)


class RulePolicy(ResourceValidationPolicy):
    """A resource policy made from one of our rules, carrying its :class:`Judge`."""

    def __init__(self, judge: Judge, **meta: Any) -> None:
        self.judge = judge

        def validate(args: ResourceValidationArgs, report_violation: ReportViolation) -> None:
            common = shared.resource(args.urn)
            if common is not None:
                resource, facts = common.resource, common.facts_for(judge.context())
            elif args.resource_type not in EXTRACTORS:
                return  # the rules read no resource of this type
            else:
                resource, facts = _resource(args), None
            found = judge(resource, facts, args.get_config())
            if found is None:
                return
            if found.status is Status.VIOLATION:
                report_violation(judge.message(found), None)
            elif found.status is Status.NOT_EVALUATED:
                raise _unknown(unevaluated_reason(found))
            elif found.status is not Status.PASSED:
                args.not_applicable(not_applicable_reason(found))

        super().__init__(validate=validate, **meta)


def unevaluated_reason(found: Finding) -> str:
    """Why a finding could not be evaluated (the SDK's "can't run policy" diagnostic)."""
    return found.message.removeprefix(NOT_EVALUATED_PREFIX)


def not_applicable_reason(found: Finding) -> str:
    """A suppressed or not-applicable finding as the engine's not-applicable reason."""
    return f"{found.status}: {found.message}"


def _resource_policy(rule: ResourceRule, context: ContextFactory, sink: Sink | None) -> Policy:
    return RulePolicy(Judge(rule, context, sink), **_meta(rule))


def _stack_policy(rule: StackRule, context: ContextFactory, sink: Sink | None) -> Policy:
    def validate(args: StackValidationArgs, report_violation: ReportViolation) -> None:
        common = shared.stack()
        resources = common.resources if common is not None else stack_resources(args.resources)
        cfg = settings(rule, args.get_config())
        facts = common.facts if common is not None else None
        found = evaluate_stack(rule, resources, cfg, context(), args.stack_tags, facts)
        if sink is not None:
            sink.extend(found)
        for f in found:
            if f.status is Status.VIOLATION:
                report_violation(_message(f, rule.remediation), f.resource.urn or None)
        if len(found) == 1 and found[0].status is Status.NOT_EVALUATED:
            raise _unknown(unevaluated_reason(found[0]))
        if len(found) == 1 and found[0].status is Status.NOT_APPLICABLE:
            args.not_applicable(found[0].message)

    return RuleStackPolicy(validate=validate, **_meta(rule))


class RuleStackPolicy(StackValidationPolicy):
    """A stack policy made from one of our rules: under
    :class:`~pulumi_aihw.crossguard.servicer.SharedFactsServicer` it reads the shared stack,
    not ``args.resources``."""


def policies(
    *,
    catalog: Catalog | None = None,
    today: dt.date | None = None,
    sink: Sink | None = None,
) -> list[Policy]:
    """Every rule as a CrossGuard policy. ``today`` fixes the date (tests); ``sink``
    collects every finding, passed ones included (the in-process check path)."""

    made: dict[tuple[int, dt.date], Context] = {}

    def context() -> Context:
        """One Context per catalog and day (a pack server may run past midnight)."""
        cat = catalog if catalog is not None else load_catalog()
        day = today or dt.date.today()
        key = (id(cat), day)
        if key not in made:
            made.clear()
            made[key] = Context(cat, day)
        return made[key]

    out: list[Policy] = []
    for rule in RULES:
        if isinstance(rule, StackRule):
            out.append(_stack_policy(rule, context, sink))
        else:
            out.append(_resource_policy(rule, context, sink))
    return out
