"""``aihw diff``: a pull-request comment with the cost, power and lock-in deltas."""

from __future__ import annotations

from pulumi_aihw.check.diff import DiffReport, WorkloadDelta
from pulumi_aihw.reports.escape import code
from pulumi_aihw.reports.findings_text import cell, kw, money

MARKER = "<!-- aihw-diff -->"
_LOCK_ARROW = {1: " :arrow_up: more lock-in", -1: " :arrow_down: less lock-in", 0: ""}


def _signed_usd(value: float | None) -> str:
    if value is None:
        return "unknown"
    return "±$0" if round(value) == 0 else f"{'+' if value > 0 else '-'}${abs(value):,.0f}"


def _signed_kw(value: float | None) -> str:
    if value is None:
        return "unknown"
    return "±0.00" if round(value, 2) == 0 else f"{value:+,.2f}"


def _side(row: object, key: str, fmt: str) -> str:
    if row is None:
        return "-"
    value = row.get(key)  # type: ignore[attr-defined]
    return money(value) if fmt == "usd" else kw(value)


def _row(w: WorkloadDelta) -> str:
    status = "added" if w.base is None else "removed" if w.head is None else ""
    old_lock = (w.base or {}).get("lock_in") or "-"
    new_lock = (w.head or {}).get("lock_in") or "-"
    lock = cell(old_lock) if old_lock == new_lock else f"{cell(old_lock)} -> {cell(new_lock)}"
    name = f"{cell(w.name)} ({status})" if status else cell(w.name)
    return (
        f"| `{code(w.stack_dir)}` | {name} | {_side(w.base, 'usd_per_month', 'usd')} | "
        f"{_side(w.head, 'usd_per_month', 'usd')} | {_signed_usd(w.usd_per_month)} | "
        f"{_side(w.base, 'power_kw', 'kw')} | {_side(w.head, 'power_kw', 'kw')} | "
        f"{_signed_kw(w.power_kw)} | {lock}{_LOCK_ARROW[w.lock_in_change]} |"
    )


def _unknown(names: list[str]) -> str:
    return f" (unknown, not counted: {', '.join(sorted(set(names)))})" if names else ""


def render(d: DiffReport) -> str:
    (base_usd, bu), (head_usd, hu) = (
        d.total("base", "usd_per_month"),
        d.total("head", "usd_per_month"),
    )
    (base_kw, bk), (head_kw, hk) = d.total("base", "power_kw"), d.total("head", "power_kw")
    more_lock = sum(w.lock_in_change > 0 for w in d.workloads)
    lines = [
        MARKER,
        f"### aihw diff: {_signed_usd(head_usd - base_usd)}/month, "
        f"{_signed_kw(head_kw - base_kw)} kW, "
        f"{more_lock} workload{'s' if more_lock != 1 else ''} with more lock-in",
        "",
        f"Total: {money(base_usd)} -> {money(head_usd)} per month{_unknown(bu + hu)}; "
        f"{kw(base_kw)} -> {kw(head_kw)} kW{_unknown(bk + hk)}.",
        "",
    ]
    if d.failed:
        lines += [":x: **Stacks not checked in this change (their program failed):**", ""]
        lines += [f"- `{code(f['stack_dir'])}` ({cell(f['kind'])})" for f in d.failed]
        lines.append("")
    if d.workloads:
        lines += [
            "| stack | workload | $/month before | after | change | kW before | after | change "
            "| lock-in |",
            "|---|---|--:|--:|--:|--:|--:|--:|---|",
            *(_row(w) for w in d.workloads),
            "",
        ]
    for title, rows in (("New violations", d.added), ("Fixed violations", d.fixed)):
        if rows:
            lines += [f"**{title}**", ""]
            lines += [
                f"- **{cell(f['rule_id'])}** ({cell(f.get('level'))}) "
                f"`{code(f['resource']['name'])}` in `{code(f['stack_dir'])}`: {cell(f['message'])}"
                for f in rows
            ]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
