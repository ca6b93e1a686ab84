"""`aihw diff`: rows and totals keep unknown power unknown, name the hardware before and
after, count lock-in increases (added workloads too), list only what changed."""

from __future__ import annotations

from typing import Any

from pulumi_aihw.check.diff import diff
from pulumi_aihw.reports.diff_markdown import render


def result(stacks: dict[str, list[dict[str, Any]]], findings: list[Any] | None = None) -> dict:
    return {
        "version": 1,
        "stacks": [{"stack_dir": s, "workloads": rows} for s, rows in stacks.items()],
        "findings": findings or [],
    }


def w(name: str, hardware: str, usd: float | None, kw: float | None, lock: str | None, **x: Any):
    return {
        "name": name,
        "hardware": hardware,
        "usd_per_month": usd,
        "power_kw": kw,
        "lock_in": lock,
        **x,
    }


GPU = w("chat", "g6e.xlarge x1", 1359.0, 0.45, "low")
INF = w("chat", "inf2.xlarge x2", 1107.0, None, "high")
SAME = w("batch", "p5.48xlarge x1", 40179.0, 7.52, "low")


def test_a_gpu_moved_to_inferentia_is_an_unknown_power_change_never_minus_its_kw():
    d = diff(result({"s/a": [GPU, SAME]}), result({"s/a": [INF, SAME]}))
    (row,) = d.changed
    assert row.power_kw is None and row.usd_per_month == -252.0
    t = d.totals()
    assert (t.power_kw.known, t.power_kw.unknown) == (0.0, 1)
    assert (t.more_lock_in, t.unchanged) == (1, 1)
    text = render(d)
    assert text.splitlines()[1] == (
        "### aihw diff: -$252/month, ±0.00 kW known, 1 unknown, 1 workload with more lock-in"
    )
    assert "-0.45" not in text
    assert (
        "| `s/a/chat` | g6e.xlarge x1 → inf2.xlarge x2 | $1,359 → $1,107/month | -$252 | "
        "0.45 → unknown | unknown | low → high :arrow_up: more lock-in |"
    ) in text
    assert "batch" not in text  # unchanged: only counted
    assert "1 unchanged (not listed)" in text


def test_added_workloads_with_high_lock_in_count_and_removed_ones_reduce_it():
    tpu = w("tpu", "v6e-8 x1", 15768.0, None, "high")
    old = w("old", "trn1.2xlarge x1", 1962.0, None, "high")
    d = diff(result({"s/a": [SAME, old]}), result({"s/a": [SAME], "s/b": [tpu]}))
    t = d.totals()
    assert (t.added, t.removed, t.more_lock_in, t.less_lock_in) == (1, 1, 1, 1)
    assert (t.power_kw.known, t.power_kw.unknown) == (0.0, 2)
    assert (t.monthly.known, t.monthly.unknown) == (15768.0 - 1962.0, 0)
    text = render(d)
    assert "1 workload with more lock-in" in text
    assert "| `s/b/tpu` (added) | - → v6e-8 x1 |" in text
    assert "| `s/a/old` (removed) | trn1.2xlarge x1 → - |" in text


def test_power_totals_add_known_changes_and_count_unknown_ones():
    base = result({"s/a": [w("x", "h1", 100.0, 1.0, "low"), w("y", "h2", 100.0, None, "low")]})
    head = result({"s/a": [w("x", "h3", 200.0, 2.5, "low"), w("y", "h4", 100.0, 3.0, "low")]})
    t = diff(base, head).totals()
    assert (t.power_kw.known, t.power_kw.unknown) == (1.5, 1)
    assert "+1.50 kW known, 1 unknown" in render(diff(base, head))
    assert "+$100/month" in render(diff(base, head)).splitlines()[1]


def test_training_runs_are_compared_per_run():
    run = w("pretrain", "trn1.32xlarge x6", 94170.0, None, "high", usd_total=38309.0)
    faster = dict(run, hardware="trn1.32xlarge x8", usd_per_month=125560.0, usd_total=36000.0)
    d = diff(result({"s/t": [run, SAME]}), result({"s/t": [faster, SAME]}))
    (row,) = d.changed
    assert row.is_training and row.cost == -2309.0
    text = render(d)
    assert text.splitlines()[1].startswith("### aihw diff: -$2,309 per training run")
    assert "$38,309 → $36,000/run | -$2,309" in text
    assert "Services: $40,179 → $40,179 per month; Training runs: $38,309 → $36,000." in text


def test_an_unknown_lock_in_is_counted_as_unknown_and_duplicate_names_stay_apart():
    base = result({"s/a": [w("n", "h", 1.0, 1.0, None), w("n", "h", 1.0, 1.0, "low")]})
    head = result({"s/a": [w("n", "h2", 1.0, 1.0, "high"), w("n", "h", 1.0, 1.0, "low")]})
    d = diff(base, head)
    assert [x.name for x in d.workloads] == ["n", "n#2"]
    assert d.totals().lock_in_unknown == 1 and d.totals().more_lock_in == 0


def test_the_diff_fits_its_budget():
    rows = [w(f"w{n}", "g6e.xlarge x1", 1359.0 + n, 0.45, "low") for n in range(400)]
    d = diff(result({"s/a": []}), result({"s/a": rows}))
    text = render(d, max_chars=6000, report_url="https://x/run")
    assert len(text) <= 6000 and "Cut to fit 6,000 characters" in text
    assert text.count("```") % 2 == 0
