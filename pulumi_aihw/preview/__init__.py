"""Offline preview: run a stack's Pulumi program and record the resource tree (imports
Pulumi when used; never imported by the core).

- :func:`run_stack_isolated`: the program in its own process with a scrubbed environment,
  time and memory limits (:mod:`~pulumi_aihw.preview.limits`), talking to a resource
  monitor in this process over Pulumi's gRPC protocol (what ``aihw preview`` and
  ``aihw check`` run);
- :func:`run_stack` / :func:`run_program`: in this process under Pulumi's mock engine
  (trusted code only: tests and the components' own tests);
- :data:`~pulumi_aihw.preview.invokes.INVOKES`: placeholder answers for provider functions,
  extended by each target.

Each returns a :class:`~pulumi_aihw.contracts.StackPreview`. The names load lazily, so
``pulumi_aihw.preview.limits`` imports without Pulumi.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pulumi_aihw.preview.engine import run_program, run_stack
    from pulumi_aihw.preview.invokes import INVOKES
    from pulumi_aihw.preview.isolated import run_stack_isolated

_EXPORTS = {
    "INVOKES": "pulumi_aihw.preview.invokes",
    "run_program": "pulumi_aihw.preview.engine",
    "run_stack": "pulumi_aihw.preview.engine",
    "run_stack_isolated": "pulumi_aihw.preview.isolated",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pulumi_aihw.preview' has no attribute '{name}'")
    return getattr(importlib.import_module(module), name)


__all__ = ["INVOKES", "run_program", "run_stack", "run_stack_isolated"]
