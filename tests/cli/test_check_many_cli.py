"""`aihw check FOLDER...` on a repository of stacks: discovery, a failing stack among good
ones, the preview cache, shards merged into the report an unsharded run gives. The
preview engine is replaced through the command's `_run_stack` seam (in this process:
--jobs 1), so these run in seconds; tests/stacks run the real engine."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pulumi_aihw.cli import app
from pulumi_aihw.cli import check as check_cli
from pulumi_aihw.errors import Problem, StackError

from ..check.fleet import CONFIG, fleet

TEAMS = {p.stack_dir.rsplit("/", 1)[-1]: p for p in fleet(24)}  # 8 stacks of 3
FORMATS = ("json", "markdown", "junit", "sarif", "table")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """stacks/team-000..007 (Python), stacks/broken (its program fails), stacks/web
    (TypeScript), stacks/profiles (not a stack). Returns the runner's calls."""
    monkeypatch.chdir(tmp_path)
    for name in [*TEAMS, "broken"]:
        (tmp_path / "stacks" / name).mkdir(parents=True)
        (tmp_path / "stacks" / name / "Pulumi.yaml").write_text(f"name: {name}\nruntime: python\n")
        (tmp_path / "stacks" / name / "__main__.py").write_text("# program\n")
    (tmp_path / "stacks" / "web").mkdir()
    (tmp_path / "stacks" / "web" / "Pulumi.yaml").write_text("name: web\nruntime: nodejs\n")
    (tmp_path / "stacks" / "profiles").mkdir()
    (tmp_path / "cfg.json").write_text(json.dumps(CONFIG))
    calls: dict[str, list[str]] = {"previewed": []}

    def run_stack(stack_dir: str | Path, *_: object) -> object:
        path = Path(stack_dir).as_posix()
        calls["previewed"].append(path)
        name = path.rsplit("/", 1)[-1]
        if name == "broken":
            raise StackError(
                Problem(
                    "the program failed: RuntimeError: boom", file=f"{path}/__main__.py", line=1
                )
            )
        return replace(TEAMS[name], stack_dir=path)

    monkeypatch.setattr(check_cli, "_run_stack", run_stack)
    return calls


