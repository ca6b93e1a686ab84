"""``aihw check``: stack previews through the policy pack, and the report it makes.

Pure: :func:`pulumi_aihw.check.engine.check_previews` takes the pack as a
:class:`~pulumi_aihw.check.engine.PackFactory`; :func:`pulumi_aihw.crossguard.check_previews`
passes the CrossGuard pack's analyzer (the only place pulumi_policy is imported).
"""

from pulumi_aihw.check.models import (
    CheckReport,
    FailedStack,
    Item,
    Location,
    RuleInfo,
    StackResult,
    WorkloadRow,
)

__all__ = [
    "CheckReport",
    "FailedStack",
    "Item",
    "Location",
    "RuleInfo",
    "StackResult",
    "WorkloadRow",
]
