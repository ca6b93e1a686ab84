"""Where a finding points in the stack's files.

Workload components: workload.yaml at the line of the rule's spec field (or the
platform profile that set it). Raw resources: __main__.py at the line naming the
resource."""

from __future__ import annotations

import functools
from pathlib import Path

from pulumi_aihw.check.models import Location
from pulumi_aihw.contracts import WORKLOAD_TYPE
from pulumi_aihw.errors import AihwError
from pulumi_aihw.rules.model import Finding
from pulumi_aihw.spec.loader import load_spec, source_of
from pulumi_aihw.spec.source import SourceMap

SPEC_FILE = "workload.yaml"
PROGRAM_FILE = "__main__.py"


@functools.lru_cache(maxsize=64)
def _source_map(spec_path: str) -> SourceMap | None:
    try:
        return source_of(load_spec(spec_path))
    except AihwError:
        return None


@functools.lru_cache(maxsize=64)
def _program_lines(path: str) -> tuple[str, ...]:
    try:
        return tuple(Path(path).read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        return ()


def locate(finding: Finding, stack_dir: str, spec_field: tuple[str, ...]) -> Location:
    spec = str(Path(stack_dir) / SPEC_FILE)
    if finding.resource.type == WORKLOAD_TYPE and Path(spec).is_file():
        smap = _source_map(spec)
        loc = smap.locate(spec_field) if smap is not None else None
        return Location(loc.file, loc.line) if loc is not None else Location(spec)
    program = str(Path(stack_dir) / PROGRAM_FILE)
    name = finding.resource.name
    for i, line in enumerate(_program_lines(program), start=1):
        if f'"{name}"' in line or f"'{name}'" in line:
            return Location(program, i)
    return Location(program, None)
