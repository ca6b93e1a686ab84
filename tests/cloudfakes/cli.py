"""Running the ``aihw`` command in-process, as a user would, with its exit code and streams."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from pulumi_aihw.cli import app

ROOT = Path(__file__).resolve().parents[2]
INF_SPEC = str(ROOT / "stacks/aws-inferentia-inference/workload.yaml")
TPU_SPEC = str(ROOT / "stacks/gcp-tpu-training/workload.yaml")
FAST_LIMITS = ("--max-attempts", "2", "--timeout-seconds", "0.2")


PROGRESS = re.compile(r"^\[\d+/\d+\] .*\n?", re.MULTILINE)
"""A progress line (``[1/3] checked ...: 1.2 s``): whether one appears for a single item
depends on how long it took, so the assertions here never see them."""


def run(*args: str, progress: bool = False) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``aihw ARGS``; stderr without progress lines unless
    ``progress`` (several items always get one line each)."""
    result = CliRunner().invoke(app, list(args))
    err = result.stderr if progress else PROGRESS.sub("", result.stderr)
    return result.exit_code, result.stdout, err
