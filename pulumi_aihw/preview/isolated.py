"""Run a stack's Pulumi program in its own process, the way Pulumi's engine runs it.

The checker starts a resource monitor (:mod:`pulumi_aihw.preview.monitor`) and runs the
program in a child process (:mod:`pulumi_aihw.preview.child`) that talks to it over
Pulumi's gRPC protocol. The child gets a scrubbed environment (:data:`ENV_ALLOWED`: no
cloud credentials, no tokens), a memory cap (``RLIMIT_AS``) and a time limit, and its
own process group, killed when the run ends. What the checker returns is built only
from the registrations its monitor received.

A run passes only when the program's SDK signalled the end of the program to the
monitor, the child said so and exited 0. Anything else raises a :class:`StackError`
subclass saying which failure: the program raised (:class:`StackProgramError`), ended
early (``os._exit``, a crash, a signal: :class:`StackExitedEarlyError`), ran past the
time limit (:class:`StackTimeoutError`), past the memory limit
(:class:`StackMemoryError`), or wrote a file only the checker writes / flooded the
monitor (:class:`StackTamperedError`). A program whose Workload has no feasible plan
raises :class:`NoFeasiblePlanError` (exit 1), as in the in-process engine.

``aihw preview`` and ``aihw check`` use :func:`run_stack_isolated`; it is safe to call
from several threads at once (each run has its own monitor and process).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pulumi_aihw.contracts import StackPreview
from pulumi_aihw.errors import (
    AihwError,
    Problem,
    StackExitedEarlyError,
    StackMemoryError,
    StackTamperedError,
    StackTimeoutError,
)
from pulumi_aihw.preview import warm
from pulumi_aihw.preview.failure import from_wire
from pulumi_aihw.preview.limits import (
    DEFAULT_MEMORY_LIMIT_MIB,
    DEFAULT_TIMEOUT_SECONDS,
    allowed_environment,
)
from pulumi_aihw.preview.monitor import MonitorServer, MonitorState
from pulumi_aihw.preview.project import StackProject, read_project
from pulumi_aihw.preview.warm import ColdProcess, ProgramProcess

OUTPUT_TAIL_BYTES = 64 * 1024
"""Of the program's stdout and stderr the checker keeps the last this many bytes."""
STATUS_MAX_BYTES = 256 * 1024
STDOUT_DIAGNOSTICS = 20
"""Lines of the program's stdout shown as ``info:`` diagnostics (as Pulumi shows them)."""
_OUT_OF_MEMORY = ("MemoryError", "std::bad_alloc", "Cannot allocate memory")
"""What a process that hit its address-space limit prints (Python, C++, libc)."""
_GRACE_SECONDS = 5.0
"""How long to wait for output pipes after the process group is gone."""


def child_environment(
    project: StackProject, *, dry_run: bool = True, pass_env: Iterable[str] = ()
) -> dict[str, str]:
    """The environment of a program's process: the allow-list, ``pass_env``, the stack
    config as the Pulumi CLI passes it (``PULUMI_CONFIG``), and nothing else."""
    env = allowed_environment(pass_env)
    env.update(
        {
            "PULUMI_CONFIG": json.dumps(project.config),
            "PULUMI_CONFIG_SECRET_KEYS": json.dumps(list(project.secret_keys)),
            "PULUMI_PROJECT": project.name,
            "PULUMI_STACK": project.stack,
            "PULUMI_DRY_RUN": "true" if dry_run else "false",
            "MALLOC_ARENA_MAX": "2",  # glibc reserves 64 MiB per thread otherwise
        }
    )
    return env


def run_stack_isolated(
    stack_dir: str | os.PathLike[str],
    *,
    stack: str | None = None,
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
    memory_limit_mib: int = DEFAULT_MEMORY_LIMIT_MIB,
    dry_run: bool = True,
    protected: Sequence[str | os.PathLike[str]] = (),
    pass_env: Iterable[str] = (),
) -> StackPreview:
    """Preview the stack in ``stack_dir`` with its program in a separate process.

    ``protected``: files the program must not create or change (the check's ``-o``
    output); a change fails the stack with :class:`StackTamperedError`. Raises a
    :class:`StackError` subclass for a failed run (see the module docs)."""
    proj = read_project(Path(stack_dir), stack)
    state = MonitorState(proj.name, proj.stack, dry_run=dry_run)
    watched = {Path(p): _fingerprint(Path(p)) for p in protected}
    env = child_environment(proj, dry_run=dry_run, pass_env=pass_env)
    with MonitorServer(state) as server:
        outcome = _run_child(proj, server.address, env, timeout_seconds, memory_limit_mib)
    changed = [str(p) for p, before in watched.items() if _fingerprint(p) != before]
    if changed:
        raise StackTamperedError(
            Problem(
                f"the program wrote {', '.join(changed)}, which only the checker writes: "
                "the stack is not judged",
                file=str(proj.program),
            )
        )
    error = _failure(outcome, state, proj, timeout_seconds, memory_limit_mib)
    if error is not None:
        raise error
    for line in outcome.stdout_lines()[:STDOUT_DIAGNOSTICS]:
        state.recording.log("info", line)
    if state.dropped_diagnostics:
        state.recording.log("info", f"... and {state.dropped_diagnostics} more messages")
    return state.recording.preview(proj.name, proj.stack, str(stack_dir), proj.config)


