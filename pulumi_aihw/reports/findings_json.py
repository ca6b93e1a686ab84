"""``aihw check --format json``: every finding, cost/power/lock-in per workload, the
stacks that failed or were not checked, and the rules with their levels.

The input of ``aihw diff`` and ``aihw merge``. Unknown numbers are ``null``, never 0.
Stacks whose program failed are listed in ``failed_stacks`` (not judged). The document
is written (and read back) by :mod:`pulumi_aihw.check.serialize`.
"""

from __future__ import annotations

import json
from typing import Any

from pulumi_aihw.check.models import CheckReport
from pulumi_aihw.check.serialize import FORMAT_VERSION, report_to_dict

__all__ = ["FORMAT_VERSION", "render", "to_dict"]


def to_dict(report: CheckReport) -> dict[str, Any]:
    return report_to_dict(report)


def render(report: CheckReport) -> str:
    return json.dumps(to_dict(report), indent=2) + "\n"
