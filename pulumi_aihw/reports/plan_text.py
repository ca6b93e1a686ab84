"""Shared wording for plan reports: cells, categories, summaries (no rendering here)."""

from __future__ import annotations

from pulumi_aihw.planner.models import Candidate, Plan
from pulumi_aihw.planner.sizing import optimistic_warnings
from pulumi_aihw.planner.summary import category

UNKNOWN = "unknown"


def money(value: float | None, digits: int = 0) -> str:
    if value is None:
        return UNKNOWN
    return f"${value:,.{digits}f}"


def number(value: float | None, digits: int = 4) -> str:
    """A price or figure without trailing zeros (``0.7582``, ``13.1``, ``700``), or
    ``unknown``."""
    if value is None:
        return UNKNOWN
    text = f"{value:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def kw(value: float | None) -> str:
    return UNKNOWN if value is None else f"{value:,.2f}"


def power(value: float | None) -> str:
    return "power unknown" if value is None else f"{value:,.2f} kW"


def power_of(c: Candidate) -> str:
    """``0.90 kW``; ``~0.77 kW est. (0.48-0.77)``; ``power unknown``."""
    return c.power.label() if c.power.kw is not None else power(c.power_kw)


def kw_cell(c: Candidate) -> str:
    """The kW cell of a table: ``0.90``; ``~0.77 est.``; ``0.17 meas.``; ``unknown``."""
    if c.power.kw is None:
        return kw(c.power_kw)
    if str(c.power.basis) == "estimate":
        return f"~{c.power.kw:,.2f} est."
    if str(c.power.basis) == "measured":
        return f"{c.power.kw:,.2f} meas."
    return kw(c.power.kw)


MARKS = {"!": "price disagrees with a second source (flags below)", "*": "your rate (pricing:)"}


def price_mark(c: Candidate) -> str:
    """`` !`` for a suspect price, `` *`` for your own rate (see :data:`MARKS`)."""
    return ("!" if c.suspect else "") + ("*" if c.your_rate else "")


def price_notes(c: Candidate) -> list[str]:
    """What a reader must know about the chosen candidate's price: your rate, price checks
    that disagree, prices the source does not publish, single-source prices."""
    out = [c.your_rate] if c.your_rate else []
    basis = c.price_basis
    for f in c.offering.flags:
        if f.startswith(f"price check: {basis} ") or f.startswith(
            ("price not published", f"{basis} price from")
        ):
            out.append(f)
    return out


def count(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:g}"


def hardware(c: Candidate) -> str:
    n = count(c.accelerators)
    return f"{n} x {c.accelerator.id}"


def where(c: Candidate) -> str:
    return c.region or "location unspecified"


def headline(p: Plan) -> str:
    return (
        f"Plan for {p.workload} ({p.phase}, objective {p.objective}, "
        f"{p.purchase_option}); catalog as of {p.catalog_as_of}"
    )


def chosen_line(c: Candidate) -> str:
    unit = c.offering.unit_kind + ("s" if (c.units or 0) != 1 else "")
    total = f", {money(c.usd_total)} for the run" if c.usd_total is not None else ""
    return (
        f"{c.provider} {c.offering.offering} x{c.units} {unit} in {where(c)}: "
        f"{hardware(c)}, {money(c.usd_per_month)}/month{total}, {power_of(c)}, "
        f"lock-in {c.lock_in.level}"
    )


def unknown_flags(c: Candidate) -> list[str]:
    """Why a shown number is unknown (prices and power are never shown as 0)."""
    out: list[str] = []
    if c.usd_per_month is None:
        out.extend(r for r in c.rejected_because if category(r) == "price unknown")
    out.extend(w for w in c.warnings if w.startswith("power unknown"))
    return out


def estimate_warnings(c: Candidate) -> list[str]:
    """A demand or deadline only the optimistic end of the estimate meets."""
    return optimistic_warnings(c.warnings)


def _duration(hours: float) -> str:
    return f"{hours / 24:,.1f} days" if hours >= 48 else f"{hours:,.1f} hours"


def _basis(text: str | None) -> str:
    """``calibrated on 25 ...`` from ``throughput: calibrated on 25 ...``."""
    return "" if not text else f"; {text.split(': ', 1)[-1]}"


def training_time(c: Candidate) -> str | None:
    s = c.sizing
    if s is None or s.time_to_train_hours is None:
        return None
    text = _duration(s.time_to_train_hours)
    if s.time_to_train_hours_range is not None:
        low, high = s.time_to_train_hours_range
        text += f" (likely {_duration(low)} to {_duration(high)}{_basis(s.estimate_basis)})"
    return text


def throughput(c: Candidate) -> str | None:
    s = c.sizing
    if s is None or s.tokens_per_second is None:
        return None
    text = f"{s.tokens_per_second:,.0f} tokens/s"
    if s.tokens_per_second_range is not None:
        low, high = s.tokens_per_second_range
        text += f" (likely {low:,.0f}-{high:,.0f}{_basis(s.estimate_basis)})"
    return text


def placement_notes(c: Candidate) -> list[str]:
    """Bare metal: what must be ordered first, or which servers and racks the plan uses."""
    out: list[str] = []
    if c.offering.requires_order:
        out.append(
            f"order: {c.offering.offering} must be ordered from {c.provider} and added to the "
            "inventory before enrollment"
        )
    facts = c.extra.get("baremetal")
    if isinstance(facts, dict) and facts.get("placed"):
        servers = ", ".join(f"{s['name']} ({s['rack']})" for s in facts["servers"])
        out.append(f"servers: {servers}")
        for r in facts["racks"]:
            total = r["used_kw"] + r["planned_kw"]
            out.append(
                f"rack {r['rack']}: {total:,.2f} of {r['budget_kw']:g} kW "
                f"({r['used_kw']:,.2f} in use + {r['planned_kw']:,.2f} planned)"
            )
    return out
