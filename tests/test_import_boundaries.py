"""`aihw plan` and `aihw init` never load Pulumi at run time; only the pulumi_aihw.crossguard
package imports pulumi_policy. (Which layer may import what: the import-linter contracts in
pyproject.toml, tests/test_import_contracts.py.)"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_only_crossguard_imports_pulumi_policy():
    users = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "pulumi_aihw").rglob("*.py")
        if re.search(r"^\s*(?:from|import)\s+pulumi_policy\b", p.read_text(), re.MULTILINE)
    }
    assert users and all(u.startswith("pulumi_aihw/crossguard/") for u in users), users


def test_plan_and_report_imports_stay_free_of_pulumi():
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from pulumi_aihw.cli import app\n"
        "import pulumi_aihw.reports, pulumi_aihw.rules, pulumi_aihw.check\n"
        "r = CliRunner().invoke(app, ['plan', 'stacks/aws-gpu-inference/workload.yaml'])\n"
        "assert r.exit_code == 0, r.output\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('pulumi', 'pulumi_policy')]\n"
        "assert not bad, bad\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)


def test_init_imports_no_pulumi(tmp_path):
    """`aihw init` plans the new stack to check it, without loading Pulumi."""
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from pulumi_aihw.cli import app\n"
        f"r = CliRunner().invoke(app, ['init', {str(tmp_path / 'chat')!r}, '--target', 'gcp'])\n"
        "assert r.exit_code == 0, r.output\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('pulumi', 'pulumi_policy')]\n"
        "assert not bad, bad\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)
    assert (tmp_path / "chat" / "workload.yaml").is_file()
