"""Offline preview: run a stack's Pulumi program under Pulumi's mock engine and record
the resource tree (imports Pulumi; never imported by the core).

- :func:`run_stack` / :func:`run_program` -> :class:`~pulumi_aihw.contracts.StackPreview`
- :data:`~pulumi_aihw.preview.invokes.INVOKES`: placeholder answers for provider functions,
  extended by each target
"""

from pulumi_aihw.preview.engine import run_program, run_stack
from pulumi_aihw.preview.invokes import INVOKES

__all__ = ["INVOKES", "run_program", "run_stack"]
