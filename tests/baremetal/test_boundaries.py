"""The bare-metal core stays pure: no Pulumi import, and `aihw plan` on a bare-metal spec
(which loads its inventory) imports no Pulumi module."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.run import ROOT

IMPORT = re.compile(r"^\s*(?:from|import)\s+(pulumi|pulumi_command)\b", re.MULTILINE)


def test_the_bare_metal_core_does_not_import_pulumi() -> None:
    files = list((ROOT / "pulumi_aihw" / "baremetal").glob("*.py"))
    files.append(ROOT / "pulumi_aihw" / "targets" / "baremetal" / "settings.py")
    assert len(files) >= 8
    for path in files:
        assert not IMPORT.search(path.read_text()), path


def test_plan_of_a_bare_metal_spec_imports_no_pulumi() -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from pulumi_aihw.cli import app\n"
        "r = CliRunner().invoke(app, ['plan', 'stacks/baremetal-gpu-inference/workload.yaml'])\n"
        "assert r.exit_code == 0, r.output\n"
        "assert 'owned 8x-h100-sxm' in r.output, r.output\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('pulumi', 'pulumi_command')]\n"
        "assert not bad, bad\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, timeout=120)
