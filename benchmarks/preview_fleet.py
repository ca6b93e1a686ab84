"""Benchmark: offline preview of a 1,000-node fleet vs a 10-node one, and vs raw Pulumi mocks.

    python benchmarks/preview_fleet.py [--repeat 9] [--instances]

One run prints three timings (median of ``--repeat`` runs, after a warm-up that pays
for the imports) and two ratios:

- fleet ratio: ``aihw`` preview of 1,000 g6.xlarge nodes / 10 nodes. Both plan to one
  Auto Scaling group, so the resource count and the time should be about equal (~1).
- overhead ratio: ``aihw`` preview of the 1,000-node stack / the same program (same
  Workload, same resources) run under raw ``pulumi.runtime.set_mocks`` with the stock
  MockMonitor and ``@pulumi.runtime.test``. The difference is what the preview engine adds:
  reading Pulumi.yaml and stack config, the recording monitor, cwd handling (~1: little).
- for reference, a replay of the recorded resources as generic ``pulumi.CustomResource`` /
  ``ComponentResource`` (no planning, no pulumi_aws classes): the floor of the mock engine.

``--instances`` also times raw mocks registering 1,000 ``aws.ec2.Instance``: what a fleet
would cost if every node were its own resource.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pulumi
import yaml
from pulumi.runtime import mocks, settings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pulumi_aihw.contracts import UNKNOWN, StackPreview  # noqa: E402
from pulumi_aihw.preview import run_stack  # noqa: E402
from pulumi_aihw.preview.invokes import INVOKES  # noqa: E402

MAIN = 'from pulumi_aihw import Workload\nWorkload("fleet", {"spec_file": "workload.yaml"})\n'


def fleet_stack(directory: Path, nodes: int) -> Path:
    directory.mkdir()
    (directory / "Pulumi.yaml").write_text(f"name: fleet-{nodes}\nruntime: python\n")
    (directory / "__main__.py").write_text(MAIN)
    spec = {
        "name": f"fleet-{nodes}",
        "owner": "bench",
        "phase": "inference",
        "model": {"name": "m", "parameters_billion": 8},
        "pin": {"offering": "g6.xlarge", "units": nodes},
        "placement": {"providers": ["aws"], "regions": ["us-east-1"]},
    }
    (directory / "workload.yaml").write_text(yaml.safe_dump(spec))
    return directory


def timed(fn: Callable[[], Any], repeat: int) -> float:
    fn()  # warm-up: imports and caches
    samples = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _plain(value: Any) -> Any:
    if value is UNKNOWN:
        return "unknown"
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class Echo(mocks.Mocks):
    """Stock-style mocks: new resources echo their inputs; invokes get the preview's
    placeholder answers (the same data, without the preview engine around it)."""

    def new_resource(self, args: mocks.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        return "", dict(args.inputs)

    def call(self, args: mocks.MockCallArgs) -> tuple[dict[str, Any], list[Any]]:
        return INVOKES[args.token](dict(args.args)), []


def under_raw_mocks(program: Callable[[], None]) -> Callable[[], None]:
    """``program`` under ``pulumi.runtime.set_mocks`` and the stock MockMonitor."""

    @pulumi.runtime.test
    def run() -> None:
        program()

    def go() -> None:
        settings.reset_options(project="raw", stack="dev", preview=True)
        pulumi.runtime.set_mocks(Echo(), project="raw", stack="dev", preview=True)
        run()

    return go


def raw_replay(preview: StackPreview) -> Callable[[], None]:
    """Register the preview's resources again as generic resources, nothing else."""
    records = [r for r in preview.resources if r.type != "pulumi:pulumi:Stack"]
    urns = {r.urn for r in records}

    def program() -> None:
        made: dict[str, pulumi.Resource] = {}
        pending = list(records)
        while pending:  # parents before children
            later = []
            for r in pending:
                if r.parent in urns and r.parent not in made:
                    later.append(r)
                    continue
                opts = pulumi.ResourceOptions(parent=made.get(r.parent or ""))
                cls = pulumi.CustomResource if r.custom else pulumi.ComponentResource
                made[r.urn] = cls(r.type, r.name, _plain(r.inputs), opts)
            pending = later

    return under_raw_mocks(program)


def raw_program(stack_dir: Path) -> Callable[[], None]:
    """The stack's own program under stock mocks: same Workload, same resources."""
    code = compile((stack_dir / "__main__.py").read_text(), "__main__.py", "exec")
    run = under_raw_mocks(lambda: exec(code, {"__name__": "__main__"}))

    def go() -> None:
        old = os.getcwd()
        os.chdir(stack_dir)
        try:
            run()
        finally:
            os.chdir(old)

    return go


def raw_instances(count: int) -> Callable[[], None]:
    """``count`` aws.ec2.Instance: what a fleet would cost as one resource per node."""
    import pulumi_aws as aws

    def program() -> None:
        for i in range(count):
            aws.ec2.Instance(f"node-{i}", instance_type="g6.xlarge", ami="ami-0123")

    return under_raw_mocks(program)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--instances", action="store_true", help="also time 1,000 raw instances")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small = fleet_stack(Path(tmp) / "fleet-10", 10)
        large = fleet_stack(Path(tmp) / "fleet-1000", 1000)
        t_small = timed(lambda: run_stack(small), opts.repeat)
        t_large = timed(lambda: run_stack(large), opts.repeat)
        t_raw = timed(raw_program(large), opts.repeat)
        preview = run_stack(large)
        t_floor = timed(raw_replay(preview), opts.repeat)
        n_small, n_large = len(run_stack(small).resources), len(preview.resources)
    print(
        f"aihw preview, 10 nodes:                  {t_small * 1000:7.1f} ms  ({n_small} resources)"
    )
    print(
        f"aihw preview, 1,000 nodes:               {t_large * 1000:7.1f} ms  ({n_large} resources)"
    )
    print(f"raw pulumi mocks, same program:          {t_raw * 1000:7.1f} ms")
    print(f"raw replay as generic resources (floor): {t_floor * 1000:7.1f} ms")
    print(f"fleet ratio (1,000 / 10 nodes):          {t_large / t_small:7.2f}")
    print(f"overhead ratio (aihw / raw mocks):       {t_large / t_raw:7.2f}")
    if opts.instances:
        t_inst = timed(raw_instances(1000), 1)
        print(f"for scale: raw mocks, 1,000 aws.ec2.Instance: {t_inst * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
