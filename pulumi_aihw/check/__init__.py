"""``aihw check``: stack previews through the policy pack, and the report it makes.

:func:`check_previews` (in :mod:`pulumi_aihw.check.engine`) imports pulumi_policy when
called; the report models here are pure.
"""

from pulumi_aihw.check.models import CheckReport, Item, Location, RuleInfo, StackResult, WorkloadRow

__all__ = ["CheckReport", "Item", "Location", "RuleInfo", "StackResult", "WorkloadRow"]
