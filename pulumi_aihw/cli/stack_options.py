"""Options of the commands that run stack programs (``preview``, ``check``): the time and
memory limits of each program's process and the environment variables it may see."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pulumi_aihw.errors import Problem, StackError
from pulumi_aihw.preview.limits import DEFAULT_MEMORY_LIMIT_MIB, DEFAULT_TIMEOUT_SECONDS

StackTimeoutSeconds = Annotated[
    float,
    typer.Option(
        "--timeout-seconds",
        metavar="SECONDS",
        min=0.1,
        help="Time limit of each stack's program; past it the stack fails.",
    ),
]
MemoryLimitMib = Annotated[
    int,
    typer.Option(
        "--memory-limit-mib",
        metavar="MIB",
        min=64,
        help="Address-space limit of each stack's program (MiB); past it the stack fails.",
    ),
]
PassEnv = Annotated[
    list[str] | None,
    typer.Option(
        "--pass-env",
        metavar="NAME",
        help="Also give the programs this environment variable (repeatable); by default "
        "they see no credentials or tokens.",
    ),
]

if TYPE_CHECKING:
    from pulumi_aihw.contracts import StackPreview

DEFAULTS = (DEFAULT_TIMEOUT_SECONDS, DEFAULT_MEMORY_LIMIT_MIB)


@dataclass(frozen=True)
class StackRunOptions:
    """How the CLI runs each stack's program (:func:`pulumi_aihw.preview.run_stack_isolated`)."""

    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS
    memory_limit_mib: int = DEFAULT_MEMORY_LIMIT_MIB
    pass_env: tuple[str, ...] = ()
    protected: tuple[Path, ...] = ()
    """Files the programs must not write (the command's ``-o``)."""

    def run(self, stack_dir: Path, stack: str | None = None) -> StackPreview:
        """The isolated preview of one stack (imports Pulumi: only when a stack runs)."""
        try:
            from pulumi_aihw.preview import run_stack_isolated
        except ImportError as exc:
            raise StackError(
                Problem(
                    "cannot preview the stack: the offline preview engine needs Pulumi "
                    f"({exc.name} cannot be imported). To fix: pip install 'pulumi-aihw[aws]'",
                    file=str(stack_dir),
                )
            ) from None
        return run_stack_isolated(
            stack_dir,
            stack=stack,
            timeout_seconds=self.timeout_seconds,
            memory_limit_mib=self.memory_limit_mib,
            protected=self.protected,
            pass_env=self.pass_env,
        )
