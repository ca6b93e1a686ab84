"""The shared preview engine: recording, repeatability, config, unknowns, broken programs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pulumi
import pytest

from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.errors import NoFeasiblePlanError, StackError
from pulumi_aihw.preview import run_program, run_stack
from pulumi_aihw.preview.mocks import SECRET_MARKER
from tests.run import python


def small_program() -> None:
    import pulumi_aws as aws

    class Box(pulumi.ComponentResource):
        def __init__(self, name: str) -> None:
            super().__init__("test:index:Box", name, {"size": 3})
            sg = aws.ec2.SecurityGroup(
                f"{name}-sg", vpc_id="vpc-1", opts=pulumi.ResourceOptions(parent=self)
            )
            aws.ec2.Instance(
                f"{name}-vm",
                instance_type="g6.xlarge",
                vpc_security_group_ids=[sg.id],
                user_data=pulumi.Output.secret("token=abc"),
                opts=pulumi.ResourceOptions(parent=self),
            )
            self.register_outputs({"sg": sg.id, "size": 3})

    box = Box("box")
    pulumi.export("name", "box")
    pulumi.export("urn", box.urn)


def test_records_the_tree_with_engine_inputs():
    p = run_program(small_program, project="proj", stack="dev")
    by_type = {r.type: r for r in p.resources}
    stack = by_type["pulumi:pulumi:Stack"]
    box = by_type["test:index:Box"]
    vm = by_type["aws:ec2/instance:Instance"]
    assert stack.parent is None and stack.name == "proj-dev"
    assert box.parent == stack.urn and not box.custom and box.inputs == {"size": 3.0}
    assert vm.parent == box.urn and vm.custom
    assert vm.inputs["instanceType"] == "g6.xlarge"  # engine camelCase
    assert vm.inputs["vpcSecurityGroupIds"] == [UNKNOWN]  # the group's id, unknown in a preview
    assert vm.inputs["userData"] == SECRET_MARKER
    assert box.outputs == {"sg": UNKNOWN, "size": 3.0}
    assert p.outputs["name"] == "box" and p.outputs["urn"] == box.urn
    assert [r.urn for r in p.resources] == sorted(r.urn for r in p.resources)
    assert (p.project, p.stack) == ("proj", "dev")


def test_after_an_up_ids_are_placeholders():
    p = run_program(small_program, dry_run=False)
    vm = p.of_type("aws:ec2/instance:Instance")[0]
    assert vm.inputs["vpcSecurityGroupIds"][0].startswith("securitygroup-0")


def test_runs_are_repeatable_and_independent():
    first = run_program(small_program)
    second = run_program(small_program)
    assert first == second
    other = run_program(lambda: pulumi.export("x", 1), project="other")
    assert [r.type for r in other.resources] == ["pulumi:pulumi:Stack"]
    assert other.outputs == {"x": 1.0}


def test_config_is_visible_during_the_run_only():
    seen = {}

    def program() -> None:
        cfg = pulumi.Config()
        seen["objective"] = cfg.get("objective")
        seen["deploy"] = cfg.get_object("deploy")
        seen["region"] = pulumi.Config("aws").get("region")

    run_program(
        program,
        project="demo",
        config={
            "demo:objective": "power",
            "demo:deploy": '{"aws": {"vpc_id": "vpc-1"}}',
            "aws:region": "eu-west-1",
        },
    )
    assert seen == {
        "objective": "power",
        "deploy": {"aws": {"vpc_id": "vpc-1"}},
        "region": "eu-west-1",
    }
    run_program(program, project="demo")
    assert seen["objective"] is None


def test_logs_and_unanswered_invokes_become_diagnostics():
    def program() -> None:
        import pulumi_aws as aws

        pulumi.log.warn("lock file is stale")
        aws.ec2.get_instance_type_output(instance_type="g6.xlarge")

    p = run_program(program)
    assert "warning: lock file is stale" in p.diagnostics
    assert any(
        "aws:ec2/getInstanceType:getInstanceType has no offline placeholder" in d
        for d in p.diagnostics
    )


def test_program_exceptions_propagate_from_run_program():
    def program() -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        run_program(program)
    assert run_program(lambda: None).resources  # the engine still works afterwards


def stack(tmp_path: Path, main: str, **files: str) -> Path:
    (tmp_path / "Pulumi.yaml").write_text("name: demo\nruntime: python\n")
    (tmp_path / "__main__.py").write_text(main)
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    return tmp_path


def test_run_stack_runs_in_the_stack_directory_with_its_modules(tmp_path):
    d = stack(
        tmp_path,
        "import os, pulumi, helper\npulumi.export('cwd', os.getcwd())\n"
        "pulumi.export('greeting', helper.GREETING)\n"
        "pulumi.export('region', pulumi.Config('aws').get('region'))\n",
        **{
            "helper.py": "GREETING = 'hi'\n",
            "Pulumi.dev.yaml": "config:\n  aws:region: us-west-2\n",
        },
    )
    before = os.getcwd()
    p = run_stack(d)
    assert p.outputs == {"cwd": str(d.resolve()), "greeting": "hi", "region": "us-west-2"}
    assert os.getcwd() == before and "helper" not in sys.modules
    assert str(d.resolve()) not in sys.path
    assert p.stack_dir == str(d)


def test_syntax_error_names_file_and_line(tmp_path):
    d = stack(tmp_path, "import pulumi\n\nx = (\n")
    with pytest.raises(StackError) as err:
        run_stack(d)
    problem = err.value.problems[0]
    assert problem.file == str(d / "__main__.py") and problem.line == 3
    assert "syntax error" in problem.message


def test_exception_names_file_line_and_error(tmp_path):
    d = stack(tmp_path, "import pulumi\n\npulumi.export('a', 1)\nraise ValueError('no subnet')\n")
    before = os.getcwd()
    with pytest.raises(StackError) as err:
        run_stack(d)
    problem = err.value.problems[0]
    assert (problem.file, problem.line) == (str(d / "__main__.py"), 4)
    assert problem.message == "the program failed: ValueError: no subnet"
    assert os.getcwd() == before


def test_sys_exit_in_the_program_is_a_stack_error(tmp_path):
    d = stack(tmp_path, "import sys\nsys.exit(3)\n")
    with pytest.raises(StackError, match="SystemExit: 3") as err:
        run_stack(d)
    assert err.value.problems[0].line == 2


def test_exception_in_a_local_module_points_there(tmp_path):
    d = stack(tmp_path, "import helper\nhelper.go()\n", **{"helper.py": "def go():\n    1 / 0\n"})
    with pytest.raises(StackError) as err:
        run_stack(d)
    problem = err.value.problems[0]
    assert (problem.file, problem.line) == (str(d / "helper.py"), 2)
    assert "ZeroDivisionError" in problem.message


def test_aihw_errors_keep_their_problems_and_exit_codes(tmp_path):
    d = stack(
        tmp_path,
        "from pulumi_aihw import Workload\nWorkload('chat', {'spec_file': 'missing.yaml'})\n",
    )
    with pytest.raises(StackError) as err:
        run_stack(d)
    head, cause = err.value.problems
    assert head.file == str(d / "__main__.py") and head.line == 2
    assert "workload spec not found" in cause.message and cause.file == "missing.yaml"

    spec = (
        "name: chat\nowner: me\nphase: inference\nmodel: {name: m, parameters_billion: 70}\n"
        "demand: {tokens_per_second: 100}\nconstraints: {max_usd_per_month: 1}\n"
    )
    d2 = tmp_path / "s2"
    d2.mkdir()
    stack(
        d2,
        "from pulumi_aihw import Workload\nWorkload('chat', {'spec_file': 'w.yaml'})\n",
        **{"w.yaml": spec},
    )
    with pytest.raises(NoFeasiblePlanError) as err2:
        run_stack(d2)
    assert err2.value.exit_code == 1 and str(d2 / "__main__.py") in str(err2.value)


def test_event_loops_left_by_the_mock_runtime_are_closed_at_exit():
    """Pulumi's mocks give each worker thread an event loop and never close it; at exit
    such a loop could die before or after its sockets and print an ignored exception
    after a command finished. The engine closes them at exit."""
    code = (
        "import asyncio, gc\n"
        "from pulumi_aihw.preview import engine\n"
        "from tests.targets.engine import preview_workload\n"
        "from tests.specs import gpu_inference\n"
        "preview_workload(gpu_inference())\n"
        "def loops():\n"
        "    return [o for o in gc.get_objects() if isinstance(o, asyncio.BaseEventLoop)]\n"
        "assert [lp for lp in loops() if not lp.is_closed()], 'the mocks left no loop open'\n"
        "engine._close_event_loops()\n"
        "assert all(lp.is_closed() for lp in loops())\n"
        "assert engine._closing_loops_at_exit  # registered with atexit on the first run\n"
    )
    out = python("-c", code)
    assert out.returncode == 0, out.stderr
    assert "Exception ignored" not in out.stderr


def remote_component_program() -> None:
    import pulumi_aws as aws
    import pulumi_eks as eks

    role = aws.iam.Role("role", assume_role_policy="{}")
    cluster = eks.Cluster("cluster", skip_default_node_group=True, vpc_id="vpc-1")
    eks.ManagedNodeGroup(
        "gpu",
        cluster=cluster,
        node_role=role,
        instance_types=["p4d.24xlarge"],
        scaling_config={"desired_size": 1, "min_size": 0, "max_size": 2},
    )


def test_resource_references_are_recorded_as_urns_and_ids_not_rehydrated():
    """Remote components (pulumi-eks) always send resource references; rehydrating them on
    the mock monitor's worker thread used to hang the run for ever."""
    p = run_program(remote_component_program, project="proj", stack="dev")
    by_name = {r.name: r for r in p.resources}
    group = by_name["gpu"]
    assert group.inputs["cluster"] == by_name["cluster"].urn
    assert group.inputs["nodeRole"] is UNKNOWN  # a custom resource's id, unknown in a preview
    assert group.inputs["instanceTypes"] == ["p4d.24xlarge"]
    assert group.inputs["scalingConfig"] == {"desiredSize": 1.0, "minSize": 0.0, "maxSize": 2.0}
