"""``aihw plan --format json``: the contract in design.md (one object, ``chosen`` and
``candidates``; unknown numbers are ``null``)."""

from __future__ import annotations

import json

from pulumi_aihw.planner.models import Plan


def render(plan: Plan, top: int | None = None, width: int | None = None) -> str:
    """All candidates are always included; ``top`` and ``width`` only shape human formats."""
    return json.dumps(plan.to_dict(), indent=2) + "\n"
