"""Suppressions: acknowledge a finding on purpose, with a reason and an optional expiry.

Two ways to write one (docs/policies.md#suppressions):

- a tag or label on the resource, key ``aihw-suppress-<rule id, lower-case>``:
  AWS tag value ``<reason>`` or ``<reason>; expires=YYYY-MM-DD``; GCP labels allow
  only ``[a-z0-9_-]`` and 63 characters, so the label form is
  ``<reason-with-dashes>--expires-YYYY-MM-DD`` (dashes read as spaces);
- the workload spec's ``suppressions:`` list (rule, reason, expires), for findings
  on a Workload component.

A suppression without a reason or with a malformed date is ignored, and the finding
says so; an expired one is ignored and the finding says when it expired.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pulumi_aihw.contracts import TAG_SUPPRESS_PREFIX
from pulumi_aihw.rules.model import SuppressionInfo
from pulumi_aihw.spec.models import Suppression

_EXPIRES = re.compile(
    r"^(?P<reason>.*?)(?:\s*;\s*expires\s*=\s*|--expires-)(?P<date>[0-9-]+)\s*$", re.IGNORECASE
)
_LABEL_CHARS = re.compile(r"^[a-z0-9_-]+$")
MIN_REASON_CHARS = 3


@dataclass(frozen=True)
class Match:
    """The suppression that applies to a finding, and notes about ignored ones."""

    applied: SuppressionInfo | None
    expired: SuppressionInfo | None
    notes: tuple[str, ...]


def tag_key(rule_id: str) -> str:
    return f"{TAG_SUPPRESS_PREFIX}{rule_id.lower()}"


def parse_value(value: str) -> tuple[str, dt.date | None]:
    """``(reason, expires)`` from a tag/label value; raises ValueError when malformed."""
    reason, expires = value.strip(), None
    m = _EXPIRES.match(reason)
    if m:
        reason = m.group("reason").strip()
        try:
            expires = dt.date.fromisoformat(m.group("date"))
        except ValueError:
            raise ValueError(f"expiry '{m.group('date')}' is not a date (YYYY-MM-DD)") from None
    if _LABEL_CHARS.match(reason):
        reason = re.sub(r"[-_]+", " ", reason).strip()
    if len(reason) < MIN_REASON_CHARS:
        raise ValueError(
            "a reason is required (at least 3 characters), e.g. "
            "'accepted by finops; expires=2026-12-31'"
        )
    return reason, expires


def _candidates(
    rule_id: str, tags: Mapping[str, str], spec: Iterable[Suppression]
) -> tuple[list[SuppressionInfo], list[str]]:
    found: list[SuppressionInfo] = []
    notes: list[str] = []
    key = tag_key(rule_id)
    for name, value in tags.items():
        if name.lower() != key:
            continue
        try:
            reason, expires = parse_value(value)
        except ValueError as exc:
            notes.append(f"suppression tag {name} ignored: {exc}")
            continue
        found.append(SuppressionInfo(reason, f"tag {name}", expires))
    for i, s in enumerate(spec):
        if s.rule.upper() == rule_id:
            found.append(SuppressionInfo(s.reason, f"spec suppressions[{i}]", s.expires))
    return found, notes


def match(
    rule_id: str, tags: Mapping[str, str], spec: Iterable[Suppression], today: dt.date
) -> Match:
    """The first suppression of ``rule_id`` still in force, else the expired one (if any)."""
    found, notes = _candidates(rule_id, tags, spec)
    expired: SuppressionInfo | None = None
    for s in found:
        if s.expires is None or s.expires >= today:
            return Match(s, None, tuple(notes))
        expired = SuppressionInfo(s.reason, s.source, s.expires, expired=True)
        notes.append(f"suppression ({s.source}) expired on {s.expires}: ignored")
    return Match(None, expired, tuple(notes))
