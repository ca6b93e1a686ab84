"""Writing a set of new files all or nothing (what `aihw init` writes with)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pulumi_aihw.cli import _stage
from pulumi_aihw.cli._stage import commit, staged
from pulumi_aihw.errors import InputError

FILES = {"a.txt": "new a\n", "b.txt": "new b\n", "c.txt": "new c\n"}


def test_a_new_directory_appears_whole(tmp_path: Path) -> None:
    target = tmp_path / "x" / "y" / "stack"
    with staged(FILES, target) as stage:
        assert stage.parent == target.parent and not target.exists()
        assert (stage / "a.txt").read_text() == "new a\n"
        commit(stage, target, list(FILES))
    assert sorted(p.name for p in target.iterdir()) == sorted(FILES)
    assert os.listdir(target.parent) == ["stack"]  # no staging directory left
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o777 & ~mask


def test_a_failed_check_leaves_nothing_not_even_new_parents(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), staged(FILES, tmp_path / "x" / "y" / "stack"):
        raise RuntimeError("the stack did not plan")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_move_restores_the_directory(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "stack"
    target.mkdir()
    (target / "a.txt").write_text("old a\n")
    (target / "keep.md").write_text("ours\n")
    real = os.replace

    def replace(src, dst):
        if Path(dst).name == "c.txt":
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(_stage.os, "replace", replace)
    with pytest.raises(InputError, match="No space left on device"), staged(FILES, target) as s:
        commit(s, target, list(FILES))
    assert sorted(p.name for p in target.iterdir()) == ["a.txt", "keep.md"]
    assert (target / "a.txt").read_text() == "old a\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["stack"]


def test_a_file_where_the_directory_should_be(tmp_path: Path) -> None:
    (tmp_path / "stack").write_text("")
    with (
        pytest.raises(InputError, match="exists and is not a directory"),
        staged(FILES, tmp_path / "stack"),
    ):
        pass
