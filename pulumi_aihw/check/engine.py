"""``check_previews``: every resource of every stack through the policy pack, in-process
(``aihw check`` passes :class:`pulumi_aihw.crossguard.AnalyzerSession`, the CrossGuard
pack's own code path: pulumi_policy's analyzer servicer).

Per stack: ``Configure`` with the policy config as ``pulumi preview
--policy-pack-config`` sends it (the ``policy:`` of the platform profile the
stack's Workloads extend, with the given config merged over it), ``Analyze`` for
each resource (its inputs) and ``AnalyzeStack`` once (every resource's outputs). The
enforcement level of each violation is the one the analyzer reported; the policies
also hand every finding (passed ones included) to a list, so reports can show what
passed.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any, Protocol

from pulumi_aihw.catalog import load_catalog
from pulumi_aihw.catalog.catalog import Catalog
from pulumi_aihw.check.locate import locate
from pulumi_aihw.check.models import CheckReport, Item, RuleInfo, StackResult
from pulumi_aihw.check.profiles import StackPolicy, stack_policy
from pulumi_aihw.check.summary import workload_rows
from pulumi_aihw.contracts import ResourceRecord, StackPreview
from pulumi_aihw.rules import RULES, Context, Finding, Resource, resolve
from pulumi_aihw.rules.config import Resolved
from pulumi_aihw.rules.facts.stack import STACK_TYPE, StackView


def engine_urns(records: Sequence[ResourceRecord]) -> dict[str, str]:
    """URN -> the URN the Pulumi engine gives it (every ancestor's type, ``a$b$c``).

    Pulumi's mock engine keeps only the parent's type in a URN; the engine keeps all.
    """
    by_urn = {r.urn: r for r in records}

    def chain(r: ResourceRecord, depth: int = 0) -> str:
        parent = by_urn.get(r.parent or "")
        if parent is None or parent.type == STACK_TYPE or depth > 100:
            return r.type
        return f"{chain(parent, depth + 1)}${r.type}"

    out = {}
    for r in records:
        parts = r.urn.split("::")
        if len(parts) >= 4 and r.type != STACK_TYPE:
            parts[2] = chain(r)
        out[r.urn] = "::".join(parts)
    return out


def engine_records(preview: StackPreview) -> list[ResourceRecord]:
    """The records as the engine sends them to a policy pack: full URNs, and each resource
    with its default provider's properties (the stack config of its package)."""
    records = preview.resources
    urns = engine_urns(records)
    return [
        replace(
            r,
            urn=urns[r.urn],
            parent=urns.get(r.parent, r.parent) if r.parent else None,
            provider=r.provider or preview.provider_config(r.type),
        )
        for r in records
    ]


class PackSession(Protocol):
    """One stack's run through the policy pack (configured once): each call returns the
    findings the policies made, passed ones included, each with the enforcement level the
    pack reported. :class:`pulumi_aihw.crossguard.AnalyzerSession` drives pulumi_policy's
    own analyzer; this module does not import it (the core never imports pulumi_policy)."""

    def analyze(self, record: ResourceRecord, /) -> list[Finding]: ...

    def analyze_stack(self, records: Sequence[ResourceRecord], /) -> list[Finding]: ...


PackFactory = Callable[[Mapping[str, Resolved], Context], PackSession]
"""Starts a :class:`PackSession` for one stack's resolved policy config."""


def stack_view(records: Sequence[ResourceRecord], ctx: Context) -> StackView:
    """The hardware of a stack as the stack rules see it (outputs over inputs)."""
    return StackView(
        [
            Resource(r.urn, r.type, r.name, r.parent, {**r.inputs, **r.outputs}, (), r.provider)
            for r in records
        ],
        ctx,
    )


def _check_stack(
    preview: StackPreview,
    policy: StackPolicy,
    ctx: Context,
    pack: PackFactory,
) -> StackResult:
    session = pack(resolve(RULES, policy.config), ctx)
    records = engine_records(preview)
    found: list[Finding] = []
    for record in records:
        found += session.analyze(record)
    found += session.analyze_stack(records)
    fields = {r.id: r.spec_field for r in RULES}
    items = tuple(
        Item(f, preview.stack_dir, locate(f, preview.stack_dir, fields[f.rule_id])) for f in found
    )
    view = stack_view(records, ctx)
    return StackResult(
        preview.stack_dir,
        preview.project,
        preview.stack,
        tuple(workload_rows(view, preview.stack_dir, ctx)),
        items,
        policy.profile,
        policy.config,
    )


def rule_infos(
    stack_configs: Sequence[Mapping[str, Any]], config: Mapping[str, Any] | None
) -> tuple[RuleInfo, ...]:
    """Every rule with the level a report states: the effective one when every stack was
    checked with one config, else the level ``config`` (the ``--policy-config`` file)
    gives. Each finding carries its own stack's level either way."""
    shared = {json.dumps(c, sort_keys=True) for c in stack_configs}
    resolved = resolve(RULES, stack_configs[0] if len(shared) == 1 else (config or {}))
    return tuple(
        RuleInfo(
            r.id, r.name, r.title, r.description, r.severity, r.remediation, resolved[r.name].level
        )
        for r in RULES
    )


def check_previews(
    previews: Sequence[StackPreview],
    config: Mapping[str, Any] | None = None,
    *,
    pack: PackFactory,
    today: dt.date | None = None,
    catalog: Catalog | None = None,
) -> CheckReport:
    """Check every stack preview with the pack's policies under ``config`` (already
    validated: :func:`pulumi_aihw.rules.parse_config`), merged over the ``policy:`` of
    the platform profile each stack's Workloads extend.

    The report's rule levels are the effective ones when every stack shares one config,
    else those of ``config`` alone (:func:`rule_infos`); each finding carries its own
    stack's level. Stacks are reported in the order given."""
    ctx = Context(catalog or load_catalog(), today or dt.date.today())
    policies = [stack_policy(p, config or {}) for p in previews]
    stacks = tuple(_check_stack(p, sp, ctx, pack) for p, sp in zip(previews, policies, strict=True))
    rules = rule_infos([sp.config for sp in policies] or [dict(config or {})], config)
    return CheckReport(
        stacks, rules, ctx.today, ctx.catalog.as_of, policy_config=dict(config or {})
    )
