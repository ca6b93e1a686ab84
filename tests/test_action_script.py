"""The GitHub Action's pull-request steps (action/aihw-pr.sh, which action.yml calls) run
against a local git repository with a base and a head commit: the head and the merge base
are checked (the base in a git worktree), the workloads matched by stack and name, and
one comment made with the diff on top and the findings below; posting it twice updates
the first comment. Real previews (the isolated runner): about half a minute."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.run import ROOT

SCRIPT = ROOT / "action" / "aihw-pr.sh"
FAKE_GH = """#!/usr/bin/env python3
import json, sys, pathlib
state = pathlib.Path(__file__).with_name("gh-state.json")
data = json.loads(state.read_text()) if state.exists() else {"comments": [], "calls": []}
args = sys.argv[1:]
data["calls"].append(args)
if "--method" in args:
    method = args[args.index("--method") + 1]
    body = pathlib.Path(args[args.index("-F") + 1].split("=@", 1)[1]).read_text()
    if method == "POST":
        data["comments"].append({"id": 100 + len(data["comments"]), "body": body})
    else:
        path = next(a for a in args if a.startswith("repos/"))
        cid = int(path.rsplit("/", 1)[1])
        next(c for c in data["comments"] if c["id"] == cid)["body"] = body
else:  # the listing: what `--jq` selects (comments starting with the marker)
    for c in data["comments"]:
        if c["body"].startswith("<!-- aihw-check -->"):
            print(c["id"])
state.write_text(json.dumps(data))
"""


def git(repo: Path, *args: str) -> str:
    out = subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    )
    return out.stdout.strip()


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Base: stacks/chat on a portable GPU (power known, lock-in low). Head: the same
    workload made cheaper (Inferentia2: power unknown, lock-in high) and a Trainium
    training stack added (lock-in high)."""
    repo = tmp_path_factory.mktemp("repo")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "ci@example.com")
    git(repo, "config", "user.name", "CI")
    shutil.copytree(ROOT / "stacks" / "profiles", repo / "stacks" / "profiles")
    shutil.copytree(ROOT / "stacks" / "aws-gpu-inference", repo / "stacks" / "chat")
    (repo / "aihw-policy.json").write_text('{"aihw-power-unknown": "advisory"}')
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    base = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "-b", "change")
    spec = repo / "stacks" / "chat" / "workload.yaml"
    text = spec.read_text().replace("portability: required", "portability: none")
    spec.write_text(text.replace("max_usd_per_month: 3000", "max_usd_per_month: 1200"))
    shutil.copytree(ROOT / "stacks" / "aws-trainium-training", repo / "stacks" / "train")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "head")
    return repo, base


def run(repo: Path, step: str, **env: str) -> subprocess.CompletedProcess[str]:
    path = f"{Path(sys.executable).parent}{os.pathsep}{env.pop('PATH', os.environ['PATH'])}"
    return subprocess.run(
        ["bash", str(SCRIPT), step],
        cwd=repo,
        env={**os.environ, "PATH": path, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def checked(repo: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path, base = repo
    out = tmp_path_factory.mktemp("out")
    env = {"STACKS": "stacks", "OUT": str(out), "BASE": "main", "JOBS": "2"}
    result = run(path, "check", POLICY_CONFIG="aihw-policy.json", **env)
    assert result.returncode == 0, result.stderr
    assert (out / "base.sha").read_text().strip() == base  # the merge base
    assert "worktree" not in git(path, "worktree", "list").split("\n", 1)[-1]  # removed
    url = "https://github.example/o/r/actions/runs/7"
    result = run(path, "report", OUT=str(out), REPORT_URL=url)
    assert result.returncode == 0, result.stderr
    return out


def test_both_sides_are_checked_and_matched_by_stack_and_name(checked: Path):
    head = json.loads((checked / "head.json").read_text())
    base = json.loads((checked / "base.json").read_text())
    assert [s["stack_dir"] for s in base["stacks"]] == ["stacks/chat"]
    assert [s["stack_dir"] for s in head["stacks"]] == ["stacks/chat", "stacks/train"]
    assert base["today"] == head["today"]  # the head commit's date on both sides
    (before,) = base["stacks"][0]["workloads"]
    (after,) = head["stacks"][0]["workloads"]
    assert before["name"] == after["name"] and before["hardware"] != after["hardware"]


def test_one_comment_with_the_diff_on_top_and_the_findings_below(checked: Path):
    comment = (checked / "comment.md").read_text()
    lines = comment.splitlines()
    assert lines[0] == "<!-- aihw-check -->" and lines[1] == "<!-- aihw-diff -->"
    assert lines[2].startswith("### aihw diff: ")
    # chat moved from a GPU to Inferentia2 and the Trainium run was added: their power is
    # an estimate now (catalog power basis), so every figure is counted
    assert " kW" in lines[2] and "unknown" not in lines[2]
    assert "2 workloads with more lock-in" in lines[2]  # chat low -> high, train added
    head = json.loads((checked / "head.json").read_text())
    chat = head["stacks"][0]["workloads"][0]
    base = json.loads((checked / "base.json").read_text())
    before = base["stacks"][0]["workloads"][0]["hardware"]
    assert f"| `stacks/chat/{chat['name']}` | {before} → {chat['hardware']} |" in comment
    assert "`stacks/train/pretrain-13b-trn` (added)" in comment
    assert comment.index("### aihw diff") < comment.index("### :white_check_mark: aihw check")
    assert comment.count("<!-- aihw-check -->") == 1
    assert len(comment) <= 65000
    exit_code = (checked / "exit-code").read_text().strip()
    assert exit_code == str(head["exit_code"])
    full = (checked / "full.md").read_text()
    assert full.startswith("<!-- aihw-check -->") and "Cut to fit" not in full
    assert json.loads((checked / "aihw.sarif").read_text())["version"] == "2.1.0"


def test_a_small_budget_cuts_the_comment_and_links_the_full_report(checked: Path, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(checked, out)
    result = run(Path.cwd(), "report", OUT=str(out), MAX_CHARS="4000", REPORT_URL="https://x/7")
    assert result.returncode == 0, result.stderr
    comment = (out / "comment.md").read_text()
    assert len(comment) <= 4000 and "[the full report](https://x/7)" in comment


def test_posting_twice_updates_the_one_comment(checked: Path, tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text(FAKE_GH)
    gh.chmod(gh.stat().st_mode | stat.S_IEXEC)
    env = {"OUT": str(checked), "REPO": "o/r", "PR": "5", "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    for _ in range(2):
        result = run(Path.cwd(), "post", **env)
        assert result.returncode == 0, result.stderr
    state = json.loads((bin_dir / "gh-state.json").read_text())
    methods = [c[c.index("--method") + 1] for c in state["calls"] if "--method" in c]
    assert methods == ["POST", "PATCH"]
    assert len(state["comments"]) == 1
    assert state["comments"][0]["body"] == (checked / "comment.md").read_text()


def test_the_action_calls_the_script_for_each_step():
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    runs = "\n".join(s.get("run", "") for s in action["runs"]["steps"])
    for step in ("check", "report", "post"):
        assert f'"$GITHUB_ACTION_PATH/action/aihw-pr.sh" {step}' in runs
    assert "${{" not in runs  # workflow values reach the script through env only
