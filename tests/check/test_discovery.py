"""Stack discovery: every folder with a Pulumi.yaml at or below the folders given is a
stack; the tops of stack-free subtrees are skipped and listed; --exclude drops subtrees."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pulumi_aihw.check.discovery import NO_STACK, discover
from pulumi_aihw.errors import StackError


def stack(path: Path, runtime: str = "python") -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "Pulumi.yaml").write_text(f"name: {path.name}\nruntime: {runtime}\n")
    return path


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository: nested stacks, a stack inside a stack, non-stacks at several depths,
    a TypeScript stack, and folders never searched (hidden, node_modules, venv)."""
    monkeypatch.chdir(tmp_path)
    stack(tmp_path / "stacks" / "chat")
    stack(tmp_path / "stacks" / "chat" / "canary")
    stack(tmp_path / "stacks" / "teams" / "search" / "prod")
    (tmp_path / "stacks" / "teams" / "search" / "docs").mkdir(parents=True)
    stack(tmp_path / "stacks" / "web", runtime="nodejs")
    stack(tmp_path / "stacks" / "yamlstack", runtime="yaml")
    (tmp_path / "stacks" / "yamlstack" / "Pulumi.yaml").write_text(
        "name: y\nruntime:\n  name: yaml\n"
    )
    (tmp_path / "stacks" / "profiles").mkdir()
    (tmp_path / "stacks" / "profiles" / "platform.yaml").write_text("name: p\n")
    (tmp_path / "stacks" / "legacy" / "old").mkdir(parents=True)
    stack(tmp_path / "stacks" / "legacy" / "old" / "app")
    stack(tmp_path / "stacks" / ".git" / "hooks")
    stack(tmp_path / "stacks" / "node_modules" / "pkg")
    stack(tmp_path / "stacks" / "chat" / "venv" / "lib")
    (tmp_path / "stacks" / "broken").mkdir()
    (tmp_path / "stacks" / "broken" / "Pulumi.yaml").write_text("name: [\n")
    return tmp_path


def test_nested_stacks_are_found_and_non_stacks_listed_once_at_their_top(repo: Path):
    found = discover(["stacks"])
    assert [s.path for s in found.stacks] == [
        "stacks/broken",
        "stacks/chat",
        "stacks/chat/canary",
        "stacks/legacy/old/app",
        "stacks/teams/search/prod",
        "stacks/web",
        "stacks/yamlstack",
    ]
    assert {s.path: s.runtime for s in found.stacks} == {
        "stacks/broken": None,  # unreadable: the preview says why
        "stacks/chat": "python",
        "stacks/chat/canary": "python",
        "stacks/legacy/old/app": "python",
        "stacks/teams/search/prod": "python",
        "stacks/web": "nodejs",
        "stacks/yamlstack": "yaml",
    }
    # the tops of stack-free subtrees; never .git, node_modules or venv
    assert [(s.path, s.reason) for s in found.skipped] == [
        ("stacks/profiles", NO_STACK),
        ("stacks/teams/search/docs", NO_STACK),
    ]


def test_a_folder_given_without_any_stack_is_skipped_and_listed(repo: Path):
    found = discover(["stacks/profiles", "stacks/chat"])
    assert [s.path for s in found.stacks] == ["stacks/chat", "stacks/chat/canary"]
    assert [s.path for s in found.skipped] == ["stacks/profiles"]


def test_exclude_drops_a_subtree_by_path_or_name_and_lists_it(repo: Path):
    found = discover(["stacks"], exclude=["stacks/legacy*", "canary", "teams/search/"])
    assert [s.path for s in found.stacks] == [
        "stacks/broken",
        "stacks/chat",
        "stacks/web",
        "stacks/yamlstack",
    ]
    reasons = {s.path: s.reason for s in found.skipped}
    assert reasons["stacks/legacy"] == "excluded by --exclude stacks/legacy*"
    assert reasons["stacks/chat/canary"] == "excluded by --exclude canary"
    assert reasons["stacks/teams/search"] == "excluded by --exclude teams/search/"


def test_paths_are_normalized_and_each_stack_found_once(repo: Path):
    found = discover(["./stacks/chat/", "stacks/chat/canary", "stacks/chat"])
    assert [s.path for s in found.stacks] == ["stacks/chat", "stacks/chat/canary"]
    os.chdir(repo / "stacks")
    assert [s.path for s in discover(["."]).stacks][:2] == ["broken", "chat"]


def test_missing_or_file_roots_are_one_error_each_before_anything_runs(repo: Path):
    with pytest.raises(StackError) as exc:
        discover(["stacks/nope", "stacks/profiles/platform.yaml", "stacks/chat"])
    messages = [str(p) for p in exc.value.problems]
    assert messages[0].startswith("stacks/nope: stack directory not found")
    assert messages[1].startswith("stacks/profiles/platform.yaml: not a directory")
    assert len(messages) == 2


def test_symlinked_folders_are_not_followed(repo: Path):
    (repo / "stacks" / "chat" / "loop").symlink_to(repo / "stacks", target_is_directory=True)
    found = discover(["stacks"])
    assert not any("loop" in s.path for s in found.stacks)
