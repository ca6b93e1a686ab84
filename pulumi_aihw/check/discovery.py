"""Which folders are stacks: every folder with a ``Pulumi.yaml``, at or below the folders
given (``aihw check DIR...``, ``aihw preview DIR...``).

A folder given that holds no stack, and every folder below one that holds none while a
sibling does (the tops of the stack-free subtrees), is skipped and listed, so a reviewer
sees what was not checked without a line per folder of the repository. Hidden folders,
virtual environments, ``node_modules`` and ``__pycache__`` are not searched (nor listed).
Symbolic links to folders are not followed. ``--exclude GLOB`` drops a folder and
everything below it, listed as excluded.

Reads folder listings and each ``Pulumi.yaml``'s ``runtime`` (nothing else).
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pulumi_aihw.check.models import Skipped
from pulumi_aihw.errors import Problem, StackError

PROJECT_FILE = "Pulumi.yaml"
NOT_SEARCHED = frozenset({"node_modules", "venv", "__pycache__", "site-packages"})
"""Folder names never searched (besides hidden ones: ``.git``, ``.venv``, ...)."""
MAX_DEPTH = 64
NO_STACK = "no Pulumi.yaml in it or below"


@dataclass(frozen=True)
class FoundStack:
    path: str
    """As shown in reports: the folder given, joined with the path below it, normalized
    (``stacks/aws-gpu-inference``)."""
    runtime: str | None
    """``Pulumi.yaml``'s ``runtime`` (``python``, ``yaml``, ``nodejs``, ...); ``None`` if
    the file cannot be read (the preview reports why)."""


@dataclass(frozen=True)
class Discovery:
    stacks: tuple[FoundStack, ...]
    """Sorted by path, each once."""
    skipped: tuple[Skipped, ...] = field(default_factory=tuple)


def shown_path(path: str) -> str:
    return Path(os.path.normpath(path)).as_posix()


def runtime_of(project_file: Path) -> str | None:
    try:
        data = yaml.safe_load(project_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    runtime = data.get("runtime") if isinstance(data, dict) else None
    if isinstance(runtime, dict):
        runtime = runtime.get("name")
    return runtime if isinstance(runtime, str) else None


def _excluded(shown: str, below: str, patterns: Sequence[str]) -> str | None:
    name = shown.rsplit("/", 1)[-1]
    for pattern in patterns:
        p = pattern.rstrip("/")
        if any(fnmatch.fnmatchcase(c, p) for c in (shown, below, name) if c):
            return pattern
    return None


class _Walk:
    def __init__(self, exclude: Sequence[str]) -> None:
        self.exclude = exclude
        self.stacks: dict[str, FoundStack] = {}
        self.skipped: dict[str, Skipped] = {}

    def folder(self, directory: Path, shown: str, below: str, depth: int) -> bool:
        """Record the stacks at and below ``directory``; True if there is one."""
        project = directory / PROJECT_FILE
        found = project.is_file()
        if found:
            self.stacks[shown] = FoundStack(shown, runtime_of(project))
        if depth >= MAX_DEPTH:
            return found
        empty: list[str] = []
        for child in _subfolders(directory):
            child_shown = shown_path(f"{shown}/{child}")
            child_below = f"{below}/{child}" if below else child
            pattern = _excluded(child_shown, child_below, self.exclude)
            if pattern is not None:
                self.skipped[child_shown] = Skipped(child_shown, f"excluded by --exclude {pattern}")
            elif self.folder(directory / child, child_shown, child_below, depth + 1):
                found = True
            else:
                empty.append(child_shown)
        if found:
            for path in empty:
                self.skipped.setdefault(path, Skipped(path, NO_STACK))
        return found


def _subfolders(directory: Path) -> list[str]:
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return []
    return sorted(
        e.name
        for e in entries
        if e.is_dir(follow_symlinks=False)
        and not e.name.startswith(".")
        and e.name not in NOT_SEARCHED
    )


def discover(roots: Sequence[str | os.PathLike[str]], exclude: Sequence[str] = ()) -> Discovery:
    """The stacks at or below ``roots``. :class:`StackError` (exit 2, before any preview)
    naming every root that does not exist or is not a folder."""
    problems = []
    for root in roots:
        path = Path(root)
        if not path.exists():
            problems.append(
                Problem(
                    "stack directory not found. To fix: pass the folder with Pulumi.yaml, "
                    "or a folder above stacks",
                    file=str(root),
                )
            )
        elif not path.is_dir():
            problems.append(
                Problem("not a directory. To fix: pass the folder with Pulumi.yaml", file=str(root))
            )
    if problems:
        raise StackError(problems)
    walk = _Walk(exclude)
    for root in roots:
        shown = shown_path(str(root))
        pattern = _excluded(shown, "", exclude)
        if pattern is not None:
            walk.skipped[shown] = Skipped(shown, f"excluded by --exclude {pattern}")
        elif not walk.folder(Path(root), shown, "", 0):
            walk.skipped[shown] = Skipped(shown, NO_STACK)
    stacks = tuple(walk.stacks[k] for k in sorted(walk.stacks))
    skipped = tuple(walk.skipped[k] for k in sorted(walk.skipped) if k not in walk.stacks)
    return Discovery(stacks, skipped)
