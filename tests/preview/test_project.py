"""Reading Pulumi.yaml and stack config the way the Pulumi CLI would."""

from __future__ import annotations

import json

import pytest

from pulumi_aihw.errors import StackError
from pulumi_aihw.preview.project import SECRET_PLACEHOLDER, read_project


def make(tmp_path, project: str, stacks: dict[str, str] | None = None, main: str = "x = 1\n"):
    (tmp_path / "Pulumi.yaml").write_text(project)
    (tmp_path / "__main__.py").write_text(main)
    for name, text in (stacks or {}).items():
        (tmp_path / f"Pulumi.{name}.yaml").write_text(text)
    return tmp_path


def test_project_runtime_and_program(tmp_path):
    d = make(tmp_path, "name: demo\nruntime:\n  name: python\n  options: {toolchain: pip}\n")
    p = read_project(d)
    assert (p.name, p.runtime, p.stack) == ("demo", "python", "dev")
    assert p.program == d / "__main__.py"


def test_main_can_name_a_directory_or_file(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "__main__.py").write_text("")
    (tmp_path / "app.py").write_text("")
    (tmp_path / "Pulumi.yaml").write_text("name: a\nruntime: python\nmain: src\n")
    assert read_project(tmp_path).program == tmp_path / "src" / "__main__.py"
    (tmp_path / "Pulumi.yaml").write_text("name: a\nruntime: python\nmain: app.py\n")
    assert read_project(tmp_path).program == tmp_path / "app.py"


def test_config_is_namespaced_and_string_valued(tmp_path):
    stack = (
        "config:\n"
        "  aws:region: us-west-2\n"
        "  replicas: 3\n"
        "  debug: true\n"
        "  deploy: {aws: {subnet_ids: [subnet-a]}}\n"
        "  token: {secure: v1:abc}\n"
    )
    d = make(tmp_path, "name: demo\nruntime: python\n", {"prod": stack})
    p = read_project(d)
    assert p.stack == "prod"  # the only stack file
    assert p.config["aws:region"] == "us-west-2"
    assert p.config["demo:replicas"] == "3" and p.config["demo:debug"] == "true"
    assert json.loads(p.config["demo:deploy"]) == {"aws": {"subnet_ids": ["subnet-a"]}}
    assert p.config["demo:token"] == SECRET_PLACEHOLDER
    assert p.secret_keys == ("demo:token",)


def test_project_level_defaults_under_stack_values(tmp_path):
    project = (
        "name: demo\nruntime: python\nconfig:\n"
        "  objective: {type: string, default: cost}\n"
        "  size: {type: integer, default: 2}\n"
        "  plain: hello\n"
    )
    d = make(tmp_path, project, {"dev": "config:\n  demo:objective: power\n"})
    p = read_project(d)
    assert p.config == {"demo:objective": "power", "demo:size": "2", "demo:plain": "hello"}


def test_several_stacks_default_to_dev_and_a_missing_one_is_named(tmp_path):
    d = make(tmp_path, "name: demo\nruntime: python\n", {"dev": "", "prod": ""})
    assert read_project(d).stack == "dev"
    with pytest.raises(StackError, match=r"stack 'qa' has no config file \(stacks: dev, prod\)"):
        read_project(d, "qa")


@pytest.mark.parametrize(
    ("project", "message"),
    [
        ("runtime: python\n", "'name' is missing"),
        ("name: a\nruntime: nodejs\n", "runtime 'nodejs' is not supported"),
        ("name: a\nruntime: python\nmain: nowhere\n", "does not exist"),
        ("name: [a\n", "malformed YAML"),
        ("- a\n", "expected a YAML mapping"),
    ],
)
def test_broken_projects(tmp_path, project, message):
    make(tmp_path, project)
    with pytest.raises(StackError, match=message) as err:
        read_project(tmp_path)
    assert err.value.problems[0].file.endswith("Pulumi.yaml")


def test_missing_directory_and_project_file(tmp_path):
    with pytest.raises(StackError, match="stack directory not found"):
        read_project(tmp_path / "nope")
    with pytest.raises(StackError, match="Pulumi project file is missing"):
        read_project(tmp_path)
