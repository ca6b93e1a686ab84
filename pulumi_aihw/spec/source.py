"""YAML with line numbers: read a file once, keep where every field came from.

:func:`read_yaml` returns the plain data and a :class:`SourceMap` from field
paths to file and line, so validation errors can point at ``workload.yaml:12``.
Duplicate keys, which YAML loaders silently overwrite, are errors here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pulumi_aihw.errors import InputError, Problem

try:  # the C loader is ~10x faster; fall back where libyaml is missing
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment,attr-defined,unused-ignore]
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

PathKey = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Location:
    file: str
    line: int | None = None


@dataclass
class SourceMap:
    """Field path -> where it was written. Paths use spec field names and list indexes."""

    file: str | None = None
    """The main file (the team spec), as the user named it."""
    base_dir: Path = field(default_factory=Path.cwd)
    """Directory relative paths in the file are resolved against."""
    entries: dict[PathKey, Location] = field(default_factory=dict)
    profile: Any = None
    """The :class:`~pulumi_aihw.spec.profile.LoadedProfile` the spec extends, if any."""

    def locate(self, path: Iterable[str | int]) -> Location | None:
        """The location of ``path``, or of its nearest written ancestor."""
        key = tuple(path)
        while True:
            loc = self.entries.get(key)
            if loc is not None:
                return loc
            if not key:
                return Location(self.file) if self.file else None
            key = key[:-1]

    def problem(self, path: Iterable[str | int], message: str) -> Problem:
        key = tuple(path)
        loc = self.locate(key)
        return Problem(
            message,
            file=loc.file if loc else self.file,
            line=loc.line if loc else None,
            path=format_path(key) or None,
        )

    def resolve(self, relative: str) -> Path:
        p = Path(relative).expanduser()
        return p if p.is_absolute() else self.base_dir / p


def format_path(path: Iterable[str | int]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def read_text(path: str | Path, what: str, error: type[InputError] = InputError) -> str:
    p = Path(path)
    try:
        return p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(Problem(f"{what} not found", file=str(path))) from None
    except IsADirectoryError:
        raise error(
            Problem(f"{what} is a directory, expected a YAML file", file=str(path))
        ) from None
    except UnicodeDecodeError:
        raise error(Problem(f"{what} is not UTF-8 text", file=str(path))) from None
    except OSError as exc:
        raise error(Problem(f"cannot read {what}: {exc.strerror}", file=str(path))) from None


def read_yaml(
    text: str, file: str, error: type[InputError] = InputError
) -> tuple[dict[str, Any], dict[PathKey, Location]]:
    """Parse one YAML mapping; return its data and the line of every field in it."""
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            what = " ".join(p for p in (exc.context, exc.problem) if p)
            raise error(
                Problem(
                    f"malformed YAML: {what}",
                    file=file,
                    line=mark.line + 1 if mark else None,
                )
            ) from None
        except yaml.YAMLError as exc:
            raise error(Problem(f"malformed YAML: {exc}", file=file)) from None
    finally:
        loader.dispose()
    if node is None:
        raise error(Problem("the file is empty; expected a YAML mapping of fields", file=file))
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise error(
            Problem(
                f"expected a YAML mapping of fields at the top level, got {_kind(data)}",
                file=file,
                line=node.start_mark.line + 1,
            )
        )
    lines: dict[PathKey, Location] = {}
    problems: list[Problem] = []
    _walk(node, (), file, lines, problems)
    if problems:
        raise error(problems)
    return data, lines


def _walk(
    node: yaml.Node,
    path: PathKey,
    file: str,
    lines: dict[PathKey, Location],
    problems: list[Problem],
) -> None:
    lines[path] = Location(file, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(
                    Problem(
                        f"duplicate key '{key}' (first written on line {seen[key]}); "
                        "YAML would silently keep only the last one",
                        file=file,
                        line=line,
                        path=format_path((*path, key)),
                    )
                )
                continue
            seen[key] = line
            child: PathKey = (*path, key)
            _walk(value_node, child, file, lines, problems)
            lines[child] = Location(file, line)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*path, i), file, lines, problems)


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "nothing"
    return f"a {type(value).__name__}"
