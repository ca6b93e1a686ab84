"""The GitHub composite action and the pre-commit hook are well-formed and run aihw check."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_composite_action_runs_check_comments_and_uploads_sarif():
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    inputs = {"stacks", "policy-config", "comment", "upload-sarif", "base", "shard", "results"}
    assert inputs <= set(action["inputs"])
    steps = action["runs"]["steps"]
    script = (ROOT / "action" / "aihw-pr.sh").read_text()  # what the steps run
    for fmt in ("json", "markdown", "sarif"):
        assert f"--format {fmt}" in script
    assert "MARKER='<!-- aihw-check -->'" in script  # the marker findings_markdown writes
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
    assert all("shell" in s for s in steps if "run" in s)


def test_pre_commit_hook_entry():
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "aihw-check" and hook["entry"] == "aihw check"
    assert hook["pass_filenames"] is False and hook["language"] == "python"


def test_pack_files():
    pack = ROOT / "policies" / "aihw"
    meta = yaml.safe_load((pack / "PulumiPolicy.yaml").read_text())
    assert meta["runtime"] == "python" and meta["name"] == "aihw" and meta["version"]
    reqs = [
        line
        for line in (pack / "requirements.txt").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    assert reqs[0].startswith("pulumi-aihw[policy]")
    pyproject = (ROOT / "pyproject.toml").read_text()
    for pin in reqs[1:]:
        assert f'"{pin}"' in pyproject  # the same pins as the policy extra
    main = (pack / "__main__.py").read_text()
    assert main.count("PolicyPack(") == 1 and "def " not in main and "class " not in main
