"""Per-workload sections of the PR comment: where more about one workload goes (for
example the best option per hardware family).

Each entry of :data:`WORKLOAD_SECTIONS` is a function ``(row, report) -> lines`` of
markdown about one workload (no lines: nothing to say). The comment renders them after
the workloads table and charts, one collapsed ``<details>`` per workload with something
to say, headed by its unique label (``stack/name``). They are the first thing cut when
the comment is over its size budget. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Callable

from pulumi_aihw.check.models import CheckReport, WorkloadRow

WorkloadSection = Callable[[WorkloadRow, CheckReport], list[str]]

WORKLOAD_SECTIONS: tuple[WorkloadSection, ...] = ()
"""The per-workload sections, in the order they are shown (an explicit registry)."""


def workload_details(
    report: CheckReport, sections: tuple[WorkloadSection, ...] = WORKLOAD_SECTIONS
) -> list[tuple[WorkloadRow, list[str]]]:
    """Each workload with the lines its sections give, those with something to say."""
    out = []
    for row in report.workloads:
        lines = [line for section in sections for line in section(row, report)]
        if lines:
            out.append((row, lines))
    return out
