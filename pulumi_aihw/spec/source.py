"""YAML with line numbers: read a file once, keep where every field came from.

:func:`read_yaml` returns the plain data and a :class:`SourceMap` from field
paths to file and line, so validation errors can point at ``workload.yaml:12``.
Duplicate keys, which YAML loaders silently overwrite, are errors here.

Hostile YAML is refused before anything is built from it: aliases that refer to
themselves (a cycle), aliases that expand to more than :data:`MAX_NODES` values (an
"alias bomb"), nesting deeper than :data:`~pulumi_aihw.inputs.MAX_DEPTH`. Scalars are
checked as they are built: integers of more than
:data:`~pulumi_aihw.inputs.MAX_INT_DIGITS` digits, non-finite or subnormal floats and
values an explicit tag cannot take (``!!int 0xZZ``) are located errors; dates stay text,
so the model checks them with the field's path (``2026-02-30`` is not a date).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pulumi_aihw.errors import InputError, Problem
from pulumi_aihw.inputs import MAX_DEPTH, MAX_INT_DIGITS, checked_float
from pulumi_aihw.inputs import read_text as read_input

try:  # the C loader is ~10x faster; fall back where libyaml is missing
    _Base: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment,attr-defined,unused-ignore]
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Base = yaml.SafeLoader

MAX_NODES = 100_000
"""Values a YAML file may hold once its aliases are expanded."""
PathKey = tuple[str | int, ...]


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """The safe loader with checked scalars: a value a tag cannot take is a located
    ``ConstructorError``, never a ``ValueError`` from deep inside PyYAML."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, AttributeError, OverflowError, IndexError) as exc:
            tag = node.tag.rsplit(":", 1)[-1]
            value = str(node.value)[:40] if isinstance(node, yaml.ScalarNode) else tag
            raise yaml.constructor.ConstructorError(
                None, None, f"'{value}' is not a valid {tag}: {exc}", node.start_mark
            ) from None


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    digits = sum(c.isalnum() for c in str(node.value))
    if digits > MAX_INT_DIGITS:
        raise ValueError(f"an integer of {digits} digits is out of range")
    return int(yaml.constructor.SafeConstructor.construct_yaml_int(loader, node))


def _construct_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float:
    value = yaml.constructor.SafeConstructor.construct_yaml_float(loader, node)
    return checked_float(float(value), str(node.value))


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader.add_constructor(  # dates stay text: the model parses them, naming the field
    "tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_yaml_str
)


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
        """``relative`` against :attr:`base_dir` (``~`` expanded; ``~nosuchuser`` is kept
        as written, so it is simply not found)."""
        p = Path(relative)
        with contextlib.suppress(RuntimeError):  # no such user, or no home directory
            p = p.expanduser()
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
    """A YAML input's text (:func:`pulumi_aihw.inputs.read_text`: regular files of at
    most :data:`~pulumi_aihw.inputs.MAX_YAML_BYTES`, UTF-8)."""
    return read_input(path, what, error)


def read_yaml(
    text: str, file: str, error: type[InputError] = InputError, empty_ok: bool = False
) -> tuple[dict[str, Any], dict[PathKey, Location]]:
    """Parse one YAML mapping; return its data and the line of every field in it
    (``empty_ok``: an empty file is an empty mapping)."""
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
            if node is not None:
                _check_graph(node, file, error)
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
        except RecursionError:
            raise error(Problem(f"nested more than {MAX_DEPTH} levels deep", file=file)) from None
    finally:
        loader.dispose()
    if node is None:
        if empty_ok:
            return {}, {}
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


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_graph(root: yaml.Node, file: str, error: type[InputError]) -> None:
    """Refuse alias cycles, alias bombs and deep nesting on the composed nodes, before
    anything is built (aliases are shared nodes there: counting is cheap)."""
    size: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            size[key] = 1 + sum(size[id(c)] for c in _children(node))
            if size[key] > MAX_NODES:
                raise error(
                    Problem(
                        f"its aliases expand to more than {MAX_NODES:,} values (an alias "
                        "bomb?). To fix: write the values out, or use fewer aliases",
                        file=file,
                        line=node.start_mark.line + 1,
                    )
                )
            continue
        if key in size:
            continue
        if depth > MAX_DEPTH:
            raise error(
                Problem(
                    f"nested more than {MAX_DEPTH} levels deep",
                    file=file,
                    line=node.start_mark.line + 1,
                )
            )
        on_path.add(key)
        stack.append((node, depth, True))
        for child in _children(node):
            if id(child) in on_path:
                raise error(
                    Problem(
                        "an alias refers to a value that contains it (a cycle; anchor on line "
                        f"{child.start_mark.line + 1}). To fix: remove the alias",
                        file=file,
                        line=node.start_mark.line + 1,
                    )
                )
            if id(child) not in size:
                stack.append((child, depth + 1, False))


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
