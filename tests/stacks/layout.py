"""What every example stack shares: the real `aihw` command, Pulumi's project schema, and
the stack layout (the same files, a few lines of program, the package extra it needs)."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import yaml

from tests.run import ROOT, python

SCHEMA = json.loads((ROOT / "tests" / "fixtures" / "pulumi-project-schema.json").read_text())
FILES = ("Pulumi.yaml", "Pulumi.dev.yaml", "__main__.py", "workload.yaml", "requirements.txt")


def aihw(*args: str) -> subprocess.CompletedProcess[str]:
    """The real `aihw` command, as a subprocess."""
    return python("-m", "pulumi_aihw", *args)


def assert_stack_layout(name: str, extra: str) -> dict[str, Any]:
    """Check ``stacks/<name>``'s layout; return its example stack config."""
    d = ROOT / "stacks" / name
    for f in FILES:
        assert (d / f).is_file(), f
    code = [ln for ln in (d / "__main__.py").read_text().splitlines() if ln.strip()]
    assert len(code) <= 12  # a few lines: the component does the work
    assert f"pulumi-aihw[{extra}]" in (d / "requirements.txt").read_text()
    config = yaml.safe_load((d / "Pulumi.dev.yaml").read_text())["config"]
    assert isinstance(config, dict)
    return config


def preview_json(name: str, offering: str, units: int) -> dict[str, Any]:
    """`aihw preview stacks/<name> --format json`: exit 0, the planned offering and units."""
    result = aihw("preview", f"stacks/{name}", "--format", "json")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    assert data["project"] == name and data["stack"] == "dev"
    assert data["plan"]["chosen"]["offering"] == offering
    assert data["plan"]["chosen"]["units"] == units
    return data
