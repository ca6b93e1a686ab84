"""Warm start for isolated previews of many stacks: fork each program's process from a
server that has loaded Pulumi and the provider SDKs once (:mod:`pulumi_aihw.preview.zygote`).

``with warm_start(stacks):`` around a batch of isolated previews
(:func:`~pulumi_aihw.preview.isolated.run_stack_isolated`) enables it when the batch has at
least :data:`WARM_MIN_STACKS` stacks (below that a cold start is cheaper than loading every
SDK once). The server starts on the first run that needs it; a run that cannot use it
(the server failed to start or died) starts its process cold, as without warm start.
``AIHW_WARM_START=0`` turns it off.

Both kinds of start give :mod:`~pulumi_aihw.preview.isolated` the same handle
(:class:`ProgramProcess`): the process id, which is also its process-group id, a wait with
a time limit, a kill of the whole group, and the exit code. Standard library only: the
checker imports this without Pulumi.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any, Protocol

from pulumi_aihw.preview.limits import allowed_environment

WARM_MIN_STACKS = 4
"""Batches of at least this many stacks start warm: loading every provider SDK once costs
about as much CPU as three cold starts."""
READY_TIMEOUT_SECONDS = 120.0
"""How long the first run waits for the server to load before starting cold."""
_MAX_MESSAGE_BYTES = 1 << 16


class ProgramProcess(Protocol):
    """A running program's process, however it was started."""

    pid: int

    def wait(self, timeout_seconds: float) -> bool:
        """Whether it exited within ``timeout_seconds`` (it is not reaped: its group id
        stays its own until :meth:`kill_group`)."""

    def kill_group(self) -> None:
        """Kill its process group (what it started and left behind), then reap it."""

    @property
    def returncode(self) -> int | None:
        """Its exit code (``-N``: killed by signal N) once reaped; ``None`` if unknown."""


class ColdProcess:
    """A program's process started with :class:`subprocess.Popen`, in its own session."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        self.proc = proc
        self.pid = proc.pid

    def wait(self, timeout_seconds: float) -> bool:
        deadline = time.monotonic() + timeout_seconds
        pause = 0.005
        while True:
            if os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            time.sleep(min(pause, left))
            pause = min(pause * 2, 0.1)

    def kill_group(self) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)
        self.proc.wait()

    @property
    def returncode(self) -> int | None:
        return self.proc.returncode


class WarmProcess:
    """A program's process forked by the warm server, which reaps it and reports its exit."""

    def __init__(self, server: WarmServer, pid: int) -> None:
        self.server, self.pid = server, pid
        self.exit_code: int | None = None
        self.exited = threading.Event()

    def wait(self, timeout_seconds: float) -> bool:
        return self.exited.wait(timeout_seconds)

    def kill_group(self) -> None:
        if not self.exited.is_set():
            self.server.kill(self.pid)
        self.exited.wait()

    @property
    def returncode(self) -> int | None:
        return self.exit_code

    def finish(self, code: int | None) -> None:
        self.exit_code = code
        self.exited.set()


class WarmServer:
    """The client side of one warm server; safe to use from several threads."""

    def __init__(self) -> None:
        self.sock, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pulumi_aihw.preview.zygote", str(theirs.fileno())],
            env={**allowed_environment(), "MALLOC_ARENA_MAX": "2"},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(theirs.fileno(),),
            start_new_session=True,
        )
        theirs.close()
        self.ready = threading.Event()
        self.alive = True
        self.lock = threading.Lock()
        self.answers: dict[int, WarmProcess | None] = {}
        self.answered = threading.Condition(self.lock)
        self.children: dict[int, WarmProcess] = {}
        self.next_id = 0
        threading.Thread(target=self._read, name="aihw-warm-start", daemon=True).start()

    def spawn(
        self, args: Sequence[str], env: dict[str, str], cwd: str, fds: Sequence[int]
    ) -> WarmProcess | None:
        """Fork a program's process (``python -m pulumi_aihw.preview.child`` ``args``, the
        status descriptor's option added); ``None`` when the server cannot."""
        self.ready.wait(READY_TIMEOUT_SECONDS)
        request: dict[str, Any] = {"op": "run", "argv": list(args), "env": env, "cwd": cwd}
        with self.lock:
            if not (self.alive and self.ready.is_set()):
                return None
            self.next_id += 1
            rid = request["id"] = self.next_id
            try:
                socket.send_fds(self.sock, [json.dumps(request).encode()], list(fds))
            except OSError:
                return None
            while rid not in self.answers and self.alive:
                self.answered.wait()
            return self.answers.pop(rid, None)

    def kill(self, pid: int) -> None:
        with self.lock, contextlib.suppress(OSError):
            self.sock.send(json.dumps({"op": "kill", "pid": pid}).encode())

    def close(self) -> None:
        """Stop the server: it kills every program still running, then exits."""
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(OSError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self.sock.close()

    def _read(self) -> None:
        while True:
            try:
                data = self.sock.recv(_MAX_MESSAGE_BYTES)
            except OSError:
                data = b""
            if not data:
                break
            self._dispatch(json.loads(data))
        with self.lock:
            self.alive = False
            orphans = [c for c in self.children.values() if not c.exited.is_set()]
            self.answered.notify_all()
        for child in orphans:  # the server died: its programs go with it
            with contextlib.suppress(OSError):
                os.killpg(child.pid, signal.SIGKILL)
            child.finish(None)
        self.ready.set()

    def _dispatch(self, message: dict[str, Any]) -> None:
        if message.get("ready"):
            self.ready.set()
        elif "id" in message:
            with self.lock:
                child = WarmProcess(self, message["pid"]) if "pid" in message else None
                if child is not None:
                    self.children[child.pid] = child
                self.answers[message["id"]] = child
                self.answered.notify_all()
        elif "exit" in message:
            with self.lock:
                child = self.children.pop(message["pid"], None)
            if child is not None:
                child.finish(message["exit"])


_enabled = 0
_server: WarmServer | None = None
_guard = threading.Lock()


def supported() -> bool:
    """Whether this platform can fork a warm server and pass it descriptors."""
    return hasattr(os, "fork") and hasattr(socket, "send_fds") and sys.platform != "darwin"


@contextlib.contextmanager
def warm_start(stacks: int) -> Iterator[None]:
    """Start programs warm while inside, if ``stacks`` is large enough (and the platform
    and ``AIHW_WARM_START`` allow); the server stops when the outermost block ends."""
    global _enabled, _server
    on = stacks >= WARM_MIN_STACKS and supported() and os.environ.get("AIHW_WARM_START") != "0"
    with _guard:
        _enabled += on
    try:
        yield
    finally:
        with _guard:
            _enabled -= on
            server, _server = (_server, None) if _enabled == 0 else (None, _server)
        if server is not None:
            server.close()


def server() -> WarmServer | None:
    """The warm server to start programs from, started on first use; ``None`` when warm
    start is off."""
    global _server
    with _guard:
        if not _enabled:
            return None
        if _server is None:
            _server = WarmServer()
        return _server
