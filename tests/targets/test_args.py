"""Component args follow Pulumi's conventions: ``<Component>Args`` in the target's
``args.py``, keyword-only, every field documented (attribute docstrings)."""

from __future__ import annotations

import ast
import dataclasses
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "pulumi_aihw" / "targets"
ARGS_MODULES = sorted(ROOT.glob("*/args.py"))

COMPONENTS = {
    "pulumi_aihw.targets.aws.component:AwsTarget": "pulumi_aihw.targets.aws.args:AwsTargetArgs",
    "pulumi_aihw.targets.gcp.component:GcpTpuTarget": (
        "pulumi_aihw.targets.gcp.args:GcpTpuTargetArgs"
    ),
    "pulumi_aihw.targets.gcp.component:GcpGpuTarget": (
        "pulumi_aihw.targets.gcp.args:GcpGpuTargetArgs"
    ),
    "pulumi_aihw.targets.baremetal.component:BareMetalTarget": (
        "pulumi_aihw.targets.baremetal.args:BareMetalTargetArgs"
    ),
}


def _load(ref: str) -> type:
    module, _, name = ref.partition(":")
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


def _undocumented(path: Path, cls_name: str) -> list[str]:
    tree = ast.parse(path.read_text())
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls_name)
    out = []
    for i, node in enumerate(cls.body):
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            nxt = cls.body[i + 1] if i + 1 < len(cls.body) else None
            documented = (
                isinstance(nxt, ast.Expr)
                and isinstance(nxt.value, ast.Constant)
                and isinstance(nxt.value.value, str)
            )
            if not documented:
                out.append(node.target.id)
    return out


def test_every_target_has_an_args_module():
    assert {p.parent.name for p in ARGS_MODULES} == {"aws", "gcp", "azure", "baremetal"}


@pytest.mark.parametrize(("component", "args"), sorted(COMPONENTS.items()))
def test_component_args_are_named_after_their_component(component: str, args: str):
    comp, arg_cls = _load(component), _load(args)
    assert arg_cls.__name__ == f"{comp.__name__}Args"
    assert arg_cls.__module__.endswith(".args")


@pytest.mark.parametrize("path", ARGS_MODULES, ids=lambda p: p.parent.name)
def test_args_are_keyword_only_and_every_field_is_documented(path: Path):
    module = importlib.import_module(f"pulumi_aihw.targets.{path.parent.name}.args")
    classes = [
        c
        for c in vars(module).values()
        if isinstance(c, type)
        and dataclasses.is_dataclass(c)
        and c.__module__ == module.__name__
        and (c.__name__.endswith("Args") or c.__name__ == "GcpCommon")
    ]
    assert classes
    for cls in classes:
        assert all(f.kw_only for f in dataclasses.fields(cls)), cls.__name__
        assert _undocumented(path, cls.__name__) == [], cls.__name__
