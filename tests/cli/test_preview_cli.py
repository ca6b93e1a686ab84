"""`aihw preview` in-process (CliRunner), and `aihw plan` staying free of Pulumi."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from pulumi_aihw.cli import app
from tests.run import ROOT, python


def test_preview_writes_json_to_a_file(tmp_path):
    out = tmp_path / "preview.json"
    result = CliRunner().invoke(
        app, ["preview", str(ROOT / "stacks" / "aws-gpu-inference"), "-f", "json", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert data["plan"]["chosen"]["offering"] == "g6e.xlarge"
    assert data["outputs"]["offering"] == "g6e.xlarge"


def test_preview_of_an_unknown_stack_name_is_exit_2():
    result = CliRunner().invoke(
        app, ["preview", str(ROOT / "stacks" / "aws-gpu-inference"), "--stack", "prod"]
    )
    assert result.exit_code == 2
    assert "stack 'prod' has no config file (stacks: dev)" in result.output


def test_plan_never_imports_pulumi():
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from pulumi_aihw.cli import app\n"
        "r = CliRunner().invoke(app, ['plan', 'stacks/aws-gpu-inference/workload.yaml'])\n"
        "assert r.exit_code == 0, r.output\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'pulumi', 'pulumi_aws', 'pulumi_gcp', 'boto3'}))\n"
    )
    assert python("-c", code, check=True).stdout.strip() == "[]"
