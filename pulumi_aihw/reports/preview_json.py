"""``aihw preview --format json``: every resource with ``type``, ``name``, ``parent`` (URN)
and ``inputs`` (engine camelCase), the stack outputs and the plan. Values unknown until
deployment are ``"<unknown during preview>"``."""

from __future__ import annotations

import json
from typing import Any

from pulumi_aihw.contracts import StackPreview
from pulumi_aihw.reports.preview_text import json_safe, plans


def to_dict(preview: StackPreview) -> dict[str, Any]:
    by_workload = plans(preview)
    return {
        "stack": preview.stack,
        "project": preview.project,
        "stack_dir": preview.stack_dir,
        "resources": [
            {
                "type": r.type,
                "name": r.name,
                "urn": r.urn,
                "parent": r.parent,
                "custom": r.custom,
                "inputs": json_safe(r.inputs),
            }
            for r in preview.resources
        ],
        "outputs": json_safe(preview.outputs),
        "plan": json_safe(next(iter(by_workload.values()))) if len(by_workload) == 1 else None,
        "plans": json_safe(by_workload),
        "diagnostics": list(preview.diagnostics),
    }


def render(preview: StackPreview) -> str:
    return json.dumps(to_dict(preview), indent=2, sort_keys=False) + "\n"
