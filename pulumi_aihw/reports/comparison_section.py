"""The GPU-vs-accelerator comparison of one workload in the ``aihw check`` pull-request
comment (a :data:`~pulumi_aihw.reports.workload_sections.WORKLOAD_SECTIONS` entry).

Short, for a reviewer's minute: one row per hardware family with a feasible candidate
(cost, estimated speed, tokens per dollar and per kWh with their ranges, kW with its
basis, lock-in) and one line with the price of portability. It reads the comparison as
the check result stores it (the plan's JSON: ``best_per_family``, ``portability_cost``),
so a merged or cached result renders the same. ``aihw plan`` shows the full comparison.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulumi_aihw.check.models import CheckReport, WorkloadRow
from pulumi_aihw.reports import plan_text as t
from pulumi_aihw.reports.comparison_text import delta_phrase, figure_cell
from pulumi_aihw.reports.escape import code, markdown

UNKNOWN = t.UNKNOWN


def _figure(d: Mapping[str, Any], key: str, fmt: str, scale: float = 1.0) -> str:
    """``{value, low, high}`` as ``1.20 (0.90-1.50)``; ``unknown`` when absent."""
    f = d.get(key)
    if not isinstance(f, Mapping):
        return UNKNOWN

    def v(k: str) -> float | None:
        x = f.get(k)
        return x * scale if isinstance(x, (int, float)) and not isinstance(x, bool) else None

    return figure_cell(v("value"), v("low"), v("high"), fmt)


def _money(d: Mapping[str, Any], training: bool) -> str:
    cost = _figure(d, "usd_total", "${:,.0f}") if training else t.money(d.get("usd_per_month"))
    return cost + t.marks(bool(d.get("suspect_price")), bool(d.get("your_rate")))


def _kw(d: Mapping[str, Any]) -> str:
    p = d.get("power")
    if not isinstance(p, Mapping):
        return UNKNOWN
    return t.kw_text(p.get("value"), p.get("basis"))


def _row(d: Mapping[str, Any], training: bool) -> str:
    lock = d.get("lock_in")
    level = lock.get("level") if isinstance(lock, Mapping) else None
    speed = (
        _figure(d, "time_to_train_hours", "{:,.1f} d", 1 / 24)
        if training
        else _figure(d, "tokens_per_second", "{:,.0f}")
    )
    energy = (
        _figure(d, "run_kwh", "{:,.0f}")
        if training
        else _figure(d, "tokens_per_kwh", "{:,.2f}", 1e-6)
    )
    cells = (
        markdown(d.get("family_label", d.get("family", "?"))),
        f"`{code(d.get('provider'))} {code(d.get('offering'))}`",
        markdown(_money(d, training)),
        speed,
        _figure(d, "million_tokens_per_usd", "{:,.2f}"),
        energy,
        _kw(d),
        markdown(level or UNKNOWN),
    )
    return "| " + " | ".join(cells) + " |"


def portability_text(p: Mapping[str, Any]) -> str:
    """The price of portability in one line (the plan's wording of the delta)."""
    cheapest, portable = p.get("cheapest"), p.get("cheapest_portable")
    if not isinstance(cheapest, Mapping):
        return "Price of portability: no priced candidate to compare."
    if not isinstance(portable, Mapping):
        near = p.get("closest_portable")
        if not isinstance(near, Mapping):
            return "Price of portability: no portable candidate is feasible."
        return (
            f"Price of portability: no portable candidate is feasible; the cheapest portable, "
            f"`{code(near.get('offering'))}` ({markdown(t.money(near.get('usd')))}), is ruled out "
            f"({markdown('; '.join(map(str, near.get('rejected_because') or [])))})."
        )
    if portable.get("offering") == cheapest.get("offering") and portable.get(
        "region"
    ) == cheapest.get("region"):
        return (
            f"Price of portability: none: the cheapest, `{code(cheapest.get('offering'))}`, "
            "is portable."
        )
    found = p.get("lock_in")
    lock: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
    estimated = "estimate" in (portable.get("power_basis"), cheapest.get("power_basis"))
    delta = delta_phrase(
        p.get("usd"),
        p.get("percent"),
        str(p.get("usd_unit", "month")),
        p.get("power_kw"),
        estimated,
        str(lock.get("from", "?")),
        str(lock.get("to", "?")),
    )
    return (
        f"Price of portability: {markdown(delta)} (`{code(portable.get('offering'))}` vs "
        f"`{code(cheapest.get('offering'))}`)."
    )


def comparison_section(row: WorkloadRow, report: CheckReport) -> list[str]:
    """Best of each hardware family and the price of portability (nothing without a
    comparison: raw hardware, or no feasible candidate)."""
    data = row.comparison
    families = data.get("best_per_family") if data else None
    if not data or not isinstance(families, list) or not families:
        return []
    rows = [f for f in families if isinstance(f, Mapping)]
    training = any(isinstance(f.get("usd_total"), Mapping) for f in rows)
    money, speed, energy = (
        ("run $", "run time", "run kWh") if training else ("$/month", "tokens/s", "M tok/kWh")
    )
    out = [
        "**Best of each hardware family** (estimates with their calibrated range)",
        "",
        f"| family | offering | {money} | {speed} | M tok/$ | {energy} | kW | lock-in |",
        "|---|---|--:|--:|--:|--:|--:|---|",
        *(_row(f, training) for f in rows),
        "",
    ]
    shown = "".join(t.marks(bool(f.get("suspect_price")), bool(f.get("your_rate"))) for f in rows)
    out += [f"`{m}` {markdown(t.MARKS[m])}  " for m in sorted(set(shown))]
    portability = data.get("portability_cost")
    if isinstance(portability, Mapping):
        out.append(portability_text(portability))
    return out
