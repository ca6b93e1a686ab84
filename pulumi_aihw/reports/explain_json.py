"""``aihw explain --format json``: the explanation as one object (unknowns are ``null``)."""

from __future__ import annotations

import json

from pulumi_aihw.planner.explain import Explanation


def render(e: Explanation, width: int | None = None) -> str:
    return json.dumps(e.to_dict(), indent=2) + "\n"
