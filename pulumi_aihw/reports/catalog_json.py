"""``aihw catalog --format json``: the listed offerings and their accelerators, as stored."""

from __future__ import annotations

import json
from collections.abc import Sequence

from pulumi_aihw.catalog.catalog import Catalog
from pulumi_aihw.catalog.models import Offering


def render(catalog: Catalog, rows: Sequence[Offering], width: int | None = None) -> str:
    """``width`` is accepted for a uniform renderer call and ignored."""
    used = {o.accelerator_id for o in rows}
    doc = {
        "as_of": catalog.as_of.isoformat(),
        "accelerators": [a.model_dump(mode="json") for a in catalog.accelerators if a.id in used],
        "offerings": [o.model_dump(mode="json") for o in rows],
    }
    return json.dumps(doc, indent=2) + "\n"
