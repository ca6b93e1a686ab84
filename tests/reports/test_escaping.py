"""Text from specs and stack programs is shown, never interpreted: no raw HTML or
@mention in a PR comment, no invalid XML in JUnit, no control character on a terminal;
a stack whose program failed appears in every format."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from pulumi_aihw.check.models import FailedStack
from pulumi_aihw.contracts import ResourceRecord, StackPreview
from pulumi_aihw.crossguard import check_previews
from pulumi_aihw.errors import StackExitedEarlyError, StackTimeoutError
from pulumi_aihw.reports import FINDINGS_RENDERERS, escape

from ..conftest import ROOT_DIR, TODAY

HOSTILE = "x\x07\x1b[31m<img src=x onerror=alert(1)> @octocat `rm` [click](http://evil) | a\nb"
STACK = "pulumi:pulumi:Stack"


@pytest.fixture(scope="module")
def report():
    root = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev"
    inst = "aws:ec2/instance:Instance"
    preview = StackPreview(
        "stacks/hostile",
        "p",
        "dev",
        (
            ResourceRecord(root, STACK, "p-dev", None, False, {}),
            ResourceRecord(
                f"urn:pulumi:dev::p::{inst}::gpu",
                inst,
                "gpu<b>@admin\x1b]0;t\x07`",
                root,
                True,
                {
                    "instanceType": "p5.48xlarge",
                    "tags": {"aihw-suppress-aihw-cost-001": HOSTILE},
                },
            ),
        ),
    )
    cwd = os.getcwd()
    os.chdir(ROOT_DIR)
    try:
        budget = {"aihw-cost-over-budget": {"maxUsdPerMonth": 20000}}
        checked = check_previews([preview], budget, today=TODAY)
    finally:
        os.chdir(cwd)
    failed = FailedStack.of(
        "stacks/broken`<x>", StackExitedEarlyError(f"main.py: the program exited 0 {HOSTILE}")
    )
    return replace(checked, failed=(failed,))


def test_escape_functions():
    assert escape.controls("a\x1b[31mb\tc\nd\r") == "a\\x1b[31mb\tc\nd\\x0d"
    md = escape.markdown(HOSTILE)
    assert "<" not in md and ">" not in md and "@octocat" not in md and "\n" not in md
    assert "\\`rm\\`" in md and "\\[click\\]" in md and "\\|" in md and "\x1b" not in md
    assert escape.code("a`b\nc\x00") == "a'b c\\x00"
    assert escape.xml("ok\x01\x0b\ufffe\t\n") == "ok\\x01\\x0b\\ufffe\t\n"


def test_markdown_has_no_raw_html_mentions_or_code_breakouts(report):
    text = FINDINGS_RENDERERS["markdown"](report)
    body = text.split("\n", 1)[1]  # after the comment marker
    assert "\x1b" not in body and "\x07" not in body
    spans = re.findall(r"`[^`\n]*`", body)
    # a code span shows it literally (labelled stack/name, as the comment labels resources)
    assert "`stacks/hostile/gpu<b>@admin\\x1b]0;t\\x07'`" in spans
    outside = re.sub(r"`[^`\n]*`", "", body)
    assert "<img" not in outside and "<b>" not in outside and "<x>" not in outside
    assert "@octocat" not in outside and "@admin" not in outside
    assert "[click](" not in outside
    assert "Stacks not checked" in body and "exited early" in body


def test_junit_is_valid_xml_with_control_characters_in_a_reason(report):
    text = FINDINGS_RENDERERS["junit"](report)
    root = ET.fromstring(text)  # an invalid character would fail here
    assert root.get("errors") == "1"
    reasons = [s.get("message") for s in root.iter("skipped")]
    assert any("\\x07" in (r or "") for r in reasons)
    (error,) = root.iter("error")
    assert error.get("type") == "exited early"


@pytest.mark.parametrize("fmt", ["table", "json", "sarif"])
def test_other_formats_carry_no_raw_control_characters(report, fmt):
    from pulumi_aihw.cli._common import controls

    text = controls(FINDINGS_RENDERERS[fmt](report))
    assert "\x1b" not in text and "\x07" not in text
    if fmt == "json":
        assert json.loads(text)["failed_stacks"][0]["kind"] == "exited early"
    if fmt == "sarif":
        invocation = json.loads(text)["runs"][0]["invocations"][0]
        assert invocation["executionSuccessful"] is False


def test_failed_stack_kinds_and_exit_codes():
    f = FailedStack.of("s", StackTimeoutError("main.py: did not finish"))
    assert (f.kind, f.exit_code, f.problems) == ("timeout", 2, ("main.py: did not finish",))
