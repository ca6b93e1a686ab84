"""The fuzz harness: malformed inputs of one kind through the real ``aihw`` command, each
of which must end in exit 0, 1 or 2 (never 70, never a hang, never unbounded memory).

Run as ``python -m tests.fuzz.harness KIND EXAMPLES`` (``tests/fuzz/test_fuzz_inputs.py``
does): the process caps its own address space and CPU time first (``RLIMIT_AS``,
``RLIMIT_CPU``: CPU seconds, not wall time, so a slow machine cannot fail it), then
hypothesis generates EXAMPLES inputs, derandomized (the same inputs every run), each
written to a file and given to the command in-process. A failing example is printed
and the process exits 1.

Kinds: spec, profile, inventory, policy, lock, diff, catalog.
"""

from __future__ import annotations

import copy
import json
import resource
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
MEMORY_LIMIT_BYTES = 3 * 1024**3
CPU_LIMIT_SECONDS = 240
ALLOWED_EXITS = {0, 1, 2}

# -- values ------------------------------------------------------------------------------

SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.integers(min_value=10**30, max_value=10**60),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([5e-324, 1e-300, 1e300, -0.0, 2.2250738585072014e-308]),
    st.text(max_size=20),
    st.sampled_from(["2026-02-30", "2026-99-99", "\x1b[31m", "<b>@x</b>", "~nouser/p.yaml"]),
)
VALUE = st.recursive(
    SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
SNIPPETS = st.sampled_from(
    [
        "&a {x: *a}",
        "*undefined",
        "!!int 0xZZ",
        "!!timestamp 2026-99-99",
        "!!float nan",
        "!!binary ZZZ",
        "!!python/object:os.system {}",
        "[" * 200,
        "{" * 70 + "}" * 70,
        "9" * 5000,
        ".inf",
        "-.nan",
        "2026-02-30",
        "\t",
        "\x00",
        "'unterminated",
        "? complex key",
        "<<: *m",
        "- - - - x",
        "&m {a: 1}",
    ]
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, (*prefix, i))
    return out


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


NUMBER = st.one_of(
    st.integers(-(10**4), 10**6),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.sampled_from([0, 0.0, 1e-300, 1e-9, 1e9, 1e15, 1e300, 5e-324, 2**63, -1]),
)


@st.composite
def mutated(draw: st.DrawFn, base: Any) -> Any:
    """``base`` with up to three values replaced: numbers by other numbers (inputs that
    often validate and reach the arithmetic), or any value by junk of any type."""
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(0, 3))):
        numbers = [p for p in _paths(data) if p and isinstance(_get(data, p), (int, float))]
        if numbers and draw(st.booleans()):
            data = _set(data, draw(st.sampled_from(numbers)), draw(NUMBER))
        else:
            data = _set(data, draw(st.sampled_from(_paths(data))), draw(VALUE))
    return data


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


@st.composite
def yaml_text(draw: st.DrawFn, base: dict[str, Any]) -> str:
    """A mutated document as YAML, sometimes with a raw snippet spliced into the text."""
    text = yaml.safe_dump(draw(mutated(base)), sort_keys=False, allow_unicode=True)
    if draw(st.booleans()):
        lines = text.splitlines()
        at = draw(st.integers(0, len(lines)))
        key = draw(st.sampled_from(["x", "owner", "tags", "model", "name"]))
        lines.insert(at, f"{key}: {draw(SNIPPETS)}")
        text = "\n".join(lines) + "\n"
    return text


@st.composite
def json_text(draw: st.DrawFn, base: Any) -> str:
    """A mutated document as JSON (NaN and Infinity allowed), sometimes cut or nested."""
    text = json.dumps(draw(mutated(base)), allow_nan=True)
    choice = draw(st.integers(0, 5))
    if choice == 0:
        text = text[: draw(st.integers(0, len(text)))]
    elif choice == 1:
        text = "[" * draw(st.integers(50, 20000)) + text
    elif choice == 2:
        text = text.replace("1", "9" * 5000, 1)
    return text


# -- input kinds -----------------------------------------------------------------------

SPEC = ROOT / "stacks/aws-inferentia-inference/workload.yaml"
BAREMETAL_SPEC = ROOT / "stacks/baremetal-gpu-inference/workload.yaml"


def _yaml(path: Path) -> Any:
    data = yaml.safe_load(path.read_text())
    if isinstance(data, dict) and isinstance(data.get("extends"), str):
        data["extends"] = str((path.parent / data["extends"]).resolve())
    return data


def _json(path: Path) -> Any:
    return json.loads(path.read_text())


def _cli(*args: str) -> tuple[int, str]:
    from typer.testing import CliRunner

    from pulumi_aihw.cli import app

    result = CliRunner().invoke(app, ["--quiet", *args])
    return result.exit_code, result.stderr[-2000:]


