"""The policy rules, one per file (``<area>_<what>.py``: ``cost_over_budget``,
``lock_vendor_sdk_required``, ``power_stack_cap``, ...). Each reads
:class:`~pulumi_aihw.rules.facts.hardware.Hardware` facts and is registered explicitly in
:mod:`pulumi_aihw.rules.registry` (docs/extending.md: adding a rule)."""
