"""Generate docs/spec.md (the workload spec and platform profile reference) from the models.

python tools/gen_spec_docs.py          # write docs/spec.md
python tools/gen_spec_docs.py --check  # exit 1 if it is out of date (CI, tests)
"""

from __future__ import annotations

import argparse
import enum
import sys
import types
import typing
from pathlib import Path

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pulumi_aihw.spec.docstrings import attach_field_docs  # noqa: E402
from pulumi_aihw.spec.models import WorkloadSpec  # noqa: E402
from pulumi_aihw.spec.profile import PlatformProfile  # noqa: E402

TARGET = ROOT / "docs" / "spec.md"

HEADER = """# Workload spec and platform profile reference

Generated from the pydantic models by `python tools/gen_spec_docs.py`; do not edit
by hand. The same models give the JSON Schemas in `schemas/` (`aihw schema`).
Unknown fields are errors everywhere. Paths are relative to the file that names them.
"""


def type_name(tp: object) -> str:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Annotated:
        return type_name(args[0])
    if origin in (typing.Union, types.UnionType):
        inner = [type_name(a) for a in args if a is not type(None)]
        return " \\| ".join(inner) + (" \\| null" if type(None) in args else "")
    if origin is typing.Literal:
        return " \\| ".join(f"`{a}`" for a in args)
    if origin in (list, tuple):
        return f"list of {type_name(args[0])}"
    if origin is dict:
        return f"map of {type_name(args[0])} to {type_name(args[1])}"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return " \\| ".join(f"`{m.value}`" for m in tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return f"[{tp.__name__}](#{tp.__name__.lower()})"
    return getattr(tp, "__name__", str(tp))


def nested_models(tp: object) -> list[type[BaseModel]]:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [tp]
    out: list[type[BaseModel]] = []
    for arg in typing.get_args(tp):
        out.extend(nested_models(arg))
    return out


def default_text(field: typing.Any) -> str:
    if field.is_required():
        return "**required**"
    if field.default_factory is not None:
        value = field.default_factory()
        if isinstance(value, BaseModel):
            return "its defaults"
        if isinstance(value, list):
            return (
                ""
                if not value
                else "`[" + ", ".join(str(getattr(v, "value", v)) for v in value) + "]`"
            )
        return "" if value in ({}, None) else f"`{value!r}`"
    if field.default is None or field.default is PydanticUndefined:
        return ""
    value = field.default.value if isinstance(field.default, enum.Enum) else field.default
    return f"`{value}`"


def section(model: type[BaseModel], seen: set[type[BaseModel]]) -> list[str]:
    if model in seen:
        return []
    seen.add(model)
    doc = " ".join((model.__doc__ or "").split())
    lines = [
        f"## {model.__name__}",
        "",
        doc,
        "",
        "| field | type | default | description |",
        "|---|---|---|---|",
    ]
    children: list[type[BaseModel]] = []
    for name, field in model.model_fields.items():
        described = field.description or next(
            (m.__doc__ for m in nested_models(field.annotation) if m.__doc__), ""
        )
        desc = " ".join(described.split()).replace("|", "\\|")
        lines.append(
            f"| `{name}` | {type_name(field.annotation)} | {default_text(field)} | {desc} |"
        )
        children.extend(nested_models(field.annotation))
    lines.append("")
    for child in children:
        lines.extend(section(child, seen))
    return lines


def render() -> str:
    attach_field_docs(WorkloadSpec, PlatformProfile)
    seen: set[type[BaseModel]] = set()
    body = section(WorkloadSpec, seen) + section(PlatformProfile, seen)
    return HEADER + "\n" + "\n".join(body).rstrip() + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    text = render()
    if args.check:
        if not TARGET.exists() or TARGET.read_text() != text:
            print(f"{TARGET} is out of date: run python tools/gen_spec_docs.py", file=sys.stderr)
            return 1
        return 0
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_text(text)
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