def _spec(text: str, d: Path) -> tuple[int, str]:
    (d / "w.yaml").write_text(text, encoding="utf-8")
    return _cli("plan", str(d / "w.yaml"), "--format", "json")


def _profile(text: str, d: Path) -> tuple[int, str]:
    (d / "p.yaml").write_text(text, encoding="utf-8")
    spec = _yaml(SPEC)
    spec["extends"] = "p.yaml"
    (d / "w.yaml").write_text(yaml.safe_dump(spec))
    return _cli("plan", str(d / "w.yaml"), "--format", "json")


def _inventory(text: str, d: Path) -> tuple[int, str]:
    (d / "inventory.yaml").write_text(text, encoding="utf-8")
    (d / "w.yaml").write_text(BAREMETAL_SPEC.read_text())
    return _cli("plan", str(d / "w.yaml"), "--format", "json")


def _policy(text: str, d: Path) -> tuple[int, str]:
    from pulumi_aihw.cli import check as check_cli
    from tests.check.sample import inferentia_stack

    (d / "cfg.json").write_text(text, encoding="utf-8")
    check_cli._run_stack = lambda *_: inferentia_stack()  # type: ignore[assignment]
    return _cli("check", "stacks/aws-inferentia-inference", "--policy-config", str(d / "cfg.json"))


def _lock(text: str, d: Path) -> tuple[int, str]:
    (d / "w.yaml").write_text(yaml.safe_dump(_yaml(SPEC)))
    (d / "aihw.lock.json").write_text(text, encoding="utf-8")
    return _cli("plan", str(d / "w.yaml"), "--format", "json")


def _diff(text: str, d: Path) -> tuple[int, str]:
    (d / "head.json").write_text(text, encoding="utf-8")
    return _cli("diff", str(DIFF_BASE), str(d / "head.json"))


def _catalog(text: str, d: Path) -> tuple[int, str]:
    (d / "catalog.json").write_text(text, encoding="utf-8")
    return _cli("plan", str(SPEC), "--catalog", str(d / "catalog.json"), "--format", "json")


def _check_result() -> dict[str, Any]:
    from pulumi_aihw.crossguard import check_previews
    from pulumi_aihw.reports import findings_json
    from tests.check.sample import CONFIG, inferentia_stack, tpu_stack

    report = check_previews([inferentia_stack(), tpu_stack()], CONFIG)
    return findings_json.to_dict(report)


def _lock_doc() -> dict[str, Any]:
    from pulumi_aihw.catalog import load_catalog
    from pulumi_aihw.planner import lock_from_plan, plan
    from pulumi_aihw.spec import load_spec

    return json.loads(lock_from_plan(plan(load_spec(SPEC), load_catalog())).model_dump_json())


DIFF_BASE = Path(tempfile.gettempdir()) / "aihw-fuzz-diff-base.json"


def kinds() -> dict[str, tuple[Callable[[], st.SearchStrategy[str]], Callable[..., Any]]]:
    """Kind -> (strategy of file texts, function running the command on one)."""
    return {
        "spec": (lambda: yaml_text(_yaml(SPEC)), _spec),
        "profile": (lambda: yaml_text(_yaml(ROOT / "stacks/profiles/platform.yaml")), _profile),
        "inventory": (
            lambda: yaml_text(_yaml(ROOT / "stacks/baremetal-gpu-inference/inventory.yaml")),
            _inventory,
        ),
        "policy": (
            lambda: json_text({"all": "advisory", "aihw-cost-over-budget": {"maxUsdPerMonth": 1}}),
            _policy,
        ),
        "lock": (lambda: json_text(_lock_doc()), _lock),
        "diff": (lambda: json_text(_check_result()), _diff),
        "catalog": (
            lambda: json_text(_json(ROOT / "pulumi_aihw/catalog/data/catalog.json")),
            _catalog,
        ),
    }


def main(kind: str, examples: int) -> int:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT_SECONDS, CPU_LIMIT_SECONDS))
    import os

    os.chdir(ROOT)
    strategy, run = kinds()[kind]
    if kind == "diff":
        DIFF_BASE.write_text(json.dumps(_check_result()))
    failures: list[str] = []
    codes: dict[int, int] = {}

    @settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy())
    def one(text: str) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            code, err = run(text, Path(tmp))
        codes[code] = codes.get(code, 0) + 1
        if code not in ALLOWED_EXITS:
            failures.append(f"exit {code} for input {text[:300]!r}: {err}")
            raise AssertionError(failures[-1])

    try:
        one()
    except AssertionError:
        print("\n".join(failures[-1:]), file=sys.stderr)
        return 1
    counts = ", ".join(f"exit {c}: {n}" for c, n in sorted(codes.items()))
    print(f"{kind}: {sum(codes.values())} inputs, every exit in {sorted(ALLOWED_EXITS)} ({counts})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
