"""The preview cache: a hit for an unchanged stack, a miss after a change to any input
(program, config, spec, profile, inventory, lock file, catalog, aihw version, stack name),
the same entry for a copy elsewhere, and entries that survive parallel writers."""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

import pulumi_aihw
from pulumi_aihw.catalog.load import packaged_catalog_path
from pulumi_aihw.check.cache import PreviewCache, default_directory, stack_inputs, stack_key

from .sample import inferentia_stack


@pytest.fixture
def stack(tmp_path: Path) -> Path:
    """A stack whose spec extends a profile outside its folder (which extends another) and
    names an inventory outside it, with its lock file beside the spec."""
    root = tmp_path / "repo"
    (root / "profiles").mkdir(parents=True)
    (root / "profiles" / "base.yaml").write_text("name: base\n")
    (root / "profiles" / "platform.yaml").write_text("name: platform\nextends: base.yaml\n")
    (root / "inventories").mkdir()
    (root / "inventories" / "fra1.yaml").write_text("servers: []\n")
    s = root / "stacks" / "chat"
    s.mkdir(parents=True)
    (s / "Pulumi.yaml").write_text("name: chat\nruntime: python\n")
    (s / "Pulumi.dev.yaml").write_text("config:\n  chat:region: us-east-1\n")
    (s / "__main__.py").write_text('from pulumi_aihw import Workload\nWorkload("chat", {})\n')
    (s / "workload.yaml").write_text(
        "name: chat\nextends: ../../profiles/platform.yaml\n"
        "inventory: ../../inventories/fra1.yaml\n"
    )
    (s / "aihw.lock.json").write_text('{"offering": "inf2.xlarge"}\n')
    (s / "__pycache__").mkdir()
    (s / "__pycache__" / "x.pyc").write_bytes(b"\0")
    return s


def _append(path: Path) -> Callable[[], None]:
    return lambda: path.write_text(path.read_text() + "\n# changed\n")


CHANGES = {
    "program": lambda s: _append(s / "__main__.py"),
    "config": lambda s: _append(s / "Pulumi.dev.yaml"),
    "project": lambda s: _append(s / "Pulumi.yaml"),
    "spec": lambda s: _append(s / "workload.yaml"),
    "lock file": lambda s: _append(s / "aihw.lock.json"),
    "profile": lambda s: _append(s.parents[1] / "profiles" / "platform.yaml"),
    "profile it extends": lambda s: _append(s.parents[1] / "profiles" / "base.yaml"),
    "inventory": lambda s: _append(s.parents[1] / "inventories" / "fra1.yaml"),
    "new file": lambda s: lambda: (s / "helpers.py").write_text("X = 1\n"),
}


@pytest.mark.parametrize("what", sorted(CHANGES))
def test_each_input_invalidates_the_key(stack: Path, what: str):
    before = stack_key(stack)
    assert stack_key(stack) == before  # unchanged: a hit
    CHANGES[what](stack)()
    assert stack_key(stack) != before, what


def test_the_key_names_what_it_is_made_of(stack: Path):
    inputs = stack_inputs(stack)
    assert sorted(inputs["files"]) == [
        "Pulumi.dev.yaml",
        "Pulumi.yaml",
        "__main__.py",
        "aihw.lock.json",
        "workload.yaml",
    ]  # __pycache__ left out
    assert sorted(inputs["referenced"]) == [
        "../../inventories/fra1.yaml",
        "../../profiles/base.yaml",
        "../../profiles/platform.yaml",
    ]
    assert set(inputs["versions"]) >= {"aihw", "python", "pulumi", "pulumi_aws"}
    assert "packaged" in inputs["catalog"]


