"""CLI start-up cost, before and after a change, measured in one run (these machines are
shared and noisy: compare the ratios, not the absolute figures).

    python benchmarks/cli_startup.py [--before DIR] [--after DIR] [--runs 7] [--bytecode]

Each command runs as ``python -m pulumi_aihw ...`` with ``PYTHONPATH`` set to a checkout
(``--before``, e.g. a worktree of main; ``--after``, default this checkout), alternating
between them; the median wall time and CPU time (user + system of the child) are
reported per command, with the after/before ratio. It also reports whether ``--version``
and ``--help`` imported the planner (they must not).

Aims (issue 18): ``--version`` and ``--help`` under 0.3 s CPU; ``plan`` on one spec under
0.4 s wall.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = "stacks/aws-inferentia-inference/workload.yaml"
COMMANDS = {
    "--version": ["--version"],
    "--help": ["--help"],
    "plan": ["plan", SPEC],
    "plan --format json": ["plan", SPEC, "--format", "json"],
}


BYTECODE = {"PYTHONDONTWRITEBYTECODE": os.environ.get("PYTHONDONTWRITEBYTECODE", "")}
"""``--bytecode`` clears it: modules are compiled once and cached, as in an installed
package (this machine sets PYTHONDONTWRITEBYTECODE=1, so an editable checkout compiles
every module on every run)."""


def run_once(checkout: Path, args: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one ``python -m pulumi_aihw ARGS`` in ``checkout``."""
    env = {**os.environ, "PYTHONPATH": str(checkout), "COLUMNS": "100", **BYTECODE}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pulumi_aihw", *args],
        cwd=checkout,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def imports_planner(checkout: Path, args: list[str]) -> bool:
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['aihw', *{args!r}]\n"
        "try:\n    runpy.run_module('pulumi_aihw', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print('pulumi_aihw.planner' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(checkout), **BYTECODE}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=checkout, env=env, capture_output=True, text=True
    )
    return out.stderr.strip().endswith("True")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", type=Path, help="checkout to compare with (e.g. main)")
    ap.add_argument("--after", type=Path, default=ROOT)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument(
        "--bytecode", action="store_true", help="cache compiled modules, as an install does"
    )
    args = ap.parse_args()
    if args.bytecode:
        BYTECODE["PYTHONDONTWRITEBYTECODE"] = ""
    sides = {"after": args.after.resolve()}
    if args.before is not None:
        sides = {"before": args.before.resolve(), **sides}
    if args.bytecode:  # one warm-up run per checkout writes the caches
        for checkout in sides.values():
            run_once(checkout, COMMANDS["plan"])
    for name, argv in COMMANDS.items():
        samples: dict[str, list[tuple[float, float]]] = {side: [] for side in sides}
        for _ in range(args.runs):
            for side, checkout in sides.items():
                samples[side].append(run_once(checkout, argv))
        medians = {
            side: (statistics.median(w for w, _ in s), statistics.median(c for _, c in s))
            for side, s in samples.items()
        }
        parts = [f"{side} {w:.3f} s wall {c:.3f} s CPU" for side, (w, c) in medians.items()]
        if "before" in medians:
            (bw, bc), (aw, ac) = medians["before"], medians["after"]
            parts.append(f"ratio after/before: wall {aw / bw:.2f}, CPU {ac / bc:.2f}")
        print(f"aihw {name:20} " + "; ".join(parts))
    for name in ("--version", "--help"):
        for side, checkout in sides.items():
            loaded = imports_planner(checkout, COMMANDS[name])
            print(f"aihw {name} ({side}) imports the planner: {'yes' if loaded else 'no'}")


if __name__ == "__main__":
    main()
