"""``aihw check``: one stack through the pack's analyzer servicer, findings paired with the
enforcement levels the analyzer reported."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from pulumi_aihw.catalog.catalog import Catalog
from pulumi_aihw.check.engine import check_previews as _check_previews
from pulumi_aihw.check.models import CheckReport
from pulumi_aihw.contracts import ResourceRecord, StackPreview
from pulumi_aihw.crossguard.policies import Sink, policies
from pulumi_aihw.crossguard.servicer import analyzer
from pulumi_aihw.crossguard.wire import (
    LEVEL_NAMES,
    analyze_request,
    configure_request,
    stack_request,
)
from pulumi_aihw.rules import Context, Enforcement, Finding, Status
from pulumi_aihw.rules.config import Resolved


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
