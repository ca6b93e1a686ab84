"""Run one rule: on a resource (``Analyze``) or on the stack (``AnalyzeStack``).

Every outcome becomes a :class:`Finding`: passed, violation, suppressed (with the
reason), not evaluated (a value unknown during preview) or not applicable. A
resource that deploys no accelerator yields no finding at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from pulumi_aihw.rules import suppressions
from pulumi_aihw.rules.facts.registry import ResourceFacts
from pulumi_aihw.rules.facts.stack import StackFacts, StackView
from pulumi_aihw.rules.model import (
    Context,
    Finding,
    NotApplicable,
    Resource,
    ResourceRef,
    ResourceRule,
    Settings,
    StackIssue,
    StackRule,
    Status,
    Unevaluable,
)
from pulumi_aihw.spec.models import Suppression

NOT_EVALUATED_PREFIX = "could not be evaluated: "


def _finding(
    rule: ResourceRule | StackRule, status: Status, message: str, ref: ResourceRef
) -> Finding:
    return Finding(rule.id, rule.name, rule.severity, status, message, ref)


def _judged(
    rule: ResourceRule | StackRule,
    messages: Sequence[str],
    ref: ResourceRef,
    tags: Mapping[str, str],
    spec_suppressions: Iterable[Suppression],
    ctx: Context,
    note: str | None = None,
) -> Finding:
    if not messages:
        return _finding(rule, Status.PASSED, f"passed ({note})" if note else "passed", ref)
    message = "\n".join(messages)
    found = suppressions.match(rule.id, tags, spec_suppressions, ctx.today)
    status = Status.SUPPRESSED if found.applied else Status.VIOLATION
    return Finding(
        rule.id,
        rule.name,
        rule.severity,
        status,
        message,
        ref,
        suppression=found.applied or found.expired,
        notes=found.notes,
    )


def evaluate_resource(
    rule: ResourceRule,
    resource: Resource,
    settings: Settings,
    ctx: Context,
    facts: ResourceFacts | None = None,
) -> Finding | None:
    """The rule's finding for one resource, or ``None`` if it deploys no hardware.
    ``facts``: the resource's facts, extracted once for every rule (else here)."""
    ref = ResourceRef.of(resource)
    try:
        hw = (facts or ResourceFacts(resource, ctx)).hardware()
        if hw is None:
            return None
        messages = list(rule.check(hw, settings, ctx))
    except Unevaluable as exc:
        return _finding(rule, Status.NOT_EVALUATED, NOT_EVALUATED_PREFIX + exc.reason, ref)
    except NotApplicable as exc:
        return _finding(rule, Status.NOT_APPLICABLE, exc.reason, ref)
    spec_sup = hw.spec.suppressions if hw.spec is not None else ()
    return _judged(rule, messages, ref, hw.tags, spec_sup, ctx, rule.note(hw))


def evaluate_stack(
    rule: StackRule,
    resources: Sequence[Resource],
    settings: Settings,
    ctx: Context,
    stack_tags: Mapping[str, str] | None = None,
    facts: StackFacts | None = None,
) -> list[Finding]:
    """The rule's findings for the stack: one per issue, or one passed/unevaluated.
    ``facts``: the stack's hardware, extracted once for every stack rule (else here)."""
    view = StackView(resources, ctx, facts)
    try:
        issues: list[StackIssue] = list(rule.check(view, settings, ctx))
    except Unevaluable as exc:
        return [_finding(rule, Status.NOT_EVALUATED, NOT_EVALUATED_PREFIX + exc.reason, view.ref)]
    except NotApplicable as exc:
        return [_finding(rule, Status.NOT_APPLICABLE, exc.reason, view.ref)]
    if not issues:
        return [_finding(rule, Status.PASSED, "passed", view.ref)]
    out = []
    for issue in issues:
        tags = issue.tags if issue.resource.urn != view.ref.urn else (stack_tags or {})
        out.append(_judged(rule, [issue.message], issue.resource, tags, issue.suppressions, ctx))
    return out
