"""``aihw diff``: a pull-request comment with the cost, power and lock-in deltas.

The headline gives the total changes: monthly cost (services), cost per run (training),
power as "+X kW known, N unknown" when a change is unknown (never counted as 0), and the
workloads with more lock-in. Then one row per added, removed or changed workload with
its hardware before and after; unchanged workloads are only counted. Text bar charts
show the largest changes. New and fixed violations follow. Under a size budget
(``max_chars``) like the check comment.
"""

from __future__ import annotations

from dataclasses import replace

from pulumi_aihw.check.diff import DiffReport, Sum, Totals, WorkloadDelta
from pulumi_aihw.reports import escape
from pulumi_aihw.reports.comment_budget import DEFAULT_MAX_CHARS, Section, fit

__all__ = [
    "DEFAULT_MAX_CHARS",
    "MARKER",
    "headline",
    "render",
    "sections",
    "signed_kw",
    "signed_usd",
]
from pulumi_aihw.reports.findings_text import cell, kw, money, plural
from pulumi_aihw.reports.text_chart import Bar, diverging_lines

MARKER = "<!-- aihw-diff -->"
CHART_MAX_BARS = 25
_LOCK_ARROW = {1: " :arrow_up: more lock-in", -1: " :arrow_down: less lock-in", 0: "", None: ""}
P_HEAD, P_FAILED, P_ROWS, P_VIOLATIONS, P_CHARTS = range(5)


def signed_usd(value: float | None) -> str:
    if value is None:
        return "unknown"
    return "±$0" if round(value) == 0 else f"{'+' if value > 0 else '-'}${abs(value):,.0f}"


def signed_kw(value: float | None) -> str:
    if value is None:
        return "unknown"
    return "±0.00" if round(value, 2) == 0 else f"{value:+,.2f}"


def _code(text: object) -> str:
    return escape.code(text).replace("|", "\\|")


def _value(row: object, key: str, unit: str) -> str:
    if row is None:
        return "-"
    value = row.get(key)  # type: ignore[attr-defined]
    return money(value) if unit == "usd" else kw(value)


def _pair(w: WorkloadDelta, key: str, unit: str) -> str:
    old, new = _value(w.base, key, unit), _value(w.head, key, unit)
    return old if old == new else f"{old} → {new}"


def _hardware(w: WorkloadDelta) -> str:
    old = cell((w.base or {}).get("hardware") or "-") if w.base is not None else "-"
    new = cell((w.head or {}).get("hardware") or "-") if w.head is not None else "-"
    return old if old == new else f"{old} → {new}"


def _lock(w: WorkloadDelta) -> str:
    old = cell((w.base or {}).get("lock_in") or "unknown") if w.base is not None else "-"
    new = cell((w.head or {}).get("lock_in") or "unknown") if w.head is not None else "-"
    text = old if old == new else f"{old} → {new}"
    return text + _LOCK_ARROW[w.lock_in_change]


def _row(w: WorkloadDelta) -> str:
    status = f" ({w.status})" if w.status in ("added", "removed") else ""
    unit = "/run" if w.is_training else "/month"
    return (
        f"| `{_code(w.label)}`{status} | {_hardware(w)} | {_pair(w, w.cost_key, 'usd')}{unit} | "
        f"{signed_usd(w.cost)} | {_pair(w, 'power_kw', 'kw')} | {signed_kw(w.power_kw)} | "
        f"{_lock(w)} |"
    )


def _money_sum(s: Sum, unit: str) -> str:
    known = signed_usd(s.known)
    if not s.unknown:
        return f"{known}{unit}"
    return f"{known}{unit} known, {s.unknown} unknown"


def headline(t: Totals) -> str:
    parts = []
    if t.monthly.counted or t.monthly.unknown or not t.per_run.counted + t.per_run.unknown:
        parts.append(_money_sum(t.monthly, "/month"))
    if t.per_run.counted or t.per_run.unknown:
        parts.append(_money_sum(t.per_run, " per training run"))
    power = f"{signed_kw(t.power_kw.known)} kW"
    if t.power_kw.unknown:
        power += f" known, {t.power_kw.unknown} unknown"
    parts.append(power)
    parts.append(f"{plural(t.more_lock_in, 'workload')} with more lock-in")
    return f"### aihw diff: {', '.join(parts)}"


