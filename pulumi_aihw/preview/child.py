"""The process an isolated preview runs a stack's program in, the way Pulumi's Python
language host runs it (``pulumi-language-python-exec``): connect the SDK to the monitor
and engine addresses it is given, read the stack config from ``PULUMI_CONFIG``, run
``__main__.py`` inside a new stack, report how it ended.

Started by :func:`pulumi_aihw.preview.isolated.run_stack_isolated` as
``python -m pulumi_aihw.preview.child ...`` with a scrubbed environment. Before the
program runs, the address space is capped (``RLIMIT_AS``, soft and hard). The outcome
is one JSON line on the status descriptor: ``{"status": "ok"}`` or
``{"status": "failed", ...}`` (:func:`pulumi_aihw.preview.failure.to_wire`). The program
can write there too; the checker therefore never takes a pass from this process alone:
it also needs the SDK's end-of-program signal at its monitor and a clean exit.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import IO, Any

EXIT_FAILED = 1
EXIT_BAD_USE = 64


def _limit_memory(mib: int) -> None:
    import resource

    limit = mib * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _parse(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m pulumi_aihw.preview.child")
    ap.add_argument("--monitor", required=True)
    ap.add_argument("--engine", required=True)
    ap.add_argument("--project", required=True)
    ap.add_argument("--stack", required=True)
    ap.add_argument("--pwd", required=True)
    ap.add_argument("--dry-run", choices=("true", "false"), default="true")
    ap.add_argument("--memory-limit-mib", type=int, default=0)
    ap.add_argument("--status-fd", type=int, required=True)
    ap.add_argument("program")
    return ap.parse_args(argv)


def _out_of_memory(exc: BaseException) -> bool:
    """The address-space cap shows as a MemoryError, or as a thread that cannot start."""
    return isinstance(exc, MemoryError) or (
        isinstance(exc, RuntimeError) and "can't start new thread" in str(exc)
    )


def _report(status: IO[str], data: dict[str, Any]) -> None:
    status.write(json.dumps(data) + "\n")
    status.flush()


def run(args: argparse.Namespace, status: IO[str]) -> int:
    """Run the program; report and return the exit code."""
    import asyncio
    import logging
    import runpy

    from pulumi.runtime import settings
    from pulumi.runtime.config import get_config_env, get_config_secret_keys_env, set_all_config
    from pulumi.runtime.stack import run_in_stack

    from pulumi_aihw.preview.failure import program_failure, to_wire

    directory = Path(args.pwd)
    program = Path(args.program)
    set_all_config(get_config_env(), get_config_secret_keys_env())
    settings.configure(
        settings.Settings(
            project=args.project,
            stack=args.stack,
            monitor=args.monitor,
            engine=args.engine,
            parallel=4,
            dry_run=args.dry_run == "true",
            organization="organization",
            root_directory=str(directory),
        )
    )
    os.chdir(directory)
    sys.path.insert(0, str(directory))
    sys.argv = [str(program)]
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:

        def main() -> None:
            runpy.run_path(str(program), run_name="__main__")

        loop.run_until_complete(run_in_stack(main))
    except (Exception, SystemExit) as exc:  # reported to the checker
        if _out_of_memory(exc):
            _report(status, {"status": "failed", "kind": "memory"})
        else:
            error = program_failure(exc, directory, program)
            _report(status, {"status": "failed", **to_wire(error)})
        return EXIT_FAILED
    _report(status, {"status": "ok"})
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    if args.memory_limit_mib > 0:
        _limit_memory(args.memory_limit_mib)
    status = os.fdopen(args.status_fd, "w", encoding="utf-8")
    try:
        return run(args, status)
    except MemoryError:
        _report(status, {"status": "failed", "kind": "memory"})
        return EXIT_FAILED


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Skip interpreter teardown: threads and loops the program left cannot hang the exit.
    os._exit(code)
