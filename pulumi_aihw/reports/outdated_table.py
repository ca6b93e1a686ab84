"""``aihw outdated`` for a terminal: per workload, the locked choice against the best
choice now, in a short block that wraps to the terminal's width."""

from __future__ import annotations

from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.planner.outdated import LockCheck, OutdatedReport
from pulumi_aihw.reports import outdated_text as o
from pulumi_aihw.reports import plan_text as t
from pulumi_aihw.reports.text_table import wrap

DEFAULT_WIDTH = 120


def _side(c: Candidate) -> str:
    money = (
        f"{t.money(c.usd_total)} for the run"
        if c.usd_total is not None
        else (f"{t.money(c.usd_per_month)}/month")
    )
    return (
        f"{c.provider} {c.offering.offering} x{c.units} in {t.where(c)}, {money}, "
        f"{t.power_of(c)}, lock-in {c.lock_in.level}"
    )


def _kw(check: LockCheck) -> str:
    change = o.kw_change(check)
    if change == "unknown":
        return "change unknown"
    value, _, est = change.partition(" ")
    return f"{value} kW" + (" (estimated)" if est else "")


def _block(spec_file: str, check: LockCheck, width: int) -> list[str]:
    out = wrap(f"{check.workload} ({spec_file}): {check.state}", width, "", "  ")
    if check.locked is not None:
        still = "still feasible" if check.locked.feasible else "NO LONGER FEASIBLE"
        out += wrap(f"{_side(check.locked)}; {still}", width, "  locked:   ", "            ")
    elif check.lock is not None:
        c = check.lock.chosen
        out += wrap(
            f"{c.provider} {c.offering} x{c.units} in {c.region or '-'}",
            width,
            "  locked:   ",
            "            ",
        )
    if check.best is None:
        out.append("  best now: none feasible")
    elif check.same_choice:
        out.append("  best now: the same choice")
    else:
        out += wrap(_side(check.best), width, "  best now: ", "            ")
    if check.locked is not None and check.best is not None and not check.same_choice:
        out += wrap(
            f"re-planning saves {o.saved(check)}; power {_kw(check)}; lock-in "
            f"{o.lock_in_change(check)}",
            width,
            "  ",
            "    ",
        )
    if check.note:
        out += wrap(check.note, width, "  ", "    ")
    return out


def render(report: OutdatedReport, width: int = DEFAULT_WIDTH) -> str:
    lines = wrap(o.headline(report), width, "", "  ")
    for r in report.rows:
        lines += ["", *_block(r.spec_file, r.check, width)]
    if report.needing_action:
        lines.append("")
        lines += wrap(
            "To re-plan: `aihw plan --lock SPEC` per workload, or `aihw outdated --write-locks`; "
            "review with `aihw check` and `aihw diff` before merging.",
            width,
        )
    return "\n".join(line.rstrip() for line in lines) + "\n"
