"""The subset of Pulumi YAML that aihw runs offline, and the check that a program keeps to
it (pure: reads YAML, imports no Pulumi).

Supported: ``config`` (typed, with defaults; values from ``Pulumi.<stack>.yaml``),
``variables``, ``resources`` (``type``, ``properties``, ``options.parent``,
``options.dependsOn``, ``options.protect``; other options are ignored), ``outputs``;
``${...}`` interpolation of config, variables, resources and their properties
(``${gpu.instanceType}``, ``${res.tags["team"]}``, ``${list[0]}``) and
``${pulumi.cwd}``, ``${pulumi.project}``, ``${pulumi.stack}``, ``${pulumi.organization}``;
the built-ins in :data:`FUNCTIONS`. The program is read from ``Pulumi.yaml`` and, if
present, ``Main.yaml`` beside it (or in the folder ``main:`` names).

Anything else (``get:`` resources, ``fn::stackReference``, assets and archives, other
built-ins) makes the stack "not checked: runtime yaml (...)", never a failure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

FUNCTIONS = (
    "fn::invoke",
    "fn::join",
    "fn::split",
    "fn::select",
    "fn::toJSON",
    "fn::toBase64",
    "fn::fromBase64",
    "fn::secret",
    "fn::readFile",
)
"""The ``fn::`` built-ins the offline run evaluates."""
OPTIONS = ("parent", "dependsOn", "protect")
"""Resource options that change what is registered (others are ignored offline)."""
SECTIONS = ("config", "configuration", "variables", "resources", "outputs")
PULUMI_NAMES = ("cwd", "project", "stack", "organization", "rootDirectory")
_REFERENCE = re.compile(r"\$\{([^}]*)\}")
_ROOT = re.compile(r"^\s*([A-Za-z_][\w:-]*)")


@dataclass(frozen=True)
class YamlDocument:
    """A Pulumi YAML program's sections (from ``Pulumi.yaml`` and ``Main.yaml``)."""

    directory: Path
    files: tuple[Path, ...]
    config: Mapping[str, Any] = field(default_factory=dict)
    variables: Mapping[str, Any] = field(default_factory=dict)
    resources: Mapping[str, Any] = field(default_factory=dict)
    outputs: Mapping[str, Any] = field(default_factory=dict)


def _mapping(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, Mapping) else {}


def read_document(directory: Path) -> YamlDocument:
    """The program in ``directory`` (``yaml.YAMLError``/``OSError`` for unreadable files)."""
    project = directory / "Pulumi.yaml"
    data = _mapping(yaml.safe_load(project.read_text(encoding="utf-8")))
    files = [project]
    main = directory / str(data.get("main") or ".") / "Main.yaml"
    if main.is_file():
        extra = _mapping(yaml.safe_load(main.read_text(encoding="utf-8")))
        for key in SECTIONS:
            data[key] = {**_mapping(data.get(key)), **_mapping(extra.get(key))}
        files.append(main)
    return YamlDocument(
        directory,
        tuple(files),
        {**_mapping(data.get("configuration")), **_mapping(data.get("config"))},
        _mapping(data.get("variables")),
        _mapping(data.get("resources")),
        _mapping(data.get("outputs")),
    )


def functions(value: Any) -> Iterator[str]:
    """Every ``fn::`` name used in ``value``."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            if isinstance(key, str) and key.startswith("fn::"):
                yield key
            yield from functions(item)
    elif isinstance(value, list):
        for item in value:
            yield from functions(item)


def references(value: Any) -> Iterator[str]:
    """The root name of every ``${...}`` reference in ``value``."""
    if isinstance(value, str):
        for inner in _REFERENCE.findall(value.replace("$${", "")):
            match = _ROOT.match(inner)
            if match:
                yield match.group(1)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from references(item)
    elif isinstance(value, list):
        for item in value:
            yield from references(item)


def unsupported(doc: YamlDocument) -> list[str]:
    """What the program uses that the offline run does not support (empty: runnable)."""
    out: list[str] = []
    for name, res in doc.resources.items():
        if not isinstance(res, Mapping) or not isinstance(res.get("type"), str):
            continue  # malformed: the run reports it, located
        if "get" in res:
            out.append(f"resource {name} reads an existing resource (get:)")
    body = [doc.variables, doc.resources, doc.outputs]
    for fn in sorted(set(functions(body)) - set(FUNCTIONS)):
        out.append(f"{fn} is not supported offline")
    return out


def support(directory: Path) -> str | None:
    """``None`` when aihw can run the YAML program in ``directory``, else why not (a
    program that cannot be read is left to the run, which reports it located)."""
    try:
        problems = unsupported(read_document(directory))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return "; ".join(problems) or None
