"""``aihw catalog refresh --format json``: counts per kind and every price change."""

from __future__ import annotations

import json

from pulumi_aihw.catalog.refresh import RefreshReport


def render(report: RefreshReport) -> str:
    return json.dumps(report.to_dict(), indent=2) + "\n"
