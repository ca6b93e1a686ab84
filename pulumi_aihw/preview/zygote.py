"""The warm process isolated previews are forked from (``python -m pulumi_aihw.preview.zygote``).

Starting a program's process cold costs about a second of CPU before the program runs:
Python, Pulumi, gRPC and the provider SDK modules it uses. When ``aihw check`` previews
many stacks, :mod:`pulumi_aihw.preview.warm` starts this process once; it imports those
modules (:mod:`pulumi_aihw.targets.preload`) and then forks one child per stack. The
child is what :mod:`pulumi_aihw.preview.child` would have been: it starts its own
session (process group), takes the stdout, stderr and status descriptors sent with the
request, replaces its environment with the scrubbed one it was given, changes to the
stack's directory and runs :func:`pulumi_aihw.preview.child.main` (memory cap included).

Isolation is the cold path's: each child is a fresh copy of this process, which never
runs a program itself, holds no checker state and keeps no descriptor of the checker's
but its control socket (closed in every child). It starts with the checker's allow-listed
environment only (:data:`~pulumi_aihw.preview.limits.ENV_ALLOWED`).

Protocol, on a ``SOCK_SEQPACKET`` socket (one JSON object per message): the server sends
``{"ready": true}`` once loaded. Requests: ``{"op": "run", "id": N, "argv": [...],
"env": {...}, "cwd": "..."}`` with three descriptors (stdout, stderr, status), answered
``{"id": N, "pid": P}`` (or ``{"id": N, "error": "..."}``); ``{"op": "kill", "pid": P}``
kills a running child's process group. When a child exits the server kills what is left
of its group, reaps it and sends ``{"pid": P, "exit": code}`` (``-signal`` when killed by
one, as :attr:`subprocess.Popen.returncode`). End of file on the socket: the server kills
every child still running and exits.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import selectors
import signal
import socket
import sys
from importlib import import_module
from typing import Any

WARM_MODULES = (
    "asyncio",
    "logging",
    "runpy",
    "pulumi.runtime.config",
    "pulumi.runtime.settings",
    "pulumi.runtime.stack",
    "pulumi_aihw.preview.child",
    "pulumi_aihw.targets.workload",
    "pulumi_aihw.targets.preload",  # the provider SDK modules the targets use, loaded
)
"""What the server imports before it forks: what every program's process needs."""
MAX_MESSAGE_BYTES = 1 << 20
"""A request carries a stack's environment and config: at most this many bytes."""
EXIT_CHILD_BROKEN = 70
"""Exit code of a forked child that failed before the program could run (a bug)."""


def _send(sock: socket.socket, data: dict[str, Any]) -> None:
    with contextlib.suppress(OSError):  # the checker went away: EOF ends the loop
        sock.send(json.dumps(data).encode())


def _become_child(
    sock: socket.socket, wakeup: int, request: dict[str, Any], fds: list[int]
) -> None:
    """In the forked child: become the program's process, run it, never return."""
    code = EXIT_CHILD_BROKEN
    try:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        sock.close()
        os.close(wakeup)
        os.setsid()
        out, err, status = fds
        os.dup2(out, 1)
        os.dup2(err, 2)
        os.close(out)
        os.close(err)
        sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), write_through=True)
        sys.stderr = io.TextIOWrapper(
            io.FileIO(2, "w", closefd=False), write_through=True, errors="backslashreplace"
        )
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])
        from pulumi_aihw.preview import child

        argv = [str(a) for a in request["argv"]]
        code = child.main([*argv[:-1], "--status-fd", str(status), argv[-1]])
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
    except BaseException as exc:  # the child must end here, whatever happened
        with contextlib.suppress(Exception):
            os.write(2, f"aihw warm start: {type(exc).__name__}: {exc}\n".encode())
    finally:
        os._exit(code)


class _Server:
    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.running: set[int] = set()
        self.wake_r, self.wake_w = os.pipe()
        os.set_blocking(self.wake_w, False)
        os.set_blocking(self.wake_r, False)

    def serve(self) -> None:
        signal.signal(signal.SIGCHLD, lambda *_: None)
        signal.set_wakeup_fd(self.wake_w)
        sel = selectors.DefaultSelector()
        sel.register(self.sock, selectors.EVENT_READ, "sock")
        sel.register(self.wake_r, selectors.EVENT_READ, "child")
        _send(self.sock, {"ready": True})
        try:
            while True:
                for key, _ in sel.select():
                    if key.data == "child":
                        with contextlib.suppress(BlockingIOError):
                            os.read(self.wake_r, 4096)
                    elif not self._request():
                        return
                self._reap()
        finally:
            for pid in self.running:
                with contextlib.suppress(OSError):
                    os.killpg(pid, signal.SIGKILL)

    def _request(self) -> bool:
        try:
            data, fds, _flags, _addr = socket.recv_fds(self.sock, MAX_MESSAGE_BYTES, 3)
        except InterruptedError:
            return True
        except OSError:
            return False
        if not data:
            return False
        request = json.loads(data)
        if request.get("op") == "kill":
            if request["pid"] in self.running:  # not reaped yet: the group id is still its own
                with contextlib.suppress(OSError):
                    os.killpg(request["pid"], signal.SIGKILL)
            return True
        if len(fds) != 3:
            for fd in fds:
                os.close(fd)
            _send(self.sock, {"id": request.get("id"), "error": "expected 3 descriptors"})
            return True
        pid = os.fork()
        if pid == 0:
            _become_child(self.sock, self.wake_r, request, fds)
        for fd in fds:
            os.close(fd)
        self.running.add(pid)
        _send(self.sock, {"id": request["id"], "pid": pid})
        return True

    def _reap(self) -> None:
        while self.running:
            info = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)
            if info is None:
                return
            pid = info.si_pid
            with contextlib.suppress(OSError):  # what the program left behind in its group
                os.killpg(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
            self.running.discard(pid)
            _send(self.sock, {"pid": pid, "exit": os.waitstatus_to_exitcode(status)})


def main(argv: list[str]) -> int:
    fd = int(argv[0])
    sock = socket.socket(fileno=fd)
    os.chdir("/")
    for name in WARM_MODULES:
        import_module(name)
    _Server(sock).serve()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
