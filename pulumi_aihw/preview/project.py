"""A stack directory as Pulumi sees it: ``Pulumi.yaml`` and ``Pulumi.<stack>.yaml``.

Pure (YAML only). Config keys without a namespace get the project's name, as the
Pulumi CLI does (``spec`` -> ``myproject:spec``); values are strings, structured
values JSON-encoded, as the CLI passes them to a program. Encrypted values
(``secure:``) cannot be read offline: they become :data:`SECRET_PLACEHOLDER`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pulumi_aihw.errors import Problem, StackError
from pulumi_aihw.spec.source import read_text, read_yaml

PROJECT_FILE = "Pulumi.yaml"
RUNTIMES = ("python", "yaml")
YAML_PROGRAM = Path(__file__).with_name("yaml_main.py")
"""What a ``runtime: yaml`` stack runs: the Pulumi YAML interpreter (:mod:`.yaml_program`)."""
SECRET_PLACEHOLDER = "[secret]"
"""What a program reads for an encrypted config value during an offline preview."""


@dataclass(frozen=True)
class StackProject:
    directory: Path
    name: str
    runtime: str
    program: Path
    """The Python file the engine runs (``main``, or ``__main__.py`` of the directory;
    for a Pulumi YAML program, :data:`YAML_PROGRAM`)."""
    stack: str
    config: dict[str, str] = field(default_factory=dict)
    """Namespaced keys (``aws:region``, ``<project>:spec``) -> CLI-style string values."""
    secret_keys: tuple[str, ...] = ()


def read_project(stack_dir: str | Path, stack: str | None = None) -> StackProject:
    """Read the project and one stack's config; :class:`StackError` for anything missing."""
    directory = Path(stack_dir)
    project_file = directory / PROJECT_FILE
    if not directory.is_dir():
        raise StackError(Problem("stack directory not found", file=str(directory)))
    data = _yaml_mapping(project_file, "the Pulumi project file")
    name = data.get("name")
    if not isinstance(name, str) or not name:
        raise StackError(Problem("'name' is missing", file=str(project_file)))
    runtime = data.get("runtime")
    runtime_name = runtime.get("name") if isinstance(runtime, dict) else runtime
    if runtime_name not in RUNTIMES:
        raise StackError(
            Problem(
                f"runtime '{runtime_name}' is not supported: aihw preview runs Python and "
                "Pulumi YAML programs",
                file=str(project_file),
            )
        )
    if runtime_name == "yaml":
        program = YAML_PROGRAM
    else:
        program = _program(directory, data.get("main"), project_file)
    chosen = stack or _default_stack(directory)
    config, secrets = _defaults(data.get("config"), name)
    stack_file = directory / f"Pulumi.{chosen}.yaml"
    if stack_file.is_file():
        stack_data = _yaml_mapping(stack_file, "the stack config file", empty_ok=True)
        values, more = _config(stack_data.get("config") or {}, name, stack_file)
        config.update(values)
        secrets |= more
    elif stack is not None:
        known = ", ".join(sorted(_stack_names(directory))) or "none"
        raise StackError(
            Problem(f"stack '{stack}' has no config file (stacks: {known})", file=str(stack_file))
        )
    return StackProject(
        directory, name, str(runtime_name), program, chosen, config, tuple(sorted(secrets))
    )


def _yaml_mapping(path: Path, what: str, empty_ok: bool = False) -> dict[str, Any]:
    """The file's YAML mapping, read with the same limits as every input
    (:func:`pulumi_aihw.spec.source.read_yaml`)."""
    if not path.exists():
        raise StackError(Problem(f"{what} is missing", file=str(path)))
    text = read_text(path, what, StackError)
    data, _ = read_yaml(text, str(path), StackError, empty_ok=empty_ok)
    return data


def _program(directory: Path, main: object, project_file: Path) -> Path:
    target = directory / main if isinstance(main, str) and main else directory
    program = target / "__main__.py" if target.is_dir() else target
    if not program.is_file():
        raise StackError(Problem(f"the program {program} does not exist", file=str(project_file)))
    return program


def _stack_names(directory: Path) -> list[str]:
    return sorted(p.name[len("Pulumi.") : -len(".yaml")] for p in directory.glob("Pulumi.*.yaml"))


def _default_stack(directory: Path) -> str:
    names = _stack_names(directory)
    return names[0] if len(names) == 1 else "dev"


def _key(key: str, project: str) -> str:
    return key if ":" in key else f"{project}:{key}"


def _value(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value)


def _config(raw: Any, project: str, file: Path) -> tuple[dict[str, str], set[str]]:
    if not isinstance(raw, dict):
        raise StackError(Problem("'config' must be a mapping of keys to values", file=str(file)))
    values: dict[str, str] = {}
    secrets: set[str] = set()
    for key, value in raw.items():
        full = _key(str(key), project)
        if isinstance(value, dict) and set(value) == {"secure"}:
            values[full] = SECRET_PLACEHOLDER
            secrets.add(full)
        else:
            values[full] = _value(value)
    return values, secrets


def _defaults(raw: Any, project: str) -> tuple[dict[str, str], set[str]]:
    """Project-level config: ``key: value`` or ``key: {type, default, secret, ...}``."""
    values: dict[str, str] = {}
    secrets: set[str] = set()
    if not isinstance(raw, dict):
        return values, secrets
    for key, spec in raw.items():
        full = _key(str(key), project)
        if isinstance(spec, dict) and ("default" in spec or "value" in spec):
            values[full] = _value(spec.get("value", spec.get("default")))
            if spec.get("secret"):
                secrets.add(full)
        elif not isinstance(spec, dict):
            values[full] = _value(spec)
    return values, secrets
