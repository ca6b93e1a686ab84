"""Run a Pulumi YAML program (``runtime: yaml``) offline, inside a Pulumi Python runtime:
the subset of :mod:`pulumi_aihw.preview.yaml_subset`, registered as Pulumi would.

Each resource is registered with its type token in Pulumi's canonical form
(``aws:ec2:Instance`` -> ``aws:ec2/instance:Instance``), its evaluated properties and
options; a component type the launcher passes (``aihw:index:Workload``: our
``Workload``) is constructed in-process, as the component provider would (camelCase
inputs). Resources
are registered in the order their references need. A reference to an output a resource
does not echo from its inputs is unknown during preview, as under the Pulumi engine.
A broken program raises :class:`StackError` naming ``Pulumi.yaml`` and the field.
"""

from __future__ import annotations

import base64
import json
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pulumi

from pulumi_aihw.errors import Problem, StackError
from pulumi_aihw.preview.yaml_subset import YamlDocument, read_document, references

_STEP = re.compile(r"\.([A-Za-z_][\w-]*)|\[(\d+)\]|\[\"([^\"]*)\"\]|\['([^']*)'\]")
_ROOT = re.compile(r"^([A-Za-z_][\w:-]*)")
_WHOLE = re.compile(r"^\$\{([^}]*)\}$")
_REF = re.compile(r"\$\{([^}]*)\}")


def canonical(token: str) -> str:
    """``pkg:module:Name`` -> ``pkg:module/name:Name`` (Pulumi's form; ours kept as is)."""
    parts = token.split(":")
    if len(parts) != 3 or "/" in parts[1] or parts[0] in ("aihw", "pulumi"):
        return token
    pkg, module, name = parts
    return f"{pkg}:{module}/{name[:1].lower()}{name[1:]}:{name}"


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _combine(parts: list[Any], fn: Callable[[list[Any]], Any]) -> Any:
    """``fn(parts)``, through ``Output.all`` when a part (or anything inside it) is an Output."""
    if any(_has_output(p) for p in parts):
        return pulumi.Output.all(*[pulumi.Output.from_input(p) for p in parts]).apply(fn)
    return fn(parts)


