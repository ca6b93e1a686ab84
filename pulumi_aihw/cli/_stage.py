"""Write a set of new files all or nothing: stage them beside the target directory,
let the caller check them there, then move them in.

A new directory appears whole (one rename); into an existing one each file is moved
(same file system: atomic), and a failure moves back what was already replaced.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path

from pulumi_aihw.cli._files import umask as _umask
from pulumi_aihw.errors import InputError, Problem

BACKUP_SUFFIX = ".aihw-replaced"


def _make_parents(directory: Path) -> list[Path]:
    """Create ``directory`` and its missing parents; return those created, deepest last."""
    missing = [p for p in (directory, *directory.parents) if not p.exists()]
    for path in reversed(missing):
        path.mkdir()
    return list(reversed(missing))


@contextmanager
def staged(files: Mapping[str, str], directory: Path) -> Iterator[Path]:
    """``files`` (name -> text) written into a hidden temporary directory beside
    ``directory`` (same parent: relative paths in them resolve the same). Removed on exit,
    with any parent directories made for it if the block failed."""
    if directory.exists() and not directory.is_dir():
        raise InputError(Problem("exists and is not a directory", file=str(directory)))
    try:
        created = _make_parents(directory.parent)
        stage = Path(tempfile.mkdtemp(prefix=f".{directory.name}.aihw-", dir=directory.parent))
    except OSError as exc:
        raise InputError(Problem(f"cannot create: {exc.strerror}", file=str(directory))) from None
    done = False
    try:
        for name, text in files.items():
            (stage / name).write_text(text, encoding="utf-8")
        yield stage
        done = True
    finally:
        shutil.rmtree(stage, ignore_errors=True)
        for path in [] if done else reversed(created):
            with suppress(OSError):
                path.rmdir()


def commit(stage: Path, directory: Path, names: list[str]) -> None:
    """Move the staged ``names`` into ``directory`` (replacing files of the same name)."""
    if not directory.exists():
        try:
            stage.rename(directory)
            directory.chmod(0o777 & ~_umask())
        except OSError as exc:
            raise InputError(
                Problem(f"cannot create: {exc.strerror}", file=str(directory))
            ) from None
        return
    moved: list[Path] = []
    replaced: list[tuple[Path, Path]] = []
    try:
        for name in names:
            target = directory / name
            if target.exists():
                backup = stage / f"{name}{BACKUP_SUFFIX}"
                os.replace(target, backup)
                replaced.append((backup, target))
            os.replace(stage / name, target)
            moved.append(target)
    except OSError as exc:
        for target in moved:
            target.unlink(missing_ok=True)
        for backup, target in replaced:
            os.replace(backup, target)
        raise InputError(Problem(f"cannot write: {exc.strerror}", file=str(directory))) from None