@dataclass
class _Outcome:
    returncode: int | None
    timed_out: bool
    status: bytes
    stdout: bytes
    stderr: bytes

    def report(self) -> object:
        """The last JSON line the child wrote on its status descriptor, if any."""
        for line in reversed(self.status.splitlines()):
            try:
                return json.loads(line)
            except ValueError:
                continue
        return None

    def stdout_lines(self) -> list[str]:
        return [ln for ln in self.stdout.decode("utf-8", "replace").splitlines() if ln.strip()]

    def stderr_tail(self, lines: int = 6) -> str:
        text = self.stderr.decode("utf-8", "replace").strip().splitlines()[-lines:]
        return " | ".join(ln.strip()[:300] for ln in text if ln.strip())


class _Tail(threading.Thread):
    """Reads a pipe to its end, keeping only the last ``limit`` bytes."""

    def __init__(self, fd: int, limit: int) -> None:
        super().__init__(daemon=True)
        self.fd, self.limit = fd, limit
        self.chunks: deque[bytes] = deque()
        self.size = 0

    def run(self) -> None:
        try:
            while chunk := os.read(self.fd, 65536):
                self.chunks.append(chunk)
                self.size += len(chunk)
                while self.size - len(self.chunks[0]) >= self.limit:
                    self.size -= len(self.chunks.popleft())
        except OSError:
            pass
        finally:
            os.close(self.fd)

    def data(self) -> bytes:
        return b"".join(self.chunks)[-self.limit :]


def _run_child(
    proj: StackProject, address: str, env: dict[str, str], timeout_seconds: float, mib: int
) -> _Outcome:
    status_r, status_w = os.pipe()
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    directory = proj.directory.resolve()
    args = [
        *("--monitor", address, "--engine", address),
        *("--project", proj.name, "--stack", proj.stack, "--pwd", str(directory)),
        *("--dry-run", env["PULUMI_DRY_RUN"], "--memory-limit-mib", str(mib)),
        str(proj.program.resolve()),
    ]
    try:
        proc = _start(args, env, directory, (out_w, err_w, status_w))
    finally:
        for fd in (status_w, out_w, err_w):
            os.close(fd)
    readers = [_Tail(status_r, STATUS_MAX_BYTES), _Tail(out_r, OUTPUT_TAIL_BYTES)]
    readers.append(_Tail(err_r, OUTPUT_TAIL_BYTES))
    for reader in readers:
        reader.start()
    try:
        timed_out = not proc.wait(timeout_seconds)
    finally:
        proc.kill_group()
    for reader in readers:
        reader.join(_GRACE_SECONDS)
    status, stdout, stderr = (r.data() for r in readers)
    return _Outcome(proc.returncode, timed_out, status, stdout, stderr)


def _start(
    args: list[str], env: dict[str, str], directory: Path, fds: tuple[int, int, int]
) -> ProgramProcess:
    """``python -m pulumi_aihw.preview.child args`` in its own session: forked from the
    warm server when one is on (:mod:`pulumi_aihw.preview.warm`), else started cold."""
    server = warm.server()
    if server is not None:
        started = server.spawn(args, env, str(directory), fds)
        if started is not None:
            return started
    out_w, err_w, status_w = fds
    command = [sys.executable, "-u", "-m", "pulumi_aihw.preview.child", *args[:-1]]
    command += ["--status-fd", str(status_w), args[-1]]
    proc = subprocess.Popen(
        command,
        cwd=directory,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=out_w,
        stderr=err_w,
        pass_fds=(status_w,),
        start_new_session=True,
    )
    return ColdProcess(proc)


def _failure(
    outcome: _Outcome, state: MonitorState, proj: StackProject, timeout_seconds: float, mib: int
) -> AihwError | None:
    """Why the run failed, or ``None`` for a run that may be judged."""
    program = str(proj.program)
    if outcome.timed_out:
        return StackTimeoutError(
            Problem(
                f"the program did not finish within {timeout_seconds:g} s and was stopped. "
                "To fix: make it finish, or raise --timeout-seconds",
                file=program,
            )
        )
    if state.flooded:
        return StackTamperedError(Problem(state.flooded, file=program))
    report = outcome.report()
    kind = report.get("kind") if isinstance(report, dict) else None
    if kind == "memory" or any(m in outcome.stderr_tail(20) for m in _OUT_OF_MEMORY):
        return StackMemoryError(
            Problem(
                f"the program needed more than {mib} MiB of memory and was stopped. To fix: "
                "use less, or raise --memory-limit-mib",
                file=program,
            )
        )
    if isinstance(report, dict) and report.get("status") == "failed":
        error = from_wire(report)
        if error is not None:
            return error
    if outcome.returncode == 0 and state.finished and report == {"status": "ok"}:
        return None
    return StackExitedEarlyError(Problem(_early_exit(outcome, state), file=program))


def _early_exit(outcome: _Outcome, state: MonitorState) -> str:
    code = outcome.returncode
    if code is None:
        how = "ended when the process it was forked from stopped"
    else:
        how = f"was killed by signal {-code}" if code < 0 else f"exited {code}"
    if not state.finished:
        what = f"{how} before it finished (os._exit, a crash or a signal)"
    else:
        what = f"{how} after it finished, without reporting how it ended"
    tail = outcome.stderr_tail()
    registered = len(state.recording.resources)
    return f"the program {what}; the {registered} resource(s) it registered are not judged" + (
        f". Its last output: {tail}" if tail else ""
    )


def _fingerprint(path: Path) -> tuple[int, int, int, int, int] | None:
    """What changes when a file is written, replaced or touched (ctime cannot be set back)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
