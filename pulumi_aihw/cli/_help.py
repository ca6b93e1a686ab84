"""How ``aihw ... --help`` reads: plain text wrapped to the terminal (at most 100
columns), ``-h`` as well as ``--help``, and a metavar (``FILE``, ``DIR``, ``N``) instead of
a Python type name for every argument.

Typer shows an argument's Python type (``<list[Path]>``) even when it has a metavar;
:func:`_argument_type` shows the metavar alone (every aihw argument has one; a test
checks that no ``<type>`` reaches any help text).
"""

from __future__ import annotations

from typing import Any

from typer import core

EXIT_CODES = (
    "Exit codes: 0 ok; 1 a blocking finding (no feasible plan, a mandatory violation, a "
    "failed preflight check); 2 bad input or usage (nothing written); 3 a cloud service "
    "failed after retries; 70 an internal error (a bug in aihw: please report it)."
)
"""The epilog of every command's help."""
CONTEXT_SETTINGS: dict[str, Any] = {
    "help_option_names": ["-h", "--help"],
    "max_content_width": 100,
}


_typer_argument_type: Any = getattr(core.TyperArgument, "display_type_rich", None)


def _argument_type(self: Any, ctx: Any) -> str | None:
    return None if self.metavar is not None else _typer_argument_type(self, ctx)


if _typer_argument_type is not None:
    core.TyperArgument.display_type_rich = _argument_type  # type: ignore[method-assign]
