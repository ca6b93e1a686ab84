"""The import-linter contracts in pyproject.toml hold, and a deliberate upward import
breaks them (so CI's `lint-imports` step would fail on one)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT.exists(), reason="import-linter not installed")


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(
        ROOT / "pulumi_aihw",
        tmp_path / "pulumi_aihw",
        ignore=shutil.ignore_patterns("__pycache__", "data"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_contracts_hold():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" in result.stdout and " 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "breach"),
    [
        (
            "pulumi_aihw/spec/_breach.py",
            "import pulumi_aihw.cli\n",
            "pulumi_aihw.spec is not allowed to import pulumi_aihw.cli",
        ),
        (
            "pulumi_aihw/planner/_breach.py",
            "import pulumi\n",
            "pulumi_aihw.planner is not allowed to import pulumi",
        ),
        (
            "pulumi_aihw/targets/_breach.py",
            "from pulumi_aihw.reports import plan_text\n",
            "pulumi_aihw.targets is not allowed to import pulumi_aihw.reports",
        ),
    ],
)
def test_an_upward_import_breaks_them(tmp_path: Path, module: str, line: str, breach: str):
    root = _copy(tmp_path)
    (root / module).write_text(line)
    result = _lint(root)
    assert result.returncode != 0
    assert breach in result.stdout, result.stdout
