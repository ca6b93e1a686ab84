"""What a failed stack program did, as located problems: shared by the in-process engine
(:mod:`pulumi_aihw.preview.engine`) and the isolated program's process
(:mod:`pulumi_aihw.preview.child`), which sends it to the checker as JSON."""

from __future__ import annotations

import traceback
from dataclasses import asdict
from pathlib import Path
from typing import Any

from pulumi_aihw.errors import (
    AihwError,
    InputError,
    NoFeasiblePlanError,
    Problem,
    StackError,
    StackProgramError,
)


def where(exc: BaseException, directory: Path, program: Path) -> tuple[str, int | None]:
    """The innermost frame of the exception inside the stack directory (else the program)."""
    root = directory.resolve()
    found: tuple[str, int | None] = (str(program), None)
    if isinstance(exc, SyntaxError) and exc.filename:
        return _inside(Path(exc.filename), root, directory) or str(program), exc.lineno
    for frame in traceback.extract_tb(exc.__traceback__):
        inside = _inside(Path(frame.filename), root, directory)
        if inside is not None:
            found = (inside, frame.lineno)
        elif frame.filename == str(program):
            found = (frame.filename, frame.lineno)
    return found


def _inside(path: Path, root: Path, directory: Path) -> str | None:
    if path.is_absolute() and root in path.resolve().parents:
        return str(directory / path.resolve().relative_to(root))
    return None


def program_failure(exc: BaseException, directory: Path, program: Path) -> AihwError:
    """The error a stack run raises for ``exc`` escaping the program."""
    file, line = where(exc, directory, program)
    if isinstance(exc, AihwError):
        head = Problem("the program stopped on a pulumi-aihw error", file=file, line=line)
        if isinstance(exc, NoFeasiblePlanError):  # a blocking finding (exit 1), not bad input
            return NoFeasiblePlanError(f"{head}: {exc}", exc.reasons)
        problems = exc.problems if isinstance(exc, InputError) else (Problem(str(exc)),)
        return StackProgramError([head, *problems])
    if isinstance(exc, SyntaxError):
        return StackProgramError(Problem(f"syntax error: {exc.msg}", file=file, line=line))
    return StackProgramError(
        Problem(f"the program failed: {type(exc).__name__}: {exc}", file=file, line=line)
    )


def to_wire(error: AihwError) -> dict[str, Any]:
    """``error`` as JSON-safe data (:func:`from_wire` reads it back)."""
    if isinstance(error, NoFeasiblePlanError):
        return {"kind": "blocking", "message": str(error), "reasons": list(error.reasons)}
    problems = error.problems if isinstance(error, InputError) else (Problem(str(error)),)
    return {"kind": "input", "problems": [asdict(p) for p in problems]}


def from_wire(data: Any) -> AihwError | None:
    """The error a program's process reported, or ``None`` if ``data`` is not one.

    The data come from the program's process, so they are untrusted: they can only
    describe how that stack failed, never make it pass."""
    if not isinstance(data, dict):
        return None
    if data.get("kind") == "blocking":
        reasons = data.get("reasons")
        return NoFeasiblePlanError(
            str(data.get("message", "")),
            [str(r) for r in reasons] if isinstance(reasons, list) else (),
        )
    raw = data.get("problems")
    if data.get("kind") != "input" or not isinstance(raw, list) or not raw:
        return None
    problems = []
    for item in raw[:50]:
        if not isinstance(item, dict):
            return None
        line = item.get("line")
        problems.append(
            Problem(
                str(item.get("message", "")),
                file=_text(item.get("file")),
                line=line if isinstance(line, int) and not isinstance(line, bool) else None,
                path=_text(item.get("path")),
            )
        )
    return StackProgramError(problems)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def as_stack_error(error: AihwError) -> AihwError:
    """``error`` unchanged if it is a stack or blocking error, else a :class:`StackError`."""
    if isinstance(error, (StackError, NoFeasiblePlanError)):
        return error
    return StackError(error.problems if isinstance(error, InputError) else str(error))
