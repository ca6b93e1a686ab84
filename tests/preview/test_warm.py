"""Warm start: programs forked from a server that loaded Pulumi once; the same isolation
as a cold start (tests/preview/test_isolated.py runs every case both ways)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from pulumi_aihw.errors import StackExitedEarlyError
from pulumi_aihw.preview import warm
from pulumi_aihw.preview.isolated import run_stack_isolated
from pulumi_aihw.preview.warm import WARM_MIN_STACKS, warm_start

PARENT = "import os, pulumi\npulumi.export('ppid', os.getppid())\n"


def stack(root: Path, name: str, main: str) -> Path:
    d = root / name
    d.mkdir()
    (d / "Pulumi.yaml").write_text(f"name: {name}\nruntime: python\n")
    (d / "__main__.py").write_text(main)
    return d


def test_a_batch_of_stacks_runs_forked_from_the_warm_server(tmp_path):
    d = stack(tmp_path, "s", PARENT)
    with warm_start(WARM_MIN_STACKS):
        server = warm.server()
        assert server is not None
        previews = [run_stack_isolated(d) for _ in range(2)]
        assert {p.outputs["ppid"] for p in previews} == {server.proc.pid}
    assert server.proc.returncode is not None  # stopped with the batch
    assert warm.server() is None


def test_small_batches_and_the_switch_start_cold(tmp_path, monkeypatch):
    d = stack(tmp_path, "s", PARENT)
    with warm_start(WARM_MIN_STACKS - 1):
        assert warm.server() is None
        assert run_stack_isolated(d).outputs["ppid"] == os.getpid()
    monkeypatch.setenv("AIHW_WARM_START", "0")
    with warm_start(100):
        assert warm.server() is None


def test_the_program_does_not_inherit_the_servers_control_socket(tmp_path):
    main = (
        "import os, pulumi\n"
        "def link(fd):\n"
        "    try:\n"
        "        return os.readlink(f'/proc/self/fd/{fd}')\n"
        "    except OSError:  # the descriptor listdir itself used\n"
        "        return ''\n"
        "links = [link(fd) for fd in os.listdir('/proc/self/fd')]\n"
        "pulumi.export('sockets', sum(x.startswith('socket:') for x in links))\n"
    )
    d = stack(tmp_path, "s", main)
    cold = run_stack_isolated(d).outputs["sockets"]
    with warm_start(WARM_MIN_STACKS):
        assert run_stack_isolated(d).outputs["sockets"] == cold  # gRPC's own, nothing more


def test_a_server_that_died_leaves_runs_to_start_cold(tmp_path):
    d = stack(tmp_path, "s", PARENT)
    with warm_start(WARM_MIN_STACKS):
        server = warm.server()
        assert server is not None and server.ready.wait(120)
        os.kill(server.proc.pid, signal.SIGKILL)
        server.proc.wait()
        assert run_stack_isolated(d).outputs["ppid"] == os.getpid()


def test_a_program_whose_server_dies_under_it_is_a_failed_stack(tmp_path):
    main = "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\nimport time\ntime.sleep(60)\n"
    d = stack(tmp_path, "s", main)
    with warm_start(WARM_MIN_STACKS), pytest.raises(StackExitedEarlyError) as err:
        run_stack_isolated(d, timeout_seconds=30)
    assert "forked from stopped" in str(err.value)