def test_the_catalog_snapshot_invalidates_the_key(
    stack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    before = stack_key(stack)
    other = tmp_path / "catalog.json"
    shutil.copy(packaged_catalog_path(), other)
    monkeypatch.setenv("AIHW_CATALOG", str(other))
    with_env = stack_key(stack)
    assert with_env != before
    data = json.loads(other.read_text())
    data["as_of"] = "2099-01-01"
    other.write_text(json.dumps(data))
    assert stack_key(stack) != with_env


def test_the_aihw_version_stack_name_and_passed_environment_invalidate_the_key(
    stack: Path, monkeypatch: pytest.MonkeyPatch
):
    before = stack_key(stack)
    assert stack_key(stack, "prod") != before
    monkeypatch.setenv("TEAM_TOKEN", "a")
    passed = stack_key(stack, env=["TEAM_TOKEN"])
    assert passed != before and stack_key(stack) == before  # only what is passed counts
    monkeypatch.setenv("TEAM_TOKEN", "b")
    assert stack_key(stack, env=["TEAM_TOKEN"]) != passed
    monkeypatch.setattr(pulumi_aihw, "__version__", "9.9.9")
    assert stack_key(stack) != before


def test_a_copy_elsewhere_has_the_same_key(stack: Path, tmp_path: Path):
    copy = tmp_path / "worktree"
    shutil.copytree(stack.parents[1], copy)
    assert stack_key(copy / "stacks" / "chat") == stack_key(stack)


def test_entries_round_trip_with_unknowns_and_a_bad_entry_is_a_miss(tmp_path: Path):
    cache = PreviewCache(tmp_path / "c")
    preview = inferentia_stack()
    assert cache.get("k", preview.stack_dir) is None
    assert cache.put("k", preview)
    assert cache.get("k", preview.stack_dir) == preview  # UNKNOWN comes back as UNKNOWN
    moved = cache.get("k", "elsewhere/chat")
    assert moved is not None and moved.stack_dir == "elsewhere/chat"
    (tmp_path / "c" / "k.json").write_text('{"format": 1, "preview": {"resources": [')
    assert cache.get("k", preview.stack_dir) is None
    assert [p.name for p in (tmp_path / "c").iterdir()] == ["k.json"]  # no temporary files


def test_an_unwritable_cache_is_a_miss_not_an_error(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    cache = PreviewCache(blocker / "c")
    assert not cache.put("k", inferentia_stack())
    assert cache.get("k", "x") is None


def test_parallel_writers_never_leave_a_torn_entry(tmp_path: Path):
    cache = PreviewCache(tmp_path / "c")
    preview = inferentia_stack()
    seen: list[object] = []

    def write() -> None:
        for _ in range(20):
            cache.put("same", preview)

    def read() -> None:
        for _ in range(200):
            seen.append(cache.get("same", preview.stack_dir))

    threads = [threading.Thread(target=f) for f in (write, write, write, read)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(s is None or s == preview for s in seen)
    assert cache.get("same", preview.stack_dir) == preview
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == ["same.json"]


def test_default_directory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("AIHW_CACHE_DIR", str(tmp_path / "x"))
    assert default_directory() == tmp_path / "x"
    monkeypatch.delenv("AIHW_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_directory() == tmp_path / "xdg" / "aihw" / "previews"


def test_a_check_result_is_kept_per_config_date_catalog_and_folder(tmp_path: Path):
    import datetime as dt

    from pulumi_aihw.check.result_cache import ResultCache, result_key
    from pulumi_aihw.crossguard import check_previews

    from ..conftest import TODAY

    day, cfg = dt.date(2026, 11, 1), {"aihw-power-unknown": "mandatory"}
    key = result_key("p", "stacks/a", cfg, day, None)
    assert result_key("p", "stacks/a", cfg, day, None) == key
    catalog = tmp_path / "catalog.json"
    shutil.copy(packaged_catalog_path(), catalog)
    for other in (
        result_key("q", "stacks/a", cfg, day, None),  # another preview
        result_key("p", "stacks/b", cfg, day, None),  # findings point at another folder
        result_key("p", "stacks/a", {}, day, None),  # another --policy-config
        result_key("p", "stacks/a", cfg, dt.date(2026, 11, 2), None),  # another day
    ):
        assert other != key
    same_bytes = result_key("p", "stacks/a", cfg, day, catalog)
    assert same_bytes == key  # the catalog is identified by its content
    catalog.write_text(catalog.read_text().replace("2026", "2027", 1))
    assert result_key("p", "stacks/a", cfg, day, catalog) != key
    stack = check_previews([inferentia_stack()], cfg, today=TODAY).stacks[0]
    cache = ResultCache(tmp_path / "c")
    assert cache.put(key, stack) and cache.get(key, stack.stack_dir) == stack
    assert cache.get(key, "stacks/elsewhere") is None
