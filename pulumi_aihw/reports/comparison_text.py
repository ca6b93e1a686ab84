"""The family comparison and the price of portability: cells shared by every format, and
the terminal rendering (``aihw plan``). Markdown: :mod:`comparison_markdown`."""

from __future__ import annotations

from pulumi_aihw.planner.comparison import (
    Comparison,
    FamilyBest,
    PortabilityCost,
    family_of,
    frameworks_not_native,
)
from pulumi_aihw.planner.estimates import (
    Figure,
    MetricBasis,
    calibrated,
    estimate_range,
    million_tokens_per_usd,
    money,
    power_basis,
    run_kwh,
    time_to_train_hours,
    tokens_per_kwh,
    tokens_per_second,
    usd_total,
)
from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.reports import plan_text as t
from pulumi_aihw.reports.text_table import Column, fit, render, wrap

UNKNOWN = t.UNKNOWN


def figure_cell(
    value: float | None, low: float | None = None, high: float | None = None, fmt: str = "{:,.0f}"
) -> str:
    """``1,052``, ``1,052 (900-1.2k)`` with its range (ends to two significant figures: a
    range is rough), ``unknown`` (never 0)."""
    if value is None:
        return UNKNOWN
    out = fmt.format(value)
    if low is None or high is None:
        return out
    return f"{out} ({rough(low, fmt)}-{rough(high, fmt)})"


def point(cell: str) -> str:
    """A figure cell without its range: ``1,052 (900-1.2k)`` -> ``1,052``."""
    return cell.split(" (", 1)[0]


def rough(value: float, fmt: str = "{}") -> str:
    """About two significant figures: ``27k``, ``1.2k``, ``659``, ``15``, ``2.4``, ``0.88``;
    a currency sign before the number in ``fmt`` (``${}``) is kept."""
    a = abs(value)
    if a >= 1e4:
        text = f"{value / 1e3:,.0f}k"
    elif a >= 1e3:
        text = f"{value / 1e3:.1f}k"
    elif a >= 10:
        text = f"{value:.0f}"
    elif a >= 1:
        text = f"{value:.1f}"
    else:
        text = f"{value:.2f}"
    return fmt.partition("{")[0] + text


def _cell(f: Figure, fmt: str = "{:,.0f}", scale: float = 1.0) -> str:
    def s(v: float | None) -> float | None:
        return None if v is None else v * scale

    return figure_cell(s(f.value), s(f.low), s(f.high), fmt)


def throughput_cell(c: Candidate) -> str:
    """``1,052`` or ``1,052 (900-1,200)`` tokens/s; ``unknown``."""
    return _cell(tokens_per_second(c))


def run_time_cell(c: Candidate) -> str:
    """``9.5 d`` or ``9.5 d (8.1-12.0)``: days of the run with its range."""
    return _cell(time_to_train_hours(c), "{:,.1f} d", 1 / 24)


def per_usd_cell(c: Candidate, basis: MetricBasis) -> str:
    return _cell(million_tokens_per_usd(c, basis), "{:,.2f}")


def per_kwh_cell(c: Candidate, basis: MetricBasis) -> str:
    """Inference: million tokens per kWh; training: kWh for the run."""
    if basis.training_tokens is not None:
        return _cell(run_kwh(c))
    return _cell(tokens_per_kwh(c, basis), "{:,.2f}", 1e-6)


def money_cell(c: Candidate, training: bool) -> str:
    """The month's cost (the run's, with the range of its time), marked ``!`` (suspect)
    or ``*`` (your rate)."""
    cost = _cell(usd_total(c), "${:,.0f}") if training else t.money(c.usd_per_month)
    return cost + t.price_mark(c)


def kw_cell(c: Candidate) -> str:
    return t.kw_cell(c)


def not_native_cell(c: Candidate) -> str:
    return ", ".join(frameworks_not_native(c)) or "-"


def offering_cell(c: Candidate) -> str:
    return f"{c.provider} {c.offering.offering}"


