"""`aihw catalog`, `aihw schema`, `aihw validate`, `aihw --version`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from pulumi_aihw import __version__
from pulumi_aihw.cli import app
from tests.conftest import STACKS

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"aihw {__version__}"


def test_catalog_table_filters_and_unknowns() -> None:
    result = runner.invoke(app, ["catalog", "--family", "inferentia"])
    assert result.exit_code == 0
    assert "inf2.48xlarge" in result.stdout and "p5.48xlarge" not in result.stdout
    assert "est (" in result.stdout  # Inferentia power is unpublished: an estimate with a range


def test_catalog_json() -> None:
    result = runner.invoke(
        app, ["catalog", "--provider", "gcp", "--accelerator", "v6e", "--format", "json"]
    )
    data = json.loads(result.stdout)
    assert {o["accelerator_id"] for o in data["offerings"]} == {"tpu-v6e"}
    assert [a["id"] for a in data["accelerators"]] == ["tpu-v6e"]
    assert all(o["source"] and o["as_of"] for o in data["offerings"])


def test_catalog_bad_filters_exit_2() -> None:
    result = runner.invoke(app, ["catalog", "--family", "fpga"])
    assert result.exit_code == 2 and "--family: 'fpga' is not one of" in result.stderr
    result = runner.invoke(app, ["catalog", "--accelerator", "h900"])
    assert result.exit_code == 2 and "unknown accelerator 'h900'. Did you mean" in result.stderr


def test_schema_kinds() -> None:
    workload = json.loads(runner.invoke(app, ["schema"]).stdout)
    assert workload["title"] == "WorkloadSpec"
    profile = json.loads(runner.invoke(app, ["schema", "--kind", "profile"]).stdout)
    assert profile["title"] == "PlatformProfile"
    bad = runner.invoke(app, ["schema", "--kind", "nope"])
    assert bad.exit_code == 2 and "--kind: 'nope' is not one of: workload, profile" in bad.stderr


def test_validate(write: Callable[[str, str], Path]) -> None:
    good = [str(p) for p in sorted(STACKS.glob("*/workload.yaml"))]
    result = runner.invoke(app, ["validate", *good])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("ok: ") == len(good)
    bad = write(
        "w.yaml",
        "name: x\nowner: t\nphase: inference\nmodel: {name: m, "
        "parameters_billion: 8}\npin: {accelerator: h10, count: 1}\n",
    )
    result = runner.invoke(app, ["validate", good[0], str(bad)])
    assert result.exit_code == 2
    assert f"error: {bad}:5: pin.accelerator: unknown accelerator 'h10'." in result.stderr
