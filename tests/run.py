"""Run Python in a subprocess the way the tests must: this interpreter, the repo on the path."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def python(*args: str, cwd: Path = ROOT, check: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=check,
    )


@contextmanager
def plugin_channel(args: list[str], cwd: Path, env: dict[str, str]) -> Iterator[Any]:
    """A gRPC channel to a Pulumi plugin started the way the engine starts it: ``args``
    run with this interpreter in ``cwd``; the plugin prints its port as the first stdout
    line and serves until killed (always, on the way out)."""
    import grpc

    proc = subprocess.Popen(
        [sys.executable, "-u", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stderr is not None
        port = proc.stdout.readline().strip()
        assert port.isdigit(), (
            f"no port on stdout: {port!r} {proc.stderr.read() if proc.poll() else ''}"
        )
        channel = grpc.insecure_channel(f"127.0.0.1:{port}")
        grpc.channel_ready_future(channel).result(timeout=20)
        yield channel
        channel.close()
    finally:
        proc.kill()
        proc.wait(timeout=10)
