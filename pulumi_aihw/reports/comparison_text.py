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
    MetricBasis,
    estimate_range,
    million_tokens_per_usd,
    power_basis,
    run_kwh,
    tokens_per_kwh,
    tokens_per_second,
)
from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.reports import plan_text as t
from pulumi_aihw.reports.text_table import Column, render, wrap

UNKNOWN = t.UNKNOWN


def throughput_cell(c: Candidate) -> str:
    """``1,052`` or ``1,052 (900-1,200)`` tokens/s; ``unknown``."""
    tps = tokens_per_second(c)
    if tps is None:
        return UNKNOWN
    span = estimate_range(c)
    return f"{tps:,.0f}" + ("" if span is None else f" ({span[0]:,.0f}-{span[1]:,.0f})")


def run_time_cell(c: Candidate) -> str:
    out = t.training_time(c) or UNKNOWN
    span = estimate_range(c)
    if span is not None and out != UNKNOWN:
        out += f" ({span[0] / 24:,.1f}-{span[1] / 24:,.1f} d)"
    return out


def per_usd_cell(c: Candidate, basis: MetricBasis) -> str:
    v = million_tokens_per_usd(c, basis)
    return UNKNOWN if v is None else f"{v:,.2f}"


def per_kwh_cell(c: Candidate, basis: MetricBasis) -> str:
    """Inference: million tokens per kWh; training: kWh for the run."""
    if basis.training_tokens is not None:
        kwh = run_kwh(c)
        return UNKNOWN if kwh is None else f"{kwh:,.0f}"
    v = tokens_per_kwh(c, basis)
    return UNKNOWN if v is None else f"{v / 1e6:,.2f}"


def kw_cell(c: Candidate) -> str:
    return power_basis(c).label()


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
        "money": t.money(c.usd_total if training else c.usd_per_month),
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
        f"{offering_cell(c)} ({family_of(c).label}) {money}, {t.power(c.power_kw)}, "
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
    a = portable.usd_total if portable.usd_total is not None else portable.usd_per_month
    b = cheapest.usd_total if cheapest.usd_total is not None else cheapest.usd_per_month
    unit = " for the run" if cheapest.usd_total is not None else "/month"
    if a is None or b is None:
        usd = "cost difference unknown"
    else:
        pct = f" ({100 * (a - b) / b:+,.0f}%)" if b else ""
        usd = f"{'+' if a >= b else '-'}${abs(a - b):,.0f}{unit}{pct}"
    pa, pb = portable.power_kw, cheapest.power_kw
    kw = "kW change unknown" if pa is None or pb is None else f"{pa - pb:+,.2f} kW"
    return f"{usd}, {kw}, lock-in {cheapest.lock_in.level} -> {portable.lock_in.level}"


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
    lines = render(title, [c for _, c in cols], rows, width)
    lines += wrap(estimate_note(comparison), width)
    for text in lock_in_lines(comparison.families):
        lines += wrap(text, width, "  lock-in ", "    ")
    lines += wrap(portability_line(comparison.portability), width)
    return lines


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
    ranged = [f for f in comparison.families if estimate_range(f.candidate) is not None]
    if len(ranged) == len(comparison.families):
        return "Ranges from calibration."
    return "No range: first-principles estimates, not calibrated against measurements."
