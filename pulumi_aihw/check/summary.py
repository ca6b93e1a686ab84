"""Cost, power and lock-in per workload of a stack, each workload counted once."""

from __future__ import annotations

from pulumi_aihw.catalog.catalog import Catalog
from pulumi_aihw.check.models import WorkloadRow
from pulumi_aihw.planner.economics import lock_in
from pulumi_aihw.rules.facts.hardware import Hardware
from pulumi_aihw.rules.facts.stack import StackView
from pulumi_aihw.rules.model import Context, Unevaluable
from pulumi_aihw.vocab import Deployment


def lock_in_level(hw: Hardware, catalog: Catalog) -> str | None:
    """The plan's level for a Workload; for raw hardware, the planner's lock-in function
    (:func:`pulumi_aihw.planner.economics.lock_in`) with what the resource shows: a cloud
    deployment, its purchase option, no spec frameworks."""
    if hw.chosen is not None:
        level = hw.chosen.get("lock_in_level")
        return str(level) if level is not None else None
    acc = hw.accelerator
    if acc is None:
        return None
    found = lock_in(
        acc,
        Deployment.CLOUD,
        sole_provider=catalog.sole_provider(acc.family),
        purchase=hw.purchase,
    )
    return str(found.level)


def _value(fn: object) -> float | None:
    try:
        return fn()  # type: ignore[operator,no-any-return]
    except Unevaluable:
        return None


def workload_rows(view: StackView, stack_dir: str, ctx: Context) -> list[WorkloadRow]:
    rows = []
    for hw in view.deployed:
        name = hw.spec.name if hw.spec is not None else hw.resource.name
        rows.append(
            WorkloadRow(
                stack_dir=stack_dir,
                name=name,
                urn=hw.resource.urn,
                kind=hw.kind,
                hardware=hw.label,
                usd_per_month=_value(hw.usd_per_month),
                power_kw=_value(hw.power_kw),
                lock_in=lock_in_level(hw, ctx.catalog),
            )
        )
    return rows
