"""The one exception hierarchy of pulumi-aihw.

Every error a user can cause or meet derives from :class:`AihwError` and carries
the exit code the CLI uses for it (see the README's exit-code table):

- 1: the command ran and found a blocking problem (no feasible plan, ...)
- 2: bad input or usage (spec, profile, inventory, catalog file, lock file, stack)
- 3: an outside service failed (cloud API throttling, 5xx, timeouts)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

EXIT_OK = 0
EXIT_BLOCKING = 1
EXIT_BAD_INPUT = 2
EXIT_SERVICE = 3
EXIT_INTERNAL = 70
"""A bug in aihw itself (EX_SOFTWARE); never used for bad input."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input file, located as precisely as the input allows."""

    message: str
    """What was wrong and what is allowed."""
    file: str | None = None
    """The file the problem is in, as the user named it."""
    line: int | None = None
    """1-based line in ``file`` where YAML gives one."""
    path: str | None = None
    """Dotted field path, e.g. ``model.precision`` or ``placement.regions[0]``."""

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [p for p in (where, self.path) if p]
        prefix = ": ".join(parts)
        return f"{prefix}: {self.message}" if prefix else self.message


class AihwError(Exception):
    """Base class of every error pulumi-aihw raises on purpose."""

    exit_code: int = EXIT_BAD_INPUT


class InputError(AihwError):
    """Bad input: one or more located problems. Exit code 2."""

    def __init__(self, problems: Sequence[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class SpecError(InputError):
    """The workload spec (or the profile it extends) is invalid."""


class ProfileError(SpecError):
    """The platform profile itself is invalid."""


class InventoryError(InputError):
    """A bare-metal inventory file is invalid."""


class CatalogError(InputError):
    """A catalog file is invalid or a catalog lookup failed."""


class LockError(InputError):
    """A lock file is unreadable, or refers to hardware the catalog no longer has."""


class StackError(InputError):
    """A stack directory or its Pulumi program is broken."""


class StackProgramError(StackError):
    """The stack's program raised an error (or has a syntax error)."""


class StackExitedEarlyError(StackError):
    """The stack's program ended before the engine saw it finish (``os._exit``, a crash,
    a signal): what it registered is incomplete, so it is never judged."""


class StackTimeoutError(StackError):
    """The stack's program ran longer than the time limit and was stopped."""


class StackMemoryError(StackError):
    """The stack's program needed more memory than the limit."""


class StackTamperedError(StackError):
    """The stack's program broke the isolation contract: it wrote a file only the checker
    writes (the ``-o`` output), or flooded the monitor past its limits."""


class ConfigError(InputError):
    """A policy config, CLI option or environment setting is invalid."""


class CredentialsError(InputError):
    """Cloud credentials are missing or unusable (exit 2: the user must supply them)."""


class NoFeasiblePlanError(AihwError):
    """Planning ran but no candidate satisfies the spec. Exit code 1."""

    exit_code = EXIT_BLOCKING

    def __init__(self, message: str, reasons: Iterable[str] = ()) -> None:
        self.reasons = tuple(reasons)
        super().__init__(message)


class ExternalServiceError(AihwError):
    """A cloud API failed after retries (throttling, 5xx, timeout). Exit code 3."""

    exit_code = EXIT_SERVICE


__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_BLOCKING",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_SERVICE",
    "AihwError",
    "CatalogError",
    "ConfigError",
    "CredentialsError",
    "ExternalServiceError",
    "InputError",
    "InventoryError",
    "LockError",
    "NoFeasiblePlanError",
    "Problem",
    "ProfileError",
    "SpecError",
    "StackError",
    "StackExitedEarlyError",
    "StackMemoryError",
    "StackProgramError",
    "StackTamperedError",
    "StackTimeoutError",
]
