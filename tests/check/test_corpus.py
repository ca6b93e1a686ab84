"""The corpus of public programs with AI hardware (tests/corpus): every expectation of every
program holds, so recall and precision are 100%; ``aihw check`` exits 0 or 1 on each.
``python -m tests.check.corpus`` prints the figures the docs quote."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from tests.check.corpus import CORPUS, evaluate, figures, programs, summary
from tests.run import ROOT, python

PROGRAMS = programs()
pytestmark = pytest.mark.slow


def test_the_corpus_has_enough_programs_with_hardware_and_a_readme_row_each():
    with_hardware = [
        p for p in PROGRAMS if yaml.safe_load((p / "expectations.yaml").read_text())["hardware"]
    ]
    assert len(with_hardware) >= 15
    readme = (CORPUS / "README.md").read_text()
    for program in PROGRAMS:
        assert f"[{program.name}]({program.name})" in readme, program.name
        header = (program / "__main__.py").read_text()
        assert re.search(r"^Source: ", header, re.MULTILINE), program.name
        assert "Adaptations" in header, program.name


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.name)
def test_every_expectation_of_the_program_holds(program: Path):
    outcome = evaluate(program)
    result = figures([outcome])
    assert not result.failures, "\n".join(result.failures)
    assert result.recall == 1.0 and result.precision == 1.0, summary(result)


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.name)
def test_aihw_check_exits_0_or_1_on_every_program(program: Path, tmp_path: Path):
    want = yaml.safe_load((program / "expectations.yaml").read_text())["exit_code"]
    out = python(
        "-m",
        "pulumi_aihw",
        "check",
        str(program.relative_to(ROOT)),
        "--policy-config",
        str((CORPUS / "policy.json").relative_to(ROOT)),
        "--format",
        "json",
    )
    assert out.returncode in (0, 1) and out.returncode == want, out.stderr
    assert "Traceback" not in out.stderr
    report = json.loads(out.stdout)
    assert report["exit_code"] == want
