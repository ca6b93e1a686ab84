"""The isolated runner: a stack's program in its own process, talking to the checker's
resource monitor over Pulumi's gRPC protocol. Every way a program can end other than
finishing is a failed stack of its own kind, never a preview to judge."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from pulumi_aihw.errors import (
    NoFeasiblePlanError,
    StackError,
    StackExitedEarlyError,
    StackMemoryError,
    StackProgramError,
    StackTamperedError,
    StackTimeoutError,
)
from pulumi_aihw.preview import run_stack, warm
from pulumi_aihw.preview.isolated import child_environment, run_stack_isolated
from pulumi_aihw.preview.limits import ENV_ALLOWED
from pulumi_aihw.preview.project import read_project
from pulumi_aihw.preview.warm import WARM_MIN_STACKS, warm_start

from ..conftest import ROOT_DIR


@pytest.fixture(autouse=True, scope="module", params=["cold", "warm"])
def start(request):
    """Every test runs twice: each program's process started cold, and forked from the
    warm server (what ``aihw check`` uses for a batch of stacks)."""
    if request.param == "cold":
        yield "cold"
        return
    with warm_start(WARM_MIN_STACKS):
        assert warm.server() is not None
        yield "warm"


RAW = (
    "import pulumi\n"
    "pulumi.CustomResource('aws:ec2/instance:Instance', 'gpu', {'instanceType': 'p5.48xlarge'})\n"
)


def stack(root: Path, name: str, main: str, **files: str) -> Path:
    d = root / name
    d.mkdir()
    (d / "Pulumi.yaml").write_text(f"name: {name}\nruntime: python\n")
    (d / "__main__.py").write_text(main)
    for file, text in files.items():
        (d / file).write_text(text)
    return d


def test_an_example_stack_previews_the_same_as_in_process():
    d = ROOT_DIR / "stacks" / "aws-inferentia-inference"
    assert run_stack_isolated(d) == run_stack(d)


def test_config_exports_cwd_and_local_modules_as_under_pulumi(tmp_path):
    d = stack(
        tmp_path,
        "demo",
        "import os, pulumi, helper\npulumi.export('cwd', os.getcwd())\n"
        "pulumi.export('greeting', helper.GREETING)\n"
        "pulumi.export('region', pulumi.Config('aws').get('region'))\n"
        "pulumi.log.warn('careful')\nprint('hello')\n",
        **{
            "helper.py": "GREETING = 'hi'\n",
            "Pulumi.dev.yaml": "config:\n  aws:region: eu-west-1\n",
        },
    )
    p = run_stack_isolated(d)
    assert p.outputs == {"cwd": str(d.resolve()), "greeting": "hi", "region": "eu-west-1"}
    assert p.diagnostics == ("warning: careful", "info: hello")
    assert p.stack_dir == str(d)


def test_the_program_sees_only_the_allowed_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "do-not-leak")
    monkeypatch.setenv("GITHUB_TOKEN", "ghs_do-not-leak")
    monkeypatch.setenv("AIHW_SPECIAL", "passed on purpose")
    d = stack(tmp_path, "env", "import os, pulumi\npulumi.export('names', sorted(os.environ))\n")
    names = run_stack_isolated(d, pass_env=["AIHW_SPECIAL"]).outputs["names"]
    pulumi_names = {n for n in names if n.startswith("PULUMI_")}
    assert pulumi_names <= {
        "PULUMI_CONFIG",
        "PULUMI_CONFIG_SECRET_KEYS",
        "PULUMI_PROJECT",
        "PULUMI_STACK",
        "PULUMI_DRY_RUN",
    }
    others = set(names) - pulumi_names - {"MALLOC_ARENA_MAX", "AIHW_SPECIAL"}
    assert all(n in ENV_ALLOWED or n.startswith("LC_") for n in others), others
    assert "AWS_SECRET_ACCESS_KEY" not in names and "GITHUB_TOKEN" not in names
    assert "AIHW_SPECIAL" in names


def test_child_environment_carries_the_stack_config_as_the_cli_does(tmp_path, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIA...")
    d = stack(tmp_path, "cfg", RAW, **{"Pulumi.dev.yaml": "config:\n  aws:region: us-west-2\n"})
    env = child_environment(read_project(d))
    assert env["PULUMI_CONFIG"] == '{"aws:region": "us-west-2"}'
    assert "AWS_ACCESS_KEY_ID" not in env


@pytest.mark.parametrize(
    ("main", "error", "message"),
    [
        (RAW + "import os\nos._exit(0)\n", StackExitedEarlyError, "exited 0 before it finished"),
        ("import os\nos._exit(0)\n" + RAW, StackExitedEarlyError, "exited 0 before it finished"),
        (
            RAW + "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n",
            StackExitedEarlyError,
            "killed by signal 9",
        ),
        (RAW + "raise ValueError('no subnet')\n", StackProgramError, "ValueError: no subnet"),
        (RAW + "import sys\nsys.exit(0)\n", StackProgramError, "SystemExit: 0"),
        ("import pulumi\n\nx = (\n", StackProgramError, "syntax error"),
        (
            RAW + "import os\nprint(os.environ['AIHW_CHECKER_SECRET'])\n",
            StackProgramError,
            "KeyError: 'AIHW_CHECKER_SECRET'",
        ),
        (RAW + "x = bytearray(8 * 1024**3)\n", StackMemoryError, "more than 512 MiB"),
        (
            "import pulumi\nfor i in range(200):\n"
            "    pulumi.CustomResource('aws:ec2/instance:Instance', f'r{i}', {})\n",
            StackTamperedError,
            "more than",
        ),
    ],
    ids=[
        "os-exit-at-the-end",
        "os-exit-first",
        "killed",
        "raises",
        "sys-exit-0",
        "syntax",
        "reads-the-checkers-env",
        "memory",
        "floods-the-monitor",
    ],
)
def test_a_program_that_does_not_finish_is_a_failed_stack(
    tmp_path, monkeypatch, main, error, message
):
    monkeypatch.setenv("AIHW_CHECKER_SECRET", "only the checker has it")
    monkeypatch.setattr("pulumi_aihw.preview.monitor.MAX_RESOURCES", 50)
    d = stack(tmp_path, "bad", main)
    with pytest.raises(error, match=message) as err:
        run_stack_isolated(d, memory_limit_mib=512)
    assert isinstance(err.value, StackError)
    assert err.value.problems[0].file.startswith(str(d))


def test_a_program_past_the_time_limit_is_stopped(tmp_path):
    d = stack(tmp_path, "slow", RAW + "import time\ntime.sleep(3600)\n")
    with pytest.raises(StackTimeoutError, match="did not finish within 2 s"):
        run_stack_isolated(d, timeout_seconds=2)


def test_a_program_writing_a_protected_file_is_a_failed_stack(tmp_path):
    out = tmp_path / "report.json"
    out.write_text("the checker's")
    d = stack(tmp_path, "forger", RAW + f"open({str(out)!r}, 'w').write('0 violations')\n")
    with pytest.raises(StackTamperedError, match="only the checker writes"):
        run_stack_isolated(d, protected=[out])
    created = tmp_path / "new.json"
    d2 = stack(tmp_path, "creator", RAW + f"open({str(created)!r}, 'w').write('x')\n")
    with pytest.raises(StackTamperedError):
        run_stack_isolated(d2, protected=[created])


def test_processes_the_program_starts_are_killed_with_it(tmp_path):
    d = stack(
        tmp_path,
        "spawner",
        RAW + "import subprocess, sys\n"
        "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(3600)'])\n"
        "pulumi.export('pid', p.pid)\n",
    )
    pid = int(run_stack_isolated(d).outputs["pid"])
    for _ in range(3000):  # SIGKILL is delivered asynchronously; it is dead long before
        if _gone(pid):
            break
        time.sleep(0.01)
    assert _gone(pid)


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state in ("Z", "X")


def test_a_workload_without_a_feasible_plan_is_a_blocking_finding(tmp_path):
    spec = (
        "name: chat\nowner: me\nphase: inference\nmodel: {name: m, parameters_billion: 70}\n"
        "demand: {tokens_per_second: 100}\nconstraints: {max_usd_per_month: 1}\n"
    )
    d = stack(
        tmp_path,
        "infeasible",
        "from pulumi_aihw import Workload\nWorkload('chat', {'spec_file': 'w.yaml'})\n",
        **{"w.yaml": spec},
    )
    with pytest.raises(NoFeasiblePlanError) as err:
        run_stack_isolated(d)
    assert err.value.exit_code == 1 and str(d / "__main__.py") in str(err.value)


def test_runs_from_several_threads_at_once(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    dirs = [stack(tmp_path, f"s{i}", RAW + f"pulumi.export('i', {i})\n") for i in range(3)]
    with ThreadPoolExecutor(3) as pool:
        previews = list(pool.map(run_stack_isolated, dirs))
    assert [p.outputs["i"] for p in previews] == [0, 1, 2]
    assert all(len(p.resources) == 2 for p in previews)


def test_no_descriptor_leaks(tmp_path):
    import gc

    def open_descriptors() -> int:
        gc.collect()  # a stopped gRPC server holds its descriptors until collected
        return len(os.listdir("/proc/self/fd"))

    d = stack(tmp_path, "ok", RAW)
    run_stack_isolated(d)  # once first: gRPC opens its polling descriptors on first use
    before = open_descriptors()
    for _ in range(3):
        run_stack_isolated(d)
    assert open_descriptors() <= before


def test_the_monitor_answers_get_resource_with_the_registered_state():
    """Remote components (pulumi-eks) send resource references; the SDK rehydrates each
    with a ``pulumi:pulumi:getResource`` invoke, which must return the resource's state."""
    from google.protobuf import struct_pb2
    from pulumi.runtime.proto import resource_pb2

    from pulumi_aihw.preview.monitor import MonitorState, RecordingResourceMonitor

    monitor = RecordingResourceMonitor(MonitorState("p", "dev", dry_run=False))
    obj = struct_pb2.Struct()
    obj.update({"instanceTypes": ["p5.48xlarge"], "scalingConfig": {"desiredSize": 2.0}})
    registered = monitor.RegisterResource(
        resource_pb2.RegisterResourceRequest(
            type="aws:eks/nodeGroup:NodeGroup", name="gpu", custom=True, object=obj
        ),
        None,
    )
    args = struct_pb2.Struct()
    args.update({"urn": registered.urn})
    answer = monitor.Invoke(
        resource_pb2.ResourceInvokeRequest(tok="pulumi:pulumi:getResource", args=args), None
    )
    result = getattr(answer, "return")
    assert result["urn"] == registered.urn and result["id"] == registered.id
    assert result["state"]["instanceTypes"][0] == "p5.48xlarge"
