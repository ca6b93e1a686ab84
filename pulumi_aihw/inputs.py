"""Reading input files safely: every spec, profile, inventory, policy config, lock file,
check result and catalog goes through here before it is parsed.

- Only regular files are read (a FIFO, a device such as ``/dev/zero`` or a directory is
  refused without blocking), at most :data:`MAX_YAML_BYTES` / :data:`MAX_JSON_BYTES`,
  and only as UTF-8.
- JSON numbers are checked as they are parsed (:func:`parse_json`): no ``NaN`` or
  ``Infinity``, no integer of more than :data:`MAX_INT_DIGITS` digits, no float that
  overflows or is subnormal; nesting deeper than :data:`MAX_DEPTH` is refused.

Every refusal is an :class:`~pulumi_aihw.errors.InputError` (exit 2) naming the file.
The YAML side (aliases, tags, dates) is in :mod:`pulumi_aihw.spec.source`.
"""

from __future__ import annotations

import errno
import json
import math
import os
import stat
import sys
from pathlib import Path
from typing import Any

from pulumi_aihw.errors import InputError, Problem

MAX_YAML_BYTES = 1024 * 1024
"""Largest YAML input (spec, profile, inventory, Pulumi stack files): 1 MiB."""
MAX_JSON_BYTES = 64 * 1024 * 1024
"""Largest JSON input (catalog snapshot, check result, lock file, policy config): 64 MiB."""
MAX_DEPTH = 64
"""Deepest nesting of lists and mappings in any input."""
MAX_INT_DIGITS = 30
"""Longest integer literal accepted (far above any real count, price or size)."""
MIN_NORMAL = sys.float_info.min
"""Non-zero numbers smaller than this (subnormal) are refused: no arithmetic on them."""


def read_text(
    path: str | os.PathLike[str],
    what: str,
    error: type[InputError] = InputError,
    limit: int = MAX_YAML_BYTES,
) -> str:
    """The UTF-8 text of a regular file of at most ``limit`` bytes, or ``error``."""
    file = str(path)
    try:
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise error(Problem(_open_problem(exc, what), file=file)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise error(Problem(f"{what} is a directory, expected a file", file=file))
        if not stat.S_ISREG(info.st_mode):
            raise error(
                Problem(f"{what} is not a regular file (a pipe, device or socket)", file=file)
            )
        if info.st_size > limit:
            raise error(Problem(_too_big(what, info.st_size, limit), file=file))
        data = _read_at_most(fd, limit + 1)
    except OSError as exc:
        raise error(Problem(f"cannot read {what}: {exc.strerror}", file=file)) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise error(Problem(_too_big(what, len(data), limit), file=file))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(
            Problem(f"{what} is not UTF-8 text (byte {exc.start} cannot be decoded)", file=file)
        ) from None


def _read_at_most(fd: int, size: int) -> bytes:
    chunks, got = [], 0
    while got < size:
        chunk = os.read(fd, min(1 << 20, size - got))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def _too_big(what: str, size: int, limit: int) -> str:
    return f"{what} is {size:,} bytes, more than the limit of {limit:,} bytes"


def _open_problem(exc: OSError, what: str) -> str:
    if exc.errno == errno.ENOENT:
        return f"{what} not found"
    if exc.errno == errno.ENAMETOOLONG:
        return f"{what}: the file name is too long"
    if exc.errno == errno.EISDIR:
        return f"{what} is a directory, expected a file"
    return f"cannot read {what}: {exc.strerror}"


class _BadNumber(ValueError):
    pass


def _int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise _BadNumber(f"an integer of {digits} digits is out of range")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    return checked_float(value, text)


def checked_float(value: float, text: str) -> float:
    """``value`` if it is finite and not subnormal, else a ``ValueError`` quoting ``text``."""
    if not math.isfinite(value):
        raise _BadNumber(f"{text[:40]} is out of range (not a finite number)")
    if value != 0 and abs(value) < MIN_NORMAL:
        raise _BadNumber(f"{text[:40]} is too close to zero to compute with")
    return value


def _constant(text: str) -> Any:
    raise _BadNumber(f"{text} is not a number JSON allows (NaN and Infinity are refused)")


def parse_json(text: str, file: str, error: type[InputError] = InputError) -> Any:
    """Parse JSON text with checked numbers and bounded nesting, or raise ``error``."""
    try:
        data = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise error(Problem(f"not valid JSON: {exc.msg}", file=file, line=exc.lineno)) from None
    except _BadNumber as exc:
        raise error(Problem(f"bad number: {exc}", file=file)) from None
    except (RecursionError, MemoryError):
        raise error(Problem(f"nested more than {MAX_DEPTH} levels deep", file=file)) from None
    deep = depth_over(data, MAX_DEPTH)
    if deep:
        raise error(Problem(f"nested more than {MAX_DEPTH} levels deep", file=file))
    return data


def read_json(
    path: str | os.PathLike[str],
    what: str,
    error: type[InputError] = InputError,
    limit: int = MAX_JSON_BYTES,
) -> Any:
    """:func:`read_text` then :func:`parse_json`."""
    return parse_json(read_text(path, what, error, limit), str(path), error)


def depth_over(data: Any, limit: int) -> bool:
    """Whether plain data nests lists/dicts more than ``limit`` deep (iterative)."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return False


def is_file(path: Path) -> bool:
    """``path.is_file()`` that answers False, not an exception, for a name too long, a
    user's home that does not exist (``~nosuchuser``) or any other unreadable path."""
    try:
        return path.is_file()
    except (OSError, RuntimeError, ValueError):
        return False
