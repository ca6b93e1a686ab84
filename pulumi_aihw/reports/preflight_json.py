"""``aihw preflight --format json``: one object with ``status``, ``service_error`` and,
per candidate, its checks (``name``, ``status``, ``zone``, ``message``)."""

from __future__ import annotations

import json

from pulumi_aihw.preflight.models import PreflightReport


def render(report: PreflightReport) -> str:
    return json.dumps(report.to_dict(), indent=2) + "\n"