def headers(basis: MetricBasis) -> dict[str, str]:
    """Column names of the figures that differ between inference and training."""
    if basis.training_tokens is not None:
        return {"speed": "run time", "per_usd": "M tok/$", "energy": "run kWh"}
    return {"speed": "tokens/s", "per_usd": "M tok/$", "energy": "M tok/kWh"}


def family_row(f: FamilyBest, basis: MetricBasis) -> dict[str, str]:
    c = f.candidate
    training = basis.training_tokens is not None
    return {
        "family": f.family.label,
        "offering": offering_cell(c),
        "region": t.where(c),
        "hardware": t.hardware(c),
        "units": t.count(c.units),
        "money": money_cell(c, training),
        "speed": run_time_cell(c) if training else throughput_cell(c),
        "per_usd": per_usd_cell(c, basis),
        "energy": per_kwh_cell(c, basis),
        "kw": kw_cell(c),
        "lock_in": str(c.lock_in.level),
        "not_native": not_native_cell(c),
    }


def _side(c: Candidate) -> str:
    money = (
        t.money(c.usd_total) + " for the run"
        if c.usd_total is not None
        else (t.money(c.usd_per_month) + "/month")
    )
    return (
        f"{offering_cell(c)} ({family_of(c).label}) {money}{t.price_mark(c)}, {t.power_of(c)}, "
        f"lock-in {c.lock_in.level}"
    )


def portability_line(p: PortabilityCost) -> str:
    """One sentence: cheapest portable vs cheapest overall, in dollars, kW and lock-in."""
    if p.cheapest is None:
        return "Price of portability: no priced candidate to compare."
    if p.portable is None:
        near = p.closest_portable
        if near is None:
            return (
                f"Price of portability: no portable candidate is feasible; cheapest overall: "
                f"{_side(p.cheapest)}."
            )
        return (
            f"Price of portability: {_delta(near, p.cheapest)}: the cheapest portable "
            f"candidate, {_side(near)}, is ruled out ({'; '.join(near.rejected_because)}); "
            f"cheapest: {_side(p.cheapest)}."
        )
    if p.free:
        return (
            f"Price of portability: none: the cheapest candidate is portable ({_side(p.portable)})."
        )
    where = "" if p.cheapest.feasible else " (ruled out: portability)"
    return (
        f"Price of portability: {_delta(p.portable, p.cheapest)}: cheapest portable "
        f"{_side(p.portable)} vs cheapest {_side(p.cheapest)}{where}."
    )


def _delta(portable: Candidate, cheapest: Candidate) -> str:
    """``+$1,610/month (+145%), +0.90 kW, lock-in high -> low``; unknowns said so."""
    a, b = money(portable), money(cheapest)
    pa, pb = portable.power_kw, cheapest.power_kw
    estimated = "estimate" in (str(power_basis(portable)), str(power_basis(cheapest)))
    return delta_phrase(
        None if a is None or b is None else a - b,
        None if a is None or b is None or not b else 100 * (a - b) / b,
        "run" if cheapest.usd_total is not None else "month",
        None if pa is None or pb is None else pa - pb,
        estimated,
        str(cheapest.lock_in.level),
        str(portable.lock_in.level),
    )


def delta_phrase(
    usd: float | None,
    percent: float | None,
    unit: str,
    kw: float | None,
    kw_estimated: bool,
    lock_from: str,
    lock_to: str,
) -> str:
    """What portability costs in words (``+$1,610/month (+145%), +0.90 kW, lock-in high ->
    low``): the one wording of the plan and the pull-request comment."""
    if usd is None:
        cost = "cost difference unknown"
    else:
        pct = "" if percent is None else f" ({percent:+,.0f}%)"
        per = " for the run" if unit == "run" else "/month"
        cost = f"{'+' if usd >= 0 else '-'}${abs(usd):,.0f}{per}{pct}"
    power = "kW change unknown" if kw is None else f"{kw:+,.2f} kW"
    if kw is not None and kw_estimated:
        power += " (estimated power)"
    return f"{cost}, {power}, lock-in {lock_from} -> {lock_to}"


