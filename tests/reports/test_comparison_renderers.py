"""The family comparison and the price of portability in text (80 and 120 columns),
markdown and JSON on the examples (golden files), and plan output that fits the terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pulumi_aihw.catalog import Catalog
from pulumi_aihw.planner.explain import explain
from pulumi_aihw.planner.models import Plan
from pulumi_aihw.reports import comparison_text
from pulumi_aihw.reports.comparison_markdown import render_section
from pulumi_aihw.reports.registry import RENDERERS
from pulumi_aihw.spec import load_spec
from pulumi_aihw.workflow import plan_workload
from tests.conftest import REPO, STACKS
from tests.reports.golden import check_golden

EXAMPLES: dict[str, Path] = {
    "compare-families": REPO / "examples" / "compare-families" / "workload.yaml",
    "aws-inferentia-inference": STACKS / "aws-inferentia-inference" / "workload.yaml",
    "gcp-tpu-training": STACKS / "gcp-tpu-training" / "workload.yaml",
    "baremetal-gpu-inference": STACKS / "baremetal-gpu-inference" / "workload.yaml",
}
ALL_STACKS = sorted(p.parent.name for p in STACKS.glob("*/workload.yaml"))


def _plan(catalog: Catalog, path: Path) -> Plan:
    return plan_workload(load_spec(path), catalog)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
@pytest.mark.parametrize("width", [80, 120])
def test_text_golden(catalog: Catalog, name: str, width: int) -> None:
    lines = comparison_text.render_lines(_plan(catalog, EXAMPLES[name]).comparison, width)
    assert all(len(line) <= width for line in lines)
    check_golden(f"comparison-{name}-{width}.txt", "\n".join(lines) + "\n")


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_markdown_golden(catalog: Catalog, name: str) -> None:
    lines = render_section(_plan(catalog, EXAMPLES[name]).comparison)
    check_golden(f"comparison-{name}.md", "\n".join(lines))


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_json_golden(catalog: Catalog, name: str) -> None:
    data = _plan(catalog, EXAMPLES[name]).to_dict()
    section = {k: data[k] for k in ("best_per_family", "portability_cost")}
    check_golden(f"comparison-{name}.json", json.dumps(section, indent=2) + "\n")


@pytest.mark.parametrize("stack", [*ALL_STACKS, "compare-families"])
@pytest.mark.parametrize("width", [80, 120])
def test_plan_text_fits_the_terminal_one_line_per_candidate(
    catalog: Catalog, stack: str, width: int
) -> None:
    path = EXAMPLES.get(stack, STACKS / stack / "workload.yaml")
    p = _plan(catalog, path)
    text = RENDERERS["plan"]["table"](p, 10, width=width)
    lines = text.splitlines()
    too_long = [line for line in lines if len(line) > width]
    assert not too_long, too_long
    if p.feasible:
        head = next(i for i, line in enumerate(lines) if line.startswith("Feasible candidates"))
        rows = lines[head + 3 : head + 3 + min(10, len(p.feasible))]
        assert [r.split()[0] for r in rows] == [str(i) for i in range(1, len(rows) + 1)]
    # "Chosen" states the price; the why says what it beat instead of repeating it
    if p.chosen is not None and p.chosen.usd_per_month is not None:
        price = f"${p.chosen.usd_per_month:,.0f}/month"
        assert price in text.split("why:")[0] and price not in p.chosen.rank_reason


@pytest.mark.parametrize("width", [80, 120])
def test_narrow_terminals_drop_columns_by_priority_and_say_so(catalog: Catalog, width: int) -> None:
    p = _plan(catalog, EXAMPLES["compare-families"])
    text = RENDERERS["plan"]["table"](p, 10, width=width)
    table = text[text.index("Feasible candidates") :]
    header = table.splitlines()[1]
    assert header.split()[0] == "#" and "offering" in header
    for kept in ("$/month", "tokens/s", "lock-in"):
        assert kept in header
    assert "(not shown at" in table and "$/hour" in table.split("(not shown at")[1]
    if width == 120:
        assert "why" in header


def test_flags_show_in_text_output(catalog: Catalog) -> None:
    p = _plan(catalog, EXAMPLES["gcp-tpu-training"])
    text = RENDERERS["plan"]["table"](p, 10, width=200)
    table = text[text.index("Feasible candidates") :]
    row = next(line for line in table.splitlines() if "a3-highgpu-8g" in line)
    assert "suspect price" in row


def test_explain_text_fits_the_terminal(catalog: Catalog) -> None:
    spec = load_spec(EXAMPLES["gcp-tpu-training"])
    p = plan_workload(spec, catalog)
    for width in (80, 120):
        text = RENDERERS["explain"]["text"](explain(p, spec, "a3-highgpu-8g"), width=width)
        assert all(len(line) <= width for line in text.splitlines())


def test_reserved_priced_at_on_demand_is_flagged_in_text(catalog: Catalog, make_spec) -> None:  # type: ignore[no-untyped-def]
    from pulumi_aihw.planner import plan

    p = plan(make_spec(constraints={"purchase_option": "reserved"}), catalog)
    text = RENDERERS["plan"]["table"](p, 5, width=200)
    assert "  flag: reserved at on-demand: reserved prices are not in the catalog" in text
    table = text[text.index("Feasible candidates") :]
    assert "reserved at on-demand" in table.splitlines()[3]