def _has_output(value: Any) -> bool:
    if isinstance(value, pulumi.Output):
        return True
    if isinstance(value, Mapping):
        return any(_has_output(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_output(v) for v in value)
    return False


class YamlRun:
    """One evaluation of a program: config, variables and resources by name."""

    def __init__(self, doc: YamlDocument, components: Mapping[str, Any]) -> None:
        self.doc = doc
        self.components = components
        """Type token -> the Python component that constructs it (``aihw:index:Workload``)."""
        self.file = str(doc.files[0])
        self.resources: dict[str, Any] = {}
        self.variables: dict[str, Any] = {}
        self.pending: set[str] = set()
        self.config = self._config()

    def fail(self, where: str, message: str) -> StackError:
        return StackError(Problem(message, file=self.file, path=where))

    def _config(self) -> dict[str, Any]:
        project = pulumi.get_project()
        out: dict[str, Any] = {}
        for key, spec in self.doc.config.items():
            namespace, _, name = key.rpartition(":")
            raw = pulumi.Config(namespace or project).get(name)
            declared = spec if isinstance(spec, Mapping) else {"default": spec}
            kind = str(declared.get("type", "string"))
            value = declared.get("default") if raw is None else _typed(raw, kind)
            out[key] = pulumi.Output.secret(value) if declared.get("secret") else value
        return out

    # -- expressions ------------------------------------------------------------------

    def value(self, raw: Any, where: str) -> Any:
        if isinstance(raw, str):
            return self._string(raw, where)
        if isinstance(raw, Mapping):
            fns = [k for k in raw if isinstance(k, str) and k.startswith("fn::")]
            if fns:
                if len(raw) != 1:
                    raise self.fail(where, f"{fns[0]} must be the only key of its mapping")
                return self._function(fns[0], raw[fns[0]], f"{where}.{fns[0]}")
            return {str(k): self.value(v, f"{where}.{k}") for k, v in raw.items()}
        if isinstance(raw, list):
            return [self.value(v, f"{where}[{n}]") for n, v in enumerate(raw)]
        return raw

    def _string(self, text: str, where: str) -> Any:
        whole = _WHOLE.match(text)
        if whole and "$${" not in text:
            return self.reference(whole.group(1).strip(), where)
        parts: list[Any] = []
        last = 0
        for match in _REF.finditer(text):
            if text[max(0, match.start() - 1) : match.start()] == "$":
                continue  # $${...}: a literal
            parts += [text[last : match.start()], self.reference(match.group(1).strip(), where)]
            last = match.end()
        parts.append(text[last:])
        joined = _combine(parts, lambda xs: "".join("" if x is None else str(x) for x in xs))
        return joined.replace("$${", "${") if isinstance(joined, str) else joined

    def reference(self, expr: str, where: str) -> Any:
        root = _ROOT.match(expr)
        if root is None:
            raise self.fail(where, f"'${{{expr}}}' is not a reference")
        name, rest = root.group(1), expr[root.end() :]
        steps = _STEP.findall(rest)
        if "".join(m.group(0) for m in _STEP.finditer(rest)) != rest:
            raise self.fail(where, f"'${{{expr}}}': cannot read the property path '{rest}'")
        value = self._root(name, steps, where)
        for prop, index, key1, key2 in steps:
            step: str | int = int(index) if index else prop or key1 or key2
            value = _index(value, step)
        return value

    def _root(self, name: str, steps: list[tuple[str, ...]], where: str) -> Any:
        if name == "pulumi":
            return pulumi_values()
        if name in self.doc.variables:
            return self._variable(name)
        if name in self.doc.resources:
            res = self.resource(name)
            if not steps:
                return res
            first = steps.pop(0)
            return self._output(res, first[0] or first[2] or first[3], where)
        if name in self.config:
            return self.config[name]
        known = sorted({*self.doc.variables, *self.doc.resources, *self.config, "pulumi"})
        raise self.fail(where, f"unknown reference '${{{name}}}' (known: {', '.join(known)})")

    def _output(self, res: Any, prop: str, where: str) -> Any:
        for attr in (prop, snake(prop)):
            value = getattr(res, attr, None)
            if isinstance(value, pulumi.Output):
                return value
        if isinstance(res, pulumi.CustomResource):  # computed by the provider: unknown now
            return res.id.apply(lambda _: None)
        raise self.fail(where, f"{res._name} has no output '{prop}'")

    def _variable(self, name: str) -> Any:
        if name not in self.variables:
            if name in self.pending:
                raise self.fail(f"variables.{name}", "refers to itself (a cycle)")
            self.pending.add(name)
            self.variables[name] = self.value(self.doc.variables[name], f"variables.{name}")
            self.pending.discard(name)
        return self.variables[name]

    def _function(self, name: str, arg: Any, where: str) -> Any:
        if name == "fn::invoke":
            return self._invoke(arg, where)
        if name == "fn::readFile":
            path = Path(str(self.value(arg, where)))
            try:
                return path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise self.fail(where, f"cannot read {path}: {exc}") from None
        value = self.value(arg, where)
        if name == "fn::secret":
            return pulumi.Output.secret(value)
        fn = VALUE_FUNCTIONS[name]
        return _combine([value], lambda xs: fn(xs[0]))

    def _invoke(self, arg: Any, where: str) -> Any:
        if not isinstance(arg, Mapping) or not isinstance(arg.get("function"), str):
            raise self.fail(where, "needs 'function' (a token) and 'arguments'")
        args = self.value(arg.get("arguments") or {}, f"{where}.arguments")
        if _has_output(args):
            raise self.fail(where, "arguments must be known values to call it offline")
        result = pulumi.runtime.invoke(canonical(arg["function"]), args).value or {}
        field = arg.get("return")
        return result.get(field) if isinstance(field, str) else result

    # -- resources --------------------------------------------------------------------

    def resource(self, name: str) -> Any:
        if name not in self.resources:
            where = f"resources.{name}"
            if name in self.pending:
                raise self.fail(where, "refers to itself (a cycle)")
            self.pending.add(name)
            self.resources[name] = self._register(name, self.doc.resources[name], where)
            self.pending.discard(name)
        return self.resources[name]

    def _register(self, name: str, spec: Any, where: str) -> Any:
        if not isinstance(spec, Mapping) or not isinstance(spec.get("type"), str):
            raise self.fail(where, "a resource needs 'type' (e.g. aws:ec2:Instance)")
        props = self.value(spec.get("properties") or {}, f"{where}.properties")
        opts = self._options(spec.get("options") or {}, f"{where}.options")
        token = canonical(spec["type"])
        component = self.components.get(token)
        if component is not None:  # constructed here, as the component provider would
            if _has_output(props):
                raise self.fail(f"{where}.properties", f"{token} inputs must be known values")
            return component(name, {snake(k): v for k, v in props.items()}, opts)
        return pulumi.CustomResource(token, name, props, opts)

    def _options(self, raw: Any, where: str) -> pulumi.ResourceOptions:
        if not isinstance(raw, Mapping):
            raise self.fail(where, "options must be a mapping")
        parent = self.value(raw["parent"], f"{where}.parent") if "parent" in raw else None
        depends = self.value(raw.get("dependsOn") or [], f"{where}.dependsOn")
        return pulumi.ResourceOptions(
            parent=parent, depends_on=depends or None, protect=bool(raw.get("protect"))
        )

    def run(self) -> None:
        for name in _order(self.doc):
            self.resource(name)
        for key, raw in self.doc.outputs.items():
            pulumi.export(str(key), self.value(raw, f"outputs.{key}"))


def pulumi_values() -> dict[str, str]:
    """``${pulumi.*}``: the names :data:`~pulumi_aihw.preview.yaml_subset.PULUMI_NAMES` lists."""
    return {
        "cwd": os.getcwd(),
        "project": pulumi.get_project(),
        "stack": pulumi.get_stack(),
        "organization": pulumi.get_organization(),
        "rootDirectory": os.getcwd(),
    }


def _typed(raw: str, kind: str) -> Any:
    if kind == "string":
        return raw
    if kind == "boolean":
        return raw.lower() == "true"
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def _index(value: Any, step: str | int) -> Any:
    if isinstance(value, pulumi.Output):
        return value.apply(lambda v: _index(v, step))
    if isinstance(value, Mapping):
        return value.get(step)
    if isinstance(value, list) and isinstance(step, int):
        return value[step] if step < len(value) else None
    return None


def _order(doc: YamlDocument) -> list[str]:
    """Resources in declaration order, each after the resources it refers to (through
    variables too); :meth:`YamlRun.resource` reports cycles."""
    direct: dict[str, set[str]] = {}
    for name, body in {**doc.variables, **doc.resources}.items():
        direct[name] = set(references(body)) & (set(doc.variables) | set(doc.resources))
    out: list[str] = []

    def visit(name: str, seen: frozenset[str]) -> None:
        if name in out or name in seen:
            return
        for dep in sorted(direct.get(name, ())):
            visit(dep, seen | {name})
        if name in doc.resources:
            out.append(name)

    for name in doc.resources:
        visit(name, frozenset())
    return out


VALUE_FUNCTIONS: dict[str, Callable[[Any], Any]] = {
    "fn::join": lambda a: str(a[0]).join(str(x) for x in a[1]),
    "fn::split": lambda a: str(a[1]).split(str(a[0])),
    "fn::select": lambda a: a[1][int(a[0])],
    "fn::toJSON": lambda a: json.dumps(a),
    "fn::toBase64": lambda a: base64.b64encode(str(a).encode()).decode(),
    "fn::fromBase64": lambda a: base64.b64decode(str(a)).decode(),
}
"""The built-ins that only transform values (``fn::invoke``, ``fn::readFile`` and
``fn::secret`` are methods of :class:`YamlRun`)."""


def run_directory(directory: Path, components: Mapping[str, Any]) -> None:
    """Register the YAML program in ``directory`` (the current Pulumi stack); resources of
    a type in ``components`` are constructed by that Python component class."""
    try:
        doc = read_document(directory)
    except (OSError, UnicodeDecodeError) as exc:
        raise StackError(Problem(f"cannot read the program: {exc}", file=str(directory))) from None
    YamlRun(doc, components).run()
