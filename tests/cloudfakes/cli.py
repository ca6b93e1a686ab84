"""Running the ``aihw`` command in-process, as a user would, with its exit code and streams."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from pulumi_aihw.cli import app

ROOT = Path(__file__).resolve().parents[2]
INF_SPEC = str(ROOT / "stacks/aws-inferentia-inference/workload.yaml")
TPU_SPEC = str(ROOT / "stacks/gcp-tpu-training/workload.yaml")
FAST_LIMITS = ("--max-attempts", "2", "--timeout-seconds", "0.2")


def run(*args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``aihw ARGS``."""
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr
