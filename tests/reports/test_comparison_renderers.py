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


def test_suspect_prices_and_your_rates_are_flagged_in_the_comparison(
    catalog: Catalog, make_spec
) -> None:  # type: ignore[no-untyped-def]
    """A price two sources disagree on is marked ``!``, a team's own rate ``*``: in the
    family table, the candidates table, the pull-request section and the JSON."""
    from pulumi_aihw.check.models import WorkloadRow
    from pulumi_aihw.planner import plan
    from pulumi_aihw.reports.comparison_section import comparison_section

    t4 = "n1-standard-16+2xnvidia-tesla-t4"
    (row,) = catalog.find(offering=t4, region="us-central1")
    flagged = row.model_copy(
        update={"suspect_prices": ("on-demand",), "flags": ("price check: on-demand (test)",)}
    )
    doc = catalog.document
    rows = tuple(flagged if o is row else o for o in doc.offerings)
    spec = make_spec(
        placement={"regions": ["us-east-1", "us-central1"]},
        pricing={"offerings": [{"provider": "gcp", "offering": "v6e-1", "usd_per_hour": 2.5}]},
    )
    p = plan(spec, Catalog(doc.model_copy(update={"offerings": rows})))
    assert p.comparison is not None
    best = {str(f.family): f.candidate for f in p.comparison.families}
    assert best["nvidia-gpu"].offering.offering == t4 and best["nvidia-gpu"].suspect
    assert best["tpu"].your_rate
    text = "\n".join(comparison_text.render_lines(p.comparison, 200))
    nvidia = next(line for line in text.splitlines() if line.startswith("NVIDIA GPU"))
    tpu = next(line for line in text.splitlines() if line.startswith("TPU"))
    assert "$1,066!" in nvidia and "*" in tpu.split("$", 1)[1].split()[0]
    assert "! price disagrees with a second source" in text and "* your rate" in text
    table = RENDERERS["plan"]["table"](p, 20, width=200)
    assert "$1,066!" in table
    plan_md = "\n".join(render_section(p.comparison))
    assert "$1,066!" in plan_md and "`!` price disagrees" in plan_md and "`*` your rate" in plan_md
    data = p.to_dict()["best_per_family"]
    gpu = next(r for r in data if r["family"] == "nvidia-gpu")
    assert gpu["suspect_price"] is True
    assert {"code": "suspect price", "text": "price check: on-demand (test)"} in gpu["flags"]
    tpu_json = next(r for r in data if r["family"] == "tpu")
    assert tpu_json["your_rate"] and any(f["code"] == "your rate" for f in tpu_json["flags"])
    section = comparison_section(
        WorkloadRow("s", "chat", "urn", "workload", "hw", 1.0, 1.0, "low", comparison=p.to_dict()),
        None,  # type: ignore[arg-type]  # the section reads the row only
    )
    md = "\n".join(section)
    assert "$1,066!" in md and "`*` your rate" in md and "`!` price disagrees" in md


def test_unknown_and_estimated_power_in_the_pull_request_section(catalog: Catalog) -> None:
    """Unknown stays "unknown" (never 0); an estimate is labelled; ranges are shown."""
    from pulumi_aihw.check.models import WorkloadRow
    from pulumi_aihw.reports.comparison_section import comparison_section

    data = _plan(catalog, EXAMPLES["compare-families"]).to_dict()
    inf = next(r for r in data["best_per_family"] if r["family"] == "inferentia")
    inf["power"] = {**inf["power"], "value": None, "basis": "unknown"}
    inf["tokens_per_kwh"] = {"value": None, "low": None, "high": None}
    row = WorkloadRow("s", "chat", "urn", "workload", "hw", 1.0, 1.0, "low", comparison=data)
    lines = comparison_section(row, None)  # type: ignore[arg-type]
    inf_line = next(line for line in lines if line.startswith("| Inferentia"))
    cells = [c.strip() for c in inf_line.strip("|").split("|")]
    assert cells[5:7] == ["unknown", "unknown"] and "0.00" not in inf_line
    tpu_line = next(line for line in lines if line.startswith("| TPU"))
    assert "est." in tpu_line and "(" in tpu_line  # estimated power, ranges
    assert lines[-1].startswith("Price of portability: +$252/month (+23%)")
    assert len(lines) <= 12  # a reviewer reads it in a minute


def test_explain_text_fits_the_terminal(catalog: Catalog) -> None:
    spec = load_spec(EXAMPLES["gcp-tpu-training"])
    p = plan_workload(spec, catalog)
    for width in (80, 120):
        text = RENDERERS["explain"]["text"](explain(p, spec, "a3-highgpu-8g"), width=width)
        assert all(len(line) <= width for line in text.splitlines())
