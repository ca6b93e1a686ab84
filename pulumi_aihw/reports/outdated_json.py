"""``aihw outdated --format json``: every workload's lock against a fresh plan."""

from __future__ import annotations

import json

from pulumi_aihw.planner.outdated import OutdatedReport


def render(report: OutdatedReport, width: int | None = None) -> str:
    return json.dumps(report.to_dict(), indent=2) + "\n"
