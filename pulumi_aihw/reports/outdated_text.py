"""Cells shared by the ``aihw outdated`` renderers (no rendering here)."""

from __future__ import annotations

from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.planner.outdated import LockCheck, OutdatedReport
from pulumi_aihw.reports import plan_text as t


def headline(report: OutdatedReport) -> str:
    locked = [r for r in report.rows if r.check.lock is not None]
    n = len(report.needing_action)
    as_of = report.rows[0].check.catalog_as_of.isoformat() if report.rows else "-"
    return (
        f"aihw outdated: {n} of {len(locked)} locked workload{'s' if len(locked) != 1 else ''} "
        f"need{'s' if n == 1 else ''} re-planning (saving threshold "
        f"{report.threshold_percent:g}%); catalog as of {as_of}"
    )


def choice(c: Candidate | None) -> str:
    if c is None:
        return "-"
    return f"{c.provider} {c.offering.offering} x{c.units} ({t.where(c)})"


def cost(c: Candidate | None) -> str:
    if c is None:
        return "-"
    if c.usd_total is not None:
        return t.money(c.usd_total) + " run"
    return t.money(c.usd_per_month)


def saved(check: LockCheck) -> str:
    usd, pct = check.usd_saved, check.percent_saved
    if usd is None:
        return "-" if check.locked is None or check.best is None else "unknown"
    unit = "/run" if check.locked is not None and check.locked.usd_total is not None else "/mo"
    share = f" ({pct:,.0f}%)" if pct is not None else ""
    return f"{'-' if usd < 0 else ''}${abs(usd):,.0f}{unit}{share}"


def kw_change(check: LockCheck) -> str:
    if check.locked is None or check.best is None:
        return "-"
    kw = check.kw_change
    if kw is None:
        return "unknown"
    estimated = any(str(c.power.basis) == "estimate" for c in (check.locked, check.best))
    return f"{kw:+,.2f}" + (" est." if estimated else "")


def lock_in_change(check: LockCheck) -> str:
    if check.locked is None or check.best is None:
        return "-"
    a, b = check.locked.lock_in.level, check.best.lock_in.level
    return str(a) if a == b else f"{a} -> {b}"


def feasible(check: LockCheck) -> str:
    return "-" if check.locked is None else ("yes" if check.locked.feasible else "no")


def row(check: LockCheck) -> list[str]:
    return [
        check.workload,
        str(check.state),
        choice(check.locked),
        cost(check.locked),
        choice(check.best),
        cost(check.best),
        saved(check),
        kw_change(check),
        lock_in_change(check),
        feasible(check),
    ]


HEADERS = (
    "workload",
    "state",
    "locked",
    "cost",
    "best now",
    "cost",
    "saved",
    "kW change",
    "lock-in",
    "still feasible",
)
