"""Suppressions by tag/label and by spec, with reasons and expiry."""

from __future__ import annotations

import datetime as dt

import pytest

from pulumi_aihw.rules import Status
from pulumi_aihw.rules.suppressions import parse_value, tag_key

from .test_lock_rules import INSTANCE, TPU, judge


@pytest.mark.parametrize(
    ("value", "reason", "expires"),
    [
        ("approved by finops", "approved by finops", None),
        ("approved by finops; expires=2026-12-31", "approved by finops", dt.date(2026, 12, 31)),
        ("approved-by-finops--expires-2026-12-31", "approved by finops", dt.date(2026, 12, 31)),
        ("ticket_4711", "ticket 4711", None),
    ],
)
def test_tag_and_label_values(value, reason, expires):
    assert parse_value(value) == (reason, expires)


@pytest.mark.parametrize("value", ["", "ok", "; expires=2026-12-31", "why; expires=2026-13-40"])
def test_malformed_values_are_rejected(value):
    with pytest.raises(ValueError):
        parse_value(value)


def test_gcp_label_form_fits_label_rules():
    key, value = tag_key("AIHW-LOCK-002"), "poc-approved-by-cto--expires-2026-12-31"
    assert key == "aihw-suppress-aihw-lock-002"
    for text in (key, value):
        assert len(text) <= 63 and text == text.lower()


def test_tag_suppresses_with_reason_and_expiry(make_raw, ctx):
    inf = make_raw(
        INSTANCE,
        "inf",
        instanceType="inf2.xlarge",
        tags={"aihw-suppress-aihw-lock-002": "pilot; expires=2026-12-31"},
    )
    f = judge("AIHW-LOCK-002", inf, ctx)
    assert f.status is Status.SUPPRESSED
    assert f.suppression.reason == "pilot" and f.suppression.expires == dt.date(2026, 12, 31)


def test_gcp_label_suppresses(make_raw, ctx):
    tpu = make_raw(
        TPU,
        "tpu",
        acceleratorType="v6e-8",
        labels={"aihw-suppress-aihw-lock-002": "jax-only-research--expires-2027-01-31"},
    )
    f = judge("AIHW-LOCK-002", tpu, ctx)
    assert f.status is Status.SUPPRESSED and f.suppression.reason == "jax only research"


def test_expired_suppression_is_ignored_and_said(make_raw, ctx):
    inf = make_raw(
        INSTANCE,
        "inf",
        instanceType="inf2.xlarge",
        tags={"aihw-suppress-aihw-lock-002": "pilot; expires=2026-10-01"},
    )
    f = judge("AIHW-LOCK-002", inf, ctx)
    assert f.status is Status.VIOLATION
    assert f.suppression.expired and "expired on 2026-10-01" in f.notes[0]


def test_suppression_without_reason_is_ignored_and_said(make_raw, ctx):
    inf = make_raw(
        INSTANCE, "inf", instanceType="inf2.xlarge", tags={"aihw-suppress-aihw-lock-002": "x"}
    )
    f = judge("AIHW-LOCK-002", inf, ctx)
    assert f.status is Status.VIOLATION and "reason is required" in f.notes[0]


def test_spec_suppression_for_workload(make_workload, ctx):
    w = make_workload(suppressions=[{"rule": "AIHW-LOCK-004", "reason": "AWS-only by contract"}])
    f = judge("AIHW-LOCK-004", w, ctx)
    assert f.status is Status.SUPPRESSED and f.suppression.source == "spec suppressions[0]"
    other = judge("AIHW-LOCK-002", w, ctx)  # a suppression names one rule only
    assert other.status is not Status.SUPPRESSED
