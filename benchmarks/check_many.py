"""`aihw check` on a repository of 100 stacks: wall time cold (empty preview cache), warm
(every stack cached) and with one stack changed, on this machine; in one run. The cold
run is measured twice: with every program's process started cold (``AIHW_WARM_START=0``)
and forked from the warm server (the default for a batch of stacks), and the ratio.

The stacks are copies of the example stacks (every target: AWS GPU, Inferentia,
Trainium, GCP GPU and TPU, bare metal), each with its own workload name so no two share
a cache entry, beside the platform profile they extend. Each measurement is one
`aihw check FOLDER --format json` process (what CI runs), with the default --jobs (the
CPU count). The machine is shared: the load average before and after each run is
printed with it. Also measured: the previews alone through the in-process runner in
forked worker processes (``check.parallel.run_stacks(processes=True)``; trusted code
only), which is what the isolated runner costs on top of.

Usage: python benchmarks/check_many.py [--stacks 100] [--jobs N] [--skip-in-process]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(p.parent.name for p in (ROOT / "stacks").glob("*/Pulumi.yaml"))


def make_repo(root: Path, count: int) -> list[Path]:
    shutil.copytree(ROOT / "stacks" / "profiles", root / "stacks" / "profiles")
    stacks = []
    for n in range(count):
        example = EXAMPLES[n % len(EXAMPLES)]
        stack = root / "stacks" / f"team-{n:03d}"
        shutil.copytree(ROOT / "stacks" / example, stack, ignore=shutil.ignore_patterns("venv"))
        for name in ("workload.yaml", "Pulumi.dev.yaml"):
            path = stack / name
            if path.is_file():  # a name of its own: no two stacks share a cache entry
                text = re.sub(r"(?m)^(name: .+)$", rf"\1-{n:03d}", path.read_text())
                path.write_text(re.sub(r"(workloadName: .+)", rf"\1-{n:03d}", text))
        stacks.append(stack)
    return stacks


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f} (5 min {five:.1f})"


def timed_check(
    root: Path, cache: Path, jobs: int | None, **env_extra: str
) -> tuple[float, int, str]:
    args = [sys.executable, "-m", "pulumi_aihw", "check", "stacks", "--format", "json"]
    args += ["-o", str(root / "result.json")] + (["--jobs", str(jobs)] if jobs else [])
    env = {**os.environ, "AIHW_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT), **env_extra}
    before = load()
    start = time.perf_counter()
    out = subprocess.run(args, cwd=root, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if out.returncode not in (0, 1):
        sys.exit(f"aihw check failed ({out.returncode}):\n{out.stderr[-3000:]}")
    return seconds, out.returncode, f"{before} -> {load()}"


def in_process_previews(stacks: list[Path], jobs: int) -> float:
    """The previews alone, in-process runner, a forked warm worker per stack."""
    from pulumi_aihw.check.parallel import run_stacks
    from pulumi_aihw.preview.engine import run_stack

    start = time.perf_counter()
    preload = ("pulumi_aihw.preview", "pulumi_aihw.targets.workload", "pulumi_aihw.targets.preload")
    outcomes = run_stacks(
        [str(s) for s in stacks], run_stack, jobs=jobs, processes=True, preload=preload
    )
    failed = [o.stack_dir for o in outcomes if o.failure is not None]
    if failed:
        sys.exit(f"in-process previews failed: {failed[:3]}")
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stacks", type=int, default=100)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--skip-in-process", action="store_true")
    opts = ap.parse_args()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    jobs = opts.jobs or cores or 1
    with tempfile.TemporaryDirectory(prefix="aihw-check-many-") as tmp:
        root, cache = Path(tmp) / "repo", Path(tmp) / "cache"
        stacks = make_repo(root, opts.stacks)
        print(f"{opts.stacks} stacks ({len(EXAMPLES)} example kinds), {cores} cores, --jobs {jobs}")
        first = timed_check(root, Path(tmp) / "cache-cold", opts.jobs, AIHW_WARM_START="0")
        secs, code, loads = first
        print(f"cold, programs started cold:           {secs:6.1f} s  exit {code}  {loads}")
        cold = timed_check(root, cache, opts.jobs)
        print(f"cold, warm start (default):            {cold[0]:6.1f} s  exit {cold[1]}  {cold[2]}")
        print(f"  warm start / cold start: {cold[0] / first[0]:.2f}")
        warm = timed_check(root, cache, opts.jobs)
        print(f"warm (every stack cached):             {warm[0]:6.1f} s  exit {warm[1]}  {warm[2]}")
        spec = stacks[len(stacks) // 2] / "workload.yaml"
        spec.write_text(spec.read_text() + "\n# changed\n")
        one = timed_check(root, cache, opts.jobs)
        print(f"one stack changed:                     {one[0]:6.1f} s  exit {one[1]}  {one[2]}")
        if not opts.skip_in_process:
            before = load()
            seconds = in_process_previews(stacks, jobs)
            print(
                f"previews only, in-process runner in forked workers: {seconds:6.1f} s  "
                f"{before} -> {load()}"
            )


if __name__ == "__main__":
    main()