def aihw(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def check(*args: str):  # type: ignore[no-untyped-def]
    return aihw("check", "stacks", "--policy-config", "cfg.json", "--today", "2026-11-01", *args)


def test_a_failing_stack_is_reported_and_the_others_checked(repo):
    result = check("--format", "json")
    assert result.exit_code == 2, result.output  # a stack that could not be checked: never 0
    data = json.loads(result.stdout)
    assert [s["stack_dir"] for s in data["stacks"]] == [f"stacks/{t}" for t in sorted(TEAMS)]
    assert data["failed_stacks"] == [
        {
            "stack_dir": "stacks/broken",
            "kind": "broken stack",
            "problems": ["stacks/broken/__main__.py:1: the program failed: RuntimeError: boom"],
            "exit_code": 2,
        }
    ]
    assert data["findings"] and data["summary"]["mandatory_violations"] == 6  # the others
    assert data["not_checked"] == [{"stack_dir": "stacks/web", "reason": "runtime nodejs"}]
    assert data["skipped"] == [
        {"path": "stacks/profiles", "reason": "no Pulumi.yaml in it or below"}
    ]
    assert data["summary"]["failed_stacks"] == 1 and data["stacks_found"] == 10
    assert "skipped stacks/profiles: no Pulumi.yaml in it or below" in result.stderr
    assert "not checked stacks/web: runtime nodejs" in result.stderr
    assert "FAILED stacks/broken" in result.stderr
    md = check("--format", "markdown").stdout
    assert "- `stacks/broken` (broken stack): stacks/broken/__main__.py:1: the program" in md
    assert "1 stack not checked (a language aihw cannot run offline)" in md


def test_no_stack_checked_is_exit_2(repo):
    result = aihw("check", "stacks/broken")
    assert result.exit_code == 2
    assert "FAILED stack stacks/broken: broken stack" in result.stdout
    result = aihw("check", "stacks/profiles")
    assert result.exit_code == 2 and "no stack found" in result.stderr


def test_unchanged_stacks_come_from_the_cache(repo, tmp_path: Path):
    first = check("--format", "json")
    assert len(repo["previewed"]) == 9  # 8 teams and the broken one
    repo["previewed"].clear()
    second = check("--format", "json")
    assert repo["previewed"] == ["stacks/broken"]  # failures are not cached
    assert "8 of 9 stacks unchanged: 8 results and 0 previews from" in second.stderr
    assert json.loads(first.stdout) == json.loads(second.stdout)
    (tmp_path / "stacks" / "team-003" / "__main__.py").write_text("# changed\n")
    repo["previewed"].clear()
    check("--format", "json")
    assert repo["previewed"] == ["stacks/broken", "stacks/team-003"]
    repo["previewed"].clear()
    check("--no-cache")
    assert len(repo["previewed"]) == 9


@pytest.mark.parametrize("count", [2, 3])
def test_merged_shards_equal_an_unsharded_run(repo, tmp_path: Path, count: int):
    whole = {fmt: check("--format", fmt, "--no-cache").stdout for fmt in FORMATS}
    files = []
    for k in range(1, count + 1):
        out = tmp_path / f"shard-{k}.json"
        result = check("--shard", f"{k}/{count}", "--format", "json", "-o", str(out))
        assert result.exit_code in (0, 1, 2), result.output
        assert f"shard {k}/{count}: " in result.stderr
        files.append(str(out))
    checked = [s["stack_dir"] for f in files for s in json.loads(Path(f).read_text())["stacks"]]
    assert sorted(checked) == [f"stacks/{t}" for t in sorted(TEAMS)]  # each exactly once
    for fmt in FORMATS:
        merged = aihw("merge", *reversed(files), "--format", fmt)
        assert merged.exit_code == 2  # stacks/broken failed
        assert merged.stdout == whole[fmt], fmt


def test_merge_refuses_an_incomplete_or_mixed_set(repo, tmp_path: Path):
    for k in (1, 2):
        check("--shard", f"{k}/3", "--format", "json", "-o", str(tmp_path / f"s{k}.json"))
    check("--format", "json", "-o", str(tmp_path / "all.json"))
    missing = aihw("merge", str(tmp_path / "s1.json"), str(tmp_path / "s2.json"))
    assert missing.exit_code == 2 and "shards 3 of 3 are missing" in missing.stderr
    twice = aihw("merge", str(tmp_path / "s1.json"), str(tmp_path / "s1.json"))
    assert twice.exit_code == 2 and "shard 1/3 is given twice" in twice.stderr
    mixed = aihw("merge", str(tmp_path / "s1.json"), str(tmp_path / "all.json"))
    assert mixed.exit_code == 2 and "mix of sharded and unsharded" in mixed.stderr
    (tmp_path / "plan.json").write_text('{"version": 1, "stacks": []}')
    bad = aihw("merge", str(tmp_path / "plan.json"))
    assert bad.exit_code == 2 and "plan.json: findings: missing" in bad.stderr


def test_markdown_options_only_with_markdown(repo):
    assert check("--format", "json", "--max-chars", "9000").exit_code == 2
    assert check("--format", "markdown", "--max-chars", "100").exit_code == 2
    result = check("--format", "markdown", "--max-chars", "5000", "--report-url", "https://x/1")
    assert len(result.stdout) <= 5000 and "[the full report](https://x/1)" in result.stdout


def test_an_output_folder_that_does_not_exist_fails_before_any_preview(repo):
    result = check("-o", "nodir/out.md")
    assert result.exit_code == 2 and "directory nodir does not exist" in result.stderr
    assert repo["previewed"] == []
