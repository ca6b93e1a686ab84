"""Load a workload spec from YAML (or a dict), apply its profile, validate it.

All failures raise :class:`~pulumi_aihw.errors.SpecError` with one located
problem per mistake; nothing here prints or exits.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pulumi_aihw.errors import Problem, SpecError
from pulumi_aihw.inputs import is_file
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.spec.overrides import SpecOverrides, apply_overrides
from pulumi_aihw.spec.problems import problems_from_validation
from pulumi_aihw.spec.profile import (
    LoadedProfile,
    ProfileDefaults,
    enforce_profile,
    load_profile,
    merge_profile,
)
from pulumi_aihw.spec.source import Location, SourceMap, read_text, read_yaml


def load_spec(path: str | os.PathLike[str], overrides: SpecOverrides | None = None) -> WorkloadSpec:
    """Read a workload spec file (YAML), apply ``overrides`` (stack config, see
    :mod:`pulumi_aihw.spec.overrides`) and ``extends:``, and validate everything."""
    file = str(path)
    text = read_text(Path(path), "workload spec", SpecError)
    data, lines = read_yaml(text, file, SpecError)
    smap = SourceMap(file=file, base_dir=Path(path).resolve().parent, entries=lines)
    return _build(data, smap, overrides)


def spec_from_dict(
    data: dict[str, Any],
    *,
    base_dir: str | os.PathLike[str] | None = None,
    name: str = "<spec>",
    overrides: SpecOverrides | None = None,
) -> WorkloadSpec:
    """Validate a spec given as plain data (e.g. from a Pulumi program), with the same rules."""
    if not isinstance(data, dict):
        raise SpecError(
            Problem(f"expected a mapping of fields, got {type(data).__name__}", file=name)
        )
    smap = SourceMap(
        file=name, base_dir=Path(base_dir) if base_dir else Path.cwd(), entries={(): Location(name)}
    )
    return _build(dict(data), smap, overrides)


def _build(
    data: dict[str, Any], smap: SourceMap, overrides: SpecOverrides | None = None
) -> WorkloadSpec:
    """Validate ``data``; every independent problem is reported in one :class:`SpecError`
    (a bad ``extends:`` or inventory path does not hide the spec's own mistakes)."""
    if overrides is not None:
        data = apply_overrides(data, smap, overrides)
    problems: list[Problem] = []
    error: type[SpecError] = SpecError
    loaded = None
    if data.get("extends") is not None:
        try:
            loaded = _profile(data["extends"], smap)
            data = merge_profile(data, smap, loaded)
        except SpecError as exc:
            problems += exc.problems
            error = type(exc)  # ProfileError when the profile itself is invalid
    try:
        spec = WorkloadSpec.model_validate(data)
    except ValidationError as exc:
        found = problems_from_validation(exc, WorkloadSpec, smap)
        if problems:  # without its profile, fields the profile supplies look missing
            found = [p for p in found if not _profile_could_supply(p)]
        raise error([*problems, *found]) from None
    if loaded is not None:
        try:
            enforce_profile(spec, smap, loaded)
        except SpecError as exc:
            problems += exc.problems
        smap.profile = loaded
    problems += _path_problems(spec, smap)
    if problems:
        raise error(problems)
    spec._source = smap
    return spec


def _profile(extends: object, smap: SourceMap) -> LoadedProfile:
    if not isinstance(extends, str) or not extends.strip():
        raise SpecError(smap.problem(("extends",), "expected the path of a profile YAML file"))
    profile_path = smap.resolve(extends)
    if not is_file(profile_path):
        raise SpecError(
            smap.problem(
                ("extends",),
                f"platform profile '{extends[:200]}' not found (looked for "
                f"{str(profile_path)[:300]})",
            )
        )
    display = os.path.relpath(profile_path) if not Path(extends).is_absolute() else extends
    return load_profile(profile_path, display=display)


def _profile_could_supply(problem: Problem) -> bool:
    head = (problem.path or "").split(".")[0].split("[")[0]
    return problem.message == "required field is missing" and head in ProfileDefaults.model_fields


def _path_problems(spec: WorkloadSpec, smap: SourceMap) -> list[Problem]:
    if spec.baremetal is None or spec.baremetal.inventory is None:
        return []
    target = smap.resolve(spec.baremetal.inventory)
    if is_file(target):
        return []
    return [
        smap.problem(
            ("baremetal", "inventory"),
            f"inventory file '{spec.baremetal.inventory}' not found (looked for {target})",
        )
    ]


def source_of(spec: WorkloadSpec) -> SourceMap:
    """The spec's source map (an empty one for specs built directly in Python)."""
    smap = spec.source
    return smap if isinstance(smap, SourceMap) else SourceMap(file=None)
