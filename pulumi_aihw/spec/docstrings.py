"""Field descriptions from attribute docstrings, attached only when a schema or the docs
are generated (``aihw schema``, ``tools/gen_spec_docs.py``).

pydantic's ``use_attribute_docstrings`` reads every model's source at import, which cost
``aihw plan`` about 0.15 s of CPU per run; the models here leave it off and
:func:`attach_field_docs` does the same work on demand: each ``name: type`` followed by a
string literal in a model's class body becomes that field's description.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import textwrap
import typing
from typing import Any

from pydantic import BaseModel


def _docstrings(cls: type) -> dict[str, str]:
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):
        return {}
    body = ast.parse(source).body[0]
    out: dict[str, str] = {}
    if not isinstance(body, ast.ClassDef):
        return out
    items = body.body
    for node, after in itertools.pairwise(items):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            out[node.target.id] = inspect.cleandoc(after.value.value)
    return out


def _models(tp: Any, seen: list[type[BaseModel]]) -> None:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if tp in seen:
            return
        seen.append(tp)
        for field in tp.model_fields.values():
            _models(field.annotation, seen)
        return
    for arg in typing.get_args(tp):
        _models(arg, seen)


def attach_field_docs(*roots: type[BaseModel]) -> None:
    """Give every field of ``roots`` and the models they contain its attribute docstring
    as description (where it has none), then rebuild them so schemas show it."""
    seen: list[type[BaseModel]] = []
    for root in roots:
        _models(root, seen)
    for model in seen:
        docs: dict[str, str] = {}
        for klass in reversed(model.__mro__):
            if isinstance(klass, type) and issubclass(klass, BaseModel):
                docs.update(_docstrings(klass))
        for name, field in model.model_fields.items():
            if field.description is None and name in docs:
                field.description = docs[name]
    for model in reversed(seen):
        model.model_rebuild(force=True)
