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
from pulumi_policy.deserialize import serialize_properties
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
from pulumi_aihw.rules import RULES, Context, Finding, Resource, Status, settings
from pulumi_aihw.rules.engine import NOT_EVALUATED_PREFIX, evaluate_resource, evaluate_stack
from pulumi_aihw.rules.facts.registry import EXTRACTORS
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


def _resource_policy(rule: ResourceRule, context: ContextFactory, sink: Sink | None) -> Policy:
    settings_of = _settings_of(rule)

    def validate(args: ResourceValidationArgs, report_violation: ReportViolation) -> None:
        ctx = context()
        common = shared.resource(args.urn)
        if common is not None:
            resource, facts = common.resource, common.facts_for(ctx)
        elif args.resource_type not in EXTRACTORS:
            return  # the rules read no resource of this type
        else:
            resource, facts = _resource(args), None
        found = evaluate_resource(rule, resource, settings_of(args.get_config()), ctx, facts)
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

    made: dict[tuple[int, dt.date], Context] = {}

    def context() -> Context:
        """One Context per catalog and day (a pack server may run past midnight)."""
        cat = catalog or load_catalog()
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
