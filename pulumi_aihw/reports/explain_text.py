"""``aihw explain`` for a terminal: one candidate, every figure with its arithmetic."""

from __future__ import annotations

from collections.abc import Sequence

from pulumi_aihw.planner.comparison import family_of
from pulumi_aihw.planner.estimates import estimate_label
from pulumi_aihw.planner.explain import Explanation
from pulumi_aihw.planner.explain_sizing import Step
from pulumi_aihw.reports import plan_text as t
from pulumi_aihw.reports.text_table import wrap

DEFAULT_WIDTH = 120


def _steps(title: str, steps: Sequence[Step], width: int) -> list[str]:
    """``  what ....... result  = how`` per step; a long "how" wraps under itself."""
    if not steps:
        return []
    w_what = max(len(s.what) for s in steps)
    w_result = max(len(s.result) for s in steps)
    out = ["", *wrap(title, width, "", "  ")]
    for s in steps:
        head = f"  {s.what.ljust(w_what)}  {s.result.rjust(w_result)}  "
        if len(head) > width * 2 // 3:  # narrow terminal: the arithmetic on its own lines
            out.append(f"  {s.what}: {s.result}")
            out += wrap(s.how, width, "      = ", "        ")
        else:
            out += wrap(s.how, width, head + "= ", " " * (len(head) + 2))
    return out


def _bullets(title: str, items: Sequence[str], width: int) -> list[str]:
    if not items:
        return []
    out = ["", title]
    for item in items:
        out += wrap(item, width, "  - ", "    ")
    return out


def render(e: Explanation, width: int = DEFAULT_WIDTH) -> str:
    c, p = e.candidate, e.plan
    head = (
        f"Explain {c.provider} {c.offering.offering} in {t.where(c)} for {p.workload} "
        f"({p.phase}, objective {p.objective}); catalog as of {p.catalog_as_of}"
    )
    lines = wrap(head, width, "", "  ")
    lines += wrap(e.standing, width, "Standing: ", "  ")
    if p.chosen is not None and p.chosen is not c:
        lines += wrap(t.chosen_line(p.chosen), width, "Chosen instead: ", "  ")
    units = "" if c.units is None else f" on {c.units} {c.offering.unit_kind}(s)"
    lines.append(f"Family: {family_of(c).label}; {t.hardware(c)}{units}")
    if e.other_regions:
        lines += wrap(", ".join(e.other_regions), width, "Also offered in: ", "  ")
    lines += _steps(f"Sizing ({estimate_label(c)})", e.sizing, width)
    lines += _steps("Price", e.price, width)
    lines += _steps("Power", e.power, width)
    lines += _bullets(f"Lock-in: {c.lock_in.level}", c.lock_in.reasons, width)
    lines += _bullets("Rejected because:", c.rejected_because, width)
    lines += _bullets("To make it feasible:", e.remedies, width)
    return "\n".join(line.rstrip() for line in lines) + "\n"