def portability_summary(p: PortabilityCost) -> str:
    """A few words for a heading: ``portability +$1,610/month``."""
    portable = p.portable or p.closest_portable
    if p.cheapest is None or portable is None:
        return "no portable option"
    if p.free:
        return "portability costs nothing"
    a, b = (
        (portable.usd_total, p.cheapest.usd_total)
        if p.cheapest.usd_total is not None
        else (portable.usd_per_month, p.cheapest.usd_per_month)
    )
    if a is None or b is None:
        return "portability cost unknown"
    unit = " for the run" if p.cheapest.usd_total is not None else "/month"
    return f"portability +${a - b:,.0f}{unit}"


def lock_in_lines(families: tuple[FamilyBest, ...]) -> list[str]:
    """``Inferentia (high): reason; reason``: one per family."""
    return [
        f"{f.family.label} ({f.candidate.lock_in.level}): {'; '.join(f.candidate.lock_in.reasons)}"
        for f in families
        if f.candidate.lock_in.reasons
    ]


def render_lines(comparison: Comparison | None, width: int) -> list[str]:
    """The family table, lock-in reasons and the price of portability, for a terminal."""
    if comparison is None or not comparison.families:
        return []
    b = comparison.basis
    h = headers(b)
    training = b.training_tokens is not None
    cols = [
        ("family", Column("family")),
        ("offering", Column("offering", flexible=True, min_width=17)),
        ("region", Column("region", drop=6)),
        ("hardware", Column("hardware", drop=5)),
        ("units", Column("units", right=True, drop=7)),
        ("money", Column("run $" if training else "$/month", right=True)),
        ("speed", Column(h["speed"], right=True)),
        ("per_usd", Column(h["per_usd"], right=True, drop=1)),
        ("energy", Column(h["energy"], right=True, drop=2)),
        ("kw", Column("kW", right=True, drop=3)),
        ("lock_in", Column("lock-in")),
        ("not_native", Column("not native", drop=4, flexible=True, min_width=10)),
    ]
    rows = [[family_row(f, b)[k] for k, _ in cols] for f in comparison.families]
    title = f"Best of each hardware family ({len(comparison.families)} with a feasible candidate)"
    columns = [c for _, c in cols]
    figures = {i for i, (k, _) in enumerate(cols) if k in ("per_usd", "energy", "kw")}
    shown = fit(columns, rows, width)
    note = []
    if not figures <= set(shown):  # too narrow for ranges: figures first, ranges in JSON
        rows = [[point(cell) for cell in row] for row in rows]
        note = [f"(ranges not shown at {width} columns: see a wider terminal or --format json)"]
    lines = render(title, columns, rows, width)
    lines += [w for n in note for w in wrap(n, width, "", " ")]
    lines += t.legend(marks_shown(comparison))
    lines += wrap(estimate_note(comparison), width)
    for text in lock_in_lines(comparison.families):
        lines += wrap(text, width, "  lock-in ", "    ")
    lines += wrap(portability_line(comparison.portability), width)
    return lines


def marks_shown(comparison: Comparison) -> set[str]:
    """The price marks the family table shows (``!`` suspect, ``*`` your rate)."""
    return {m for f in comparison.families for m in t.price_mark(f.candidate)}


def estimate_note(comparison: Comparison) -> str:
    """What the estimated columns mean, in one line."""
    b = comparison.basis
    if b.training_tokens is not None:
        return (
            "Estimates: time and cost of the whole run; M tok/$ = million training tokens per "
            "dollar; run kWh = power x time. " + _range_note(comparison)
        )
    return (
        f"Estimates: tokens/s at full load; M tok/$ over {b.hours_per_day:g} h/day served; "
        "M tok/kWh = million tokens per kWh. " + _range_note(comparison)
    )


def _range_note(comparison: Comparison) -> str:
    """Whether the ranges are calibrated, naming the families whose estimates are not."""
    states = {f.family.label: calibrated(f.candidate) for f in comparison.families}
    loose = [name for name, ok in states.items() if ok is False]
    if not any(f.candidate.sizing and estimate_range(f.candidate) for f in comparison.families):
        return "No range: no fitted efficiency factors in this catalog."
    out = "Ranges: 10th-90th percentile of measured results against the model."
    if loose:
        out += f" Uncalibrated (pooled factors of other families): {', '.join(loose)}."
    return out