def _scope(t: Totals) -> str:
    parts = [f"{t.changed} changed", f"{t.added} added", f"{t.removed} removed"]
    lock = f"; lock-in: {t.more_lock_in} more, {t.less_lock_in} less"
    if t.lock_in_unknown:
        lock += f", {t.lock_in_unknown} unknown"
    return (
        f"_Workloads: {', '.join(parts)}; {t.unchanged} unchanged (not listed){lock}. "
        "A workload that is not there counts as no cost, no power and no lock-in._"
    )


def _chart(title: str, bars: list[Bar]) -> list[Section]:
    if not bars:
        return []
    bars = sorted(bars, key=lambda b: (-abs(b.value), b.label))[:CHART_MAX_BARS]
    lines = diverging_lines([replace(b, label=escape.label(b.label)) for b in bars])
    head = (f"**{title}**", "", "```text")
    more = lambda n, w: f"... {n} more {w} not shown"  # noqa: E731
    return [Section(head, tuple((x,) for x in lines), ("```", ""), P_CHARTS, "change", more=more)]


def _charts(d: DiffReport) -> list[Section]:
    monthly: list[Bar] = []
    runs: list[Bar] = []
    power: list[Bar] = []
    for w in d.changed:
        if w.cost:
            (runs if w.is_training else monthly).append(Bar(w.label, w.cost, signed_usd(w.cost)))
        if w.power_kw:
            power.append(Bar(w.label, w.power_kw, f"{signed_kw(w.power_kw)} kW"))
    return [
        *_chart("Change of cost per month", monthly),
        *_chart("Change of cost per training run", runs),
        *_chart("Change of power (known)", power),
    ]


def _violations(title: str, rows: tuple[dict, ...] | tuple) -> list[Section]:  # type: ignore[type-arg]
    if not rows:
        return []
    items = tuple(
        (
            f"- **{cell(f['rule_id'])}** ({cell(f.get('level'))}) "
            f"`{_code(f['stack_dir'])}/{_code(f['resource']['name'])}`: {cell(f['message'])}",
        )
        for f in rows
    )
    return [Section((f"**{title}** ({len(rows)})", ""), items, ("",), P_VIOLATIONS, "violation")]


def _before_after(d: DiffReport) -> str:
    """``Services: $57,677 → $61,481 per month (1 unknown, not counted)``; training runs too."""
    parts = []
    for training, what, unit in ((False, "Services", " per month"), (True, "Training runs", "")):
        old, new = d.side_total("base", training), d.side_total("head", training)
        if old.counted + old.unknown + new.counted + new.unknown == 0:
            continue
        note = ""
        if old.unknown or new.unknown:
            note = f" (unknown, not counted: {old.unknown} before, {new.unknown} after)"
        parts.append(f"{what}: {money(old.known)} → {money(new.known)}{unit}{note}")
    return "; ".join(parts) + "." if parts else "No accelerator workloads on either side."


def sections(d: DiffReport) -> list[Section]:
    t = d.totals()
    out = [Section((MARKER, headline(t), "", _scope(t), "", _before_after(d), ""), priority=P_HEAD)]
    if d.failed:
        items = tuple((f"- `{_code(f['stack_dir'])}` ({cell(f['kind'])})",) for f in d.failed)
        head = (":x: **Stacks not checked in this change (their program failed):**", "")
        out.append(Section(head, items, ("",), P_FAILED, "stack"))
    if d.changed:
        head = (
            "| workload | hardware | cost | change | kW | change | lock-in |",
            "|---|---|--:|--:|--:|--:|---|",
        )
        more = lambda n, w: f"| _... {n} more {w} not shown (comment size limit)_ |||||||"  # noqa: E731
        rows = tuple((_row(w),) for w in d.changed)
        out.append(Section(head, rows, ("",), P_ROWS, "workload", more=more))
    out += _charts(d)
    out += _violations("New violations", d.added)
    out += _violations("Fixed violations", d.fixed)
    return out


def render(
    d: DiffReport, *, max_chars: int = DEFAULT_MAX_CHARS, report_url: str | None = None
) -> str:
    return fit(sections(d), max_chars, report_url, frames_from=P_ROWS)
