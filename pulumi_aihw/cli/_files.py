"""Output files: checked before any work, written all together or not at all.

:func:`ensure_writable` runs first in every command that writes files (``-o``, the lock
file, a refreshed catalog), so a missing or read-only directory is a clear error before
minutes of previews or cloud calls. :func:`write_files` stages each file beside its
target (same file system), then moves them in one after the other; if a move fails, the
files already replaced are put back (from hard links kept until the end), so a command
never leaves some of its outputs new and others old.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from pulumi_aihw.errors import InputError, Problem
from pulumi_aihw.reports.escape import controls


def umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def writable(directory: Path) -> bool:
    """Whether this user may create files in ``directory``."""
    return os.access(directory, os.W_OK | os.X_OK)


def ensure_writable(paths: Iterable[Path | None]) -> None:
    """An :class:`InputError` per output path that cannot be written (its directory is
    missing, not a directory or not writable; the path is a directory)."""
    problems = []
    for path in paths:
        if path is None:
            continue
        directory = path.parent if str(path.parent) else Path(".")
        if path.is_dir():
            problems.append(Problem("is a directory, expected a file to write", file=str(path)))
        elif not directory.is_dir():
            problems.append(
                Problem(f"cannot write: directory {directory} does not exist", file=str(path))
            )
        elif not writable(directory):
            problems.append(
                Problem(f"cannot write: directory {directory} is not writable", file=str(path))
            )
    if problems:
        raise InputError(problems)


def _stage(path: Path, text: str) -> Path:
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        # mkstemp creates 0600; keep an existing file's mode, else the usual umask default.
        os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~umask())
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _keep(path: Path) -> Path | None:
    """A hard link (or copy) of an existing ``path`` to restore it from, else ``None``."""
    if not path.exists():
        return None
    backup = path.with_name(f".{path.name}.aihw-old-{os.getpid()}")
    backup.unlink(missing_ok=True)
    try:
        os.link(path, backup)
    except OSError:
        shutil.copy2(path, backup)
    return backup


def write_files(files: Mapping[Path, str]) -> None:
    """Write every file of ``files`` (path -> text), or none of them (control characters
    that came from the input are written escaped)."""
    ensure_writable(files)
    staged: list[tuple[Path, Path]] = []
    done: list[tuple[Path, Path | None]] = []
    try:
        for path, text in files.items():
            staged.append((Path(path), _stage(Path(path), controls(text))))
        for path, tmp in staged:
            backup = _keep(path)
            os.replace(tmp, path)
            done.append((path, backup))
    except OSError as exc:
        for path, backup in reversed(done):
            with contextlib.suppress(OSError):
                if backup is None:
                    path.unlink()
                else:
                    os.replace(backup, path)
        failed = next((p for p, t in staged if t.exists()), None) or next(iter(files), None)
        raise InputError(Problem(f"cannot write: {exc.strerror}", file=str(failed))) from None
    finally:
        for _, tmp in staged:
            tmp.unlink(missing_ok=True)
        for _, backup in done:
            if backup is not None:
                backup.unlink(missing_ok=True)
