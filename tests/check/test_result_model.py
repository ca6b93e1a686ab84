"""`aihw diff` validates both inputs against the model of a check result before using
them: every malformed input is an InputError (exit 2) naming the JSON path."""

from __future__ import annotations

import copy

import pytest

from pulumi_aihw.check.diff import diff
from pulumi_aihw.errors import InputError

GOOD = {
    "version": 1,
    "stacks": [
        {
            "stack_dir": "s",
            "workloads": [{"name": "w", "usd_per_month": 10.0, "power_kw": 1.0, "lock_in": "low"}],
        }
    ],
    "findings": [
        {
            "rule_id": "AIHW-COST-001",
            "stack_dir": "s",
            "status": "violation",
            "level": "mandatory",
            "message": "m",
            "resource": {"name": "w"},
        }
    ],
}


def _with(path: tuple[object, ...], value: object) -> dict[str, object]:
    data = copy.deepcopy(GOOD)
    target: object = data
    for key in path[:-1]:
        target = target[key]  # type: ignore[index]
    if value is KeyError:
        del target[path[-1]]  # type: ignore[attr-defined]
    else:
        target[path[-1]] = value  # type: ignore[index]
    return data


@pytest.mark.parametrize(
    ("path", "value", "where"),
    [
        (("version",), 2, "version"),
        (("stacks",), {}, "stacks"),
        (
            ("stacks", 0, "workloads", 0, "usd_per_month"),
            "lots",
            "stacks[0].workloads[0].usd_per_month",
        ),
        (("stacks", 0, "workloads", 0, "usd_per_month"), float("nan"), "usd_per_month"),
        (("stacks", 0, "workloads", 0, "power_kw"), float("inf"), "power_kw"),
        (("stacks", 0, "workloads", 0, "power_kw"), 10**400, "power_kw"),
        (("stacks", 0, "workloads", 0, "name"), KeyError, "stacks[0].workloads[0].name"),
        (("stacks", 0, "workloads"), [None], "stacks[0].workloads[0]"),
        (("findings", 0, "resource"), "w", "findings[0].resource"),
        (("findings", 0, "rule_id"), KeyError, "findings[0].rule_id"),
        (("findings",), [[]], "findings[0]"),
    ],
)
def test_malformed_results_are_bad_input_naming_the_path(path, value, where):
    with pytest.raises(InputError) as err:
        diff(GOOD, _with(path, value), "base.json", "head.json")
    assert any(where in str(p) for p in err.value.problems), err.value
    assert all(p.file == "head.json" for p in err.value.problems)


def test_not_an_object_and_many_problems_are_capped():
    with pytest.raises(InputError, match="not a JSON object"):
        diff([], GOOD)
    many = {**GOOD, "findings": [{}] * 500}
    with pytest.raises(InputError) as err:
        diff(GOOD, many)
    assert len(err.value.problems) <= 52
    assert "more problems" in str(err.value)


def test_failed_stacks_of_head_are_carried():
    head = {**GOOD, "failed_stacks": [{"stack_dir": "t", "kind": "timeout", "problems": ["x"]}]}
    d = diff(GOOD, head)
    assert d.failed[0]["stack_dir"] == "t" and d.workloads[0].usd_per_month == 0.0
