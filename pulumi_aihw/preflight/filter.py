"""``aihw plan --preflight``: turn a preflight report into plan rejections.

A failed check rejects its candidate with the reason ``preflight failed: <check>:
<message>``; warnings are carried onto the candidate. Checks that could not be
answered (a cloud API failure) never reject anything: the caller stops with
exit 3 instead.
"""

from __future__ import annotations

from dataclasses import replace

from pulumi_aihw.planner.amend import amend_plan
from pulumi_aihw.planner.models import Plan
from pulumi_aihw.preflight.models import PreflightReport, Status
from pulumi_aihw.spec.models import WorkloadSpec

REJECTION_CATEGORY = "preflight failed"


def filter_plan(plan: Plan, spec: WorkloadSpec, report: PreflightReport) -> Plan:
    """The plan with candidates that failed preflight rejected, re-ranked."""
    rejections: dict[str, list[str]] = {}
    warnings: dict[str, list[str]] = {}
    for cand in report.candidates:
        for chk in cand.failed:
            rejections.setdefault(cand.key, []).append(
                f"{REJECTION_CATEGORY}: {chk.name}: {chk.message}"
            )
        for chk in cand.checks:
            if chk.status is Status.WARN:
                warnings.setdefault(cand.key, []).append(f"preflight {chk.name}: {chk.message}")
    checked = {c.key for c in report.candidates}
    passed = [c.offering for c in report.candidates if c.key not in rejections]
    notice = (
        f"preflight checked {len(checked)} candidate(s) with the clouds: {len(rejections)} "
        f"failed and were dropped" + (f"; kept: {', '.join(passed)}" if passed else "")
    )
    amended = amend_plan(plan, spec, rejections=rejections, warnings=warnings, notices=[notice])
    chosen = amended.chosen
    if chosen is not None and chosen.feasible and chosen.offering.key not in checked:
        late = (
            f"preflight did not check the new choice {chosen.offering.offering} in "
            f"{chosen.region or '-'}: run `aihw preflight` before deploying"
        )
        amended = replace(amended, notices=(*amended.notices, late))
    return amended
