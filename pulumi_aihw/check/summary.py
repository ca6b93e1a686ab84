"""Cost, power and lock-in per workload of a stack, each workload counted once."""

from __future__ import annotations

from pulumi_aihw.catalog.catalog import Catalog
from pulumi_aihw.check.models import WorkloadRow
from pulumi_aihw.planner.economics import family_lock_in, lock_in
from pulumi_aihw.rules.facts.families import family_sdk
from pulumi_aihw.rules.facts.hardware import Hardware
from pulumi_aihw.rules.facts.stack import StackView
from pulumi_aihw.rules.model import Context, Unevaluable
from pulumi_aihw.vocab import Deployment, LockInLevel


def lock_in_level(hw: Hardware, catalog: Catalog) -> str | None:
    """The plan's level for a Workload; for raw hardware, the planner's lock-in function
    (:func:`pulumi_aihw.planner.economics.lock_in`) with what the resource shows: a cloud
    deployment, its purchase option, no spec frameworks."""
    if hw.chosen is not None:
        level = hw.chosen.get("lock_in_level")
        return str(level) if level is not None else None
    acc = hw.accelerator
    if acc is not None:
        found = lock_in(
            acc,
            Deployment.CLOUD,
            sole_provider=catalog.sole_provider(acc.family),
            purchase=hw.purchase,
        )
    elif hw.family is not None:
        fam = hw.family.family
        found = family_lock_in(
            fam,
            family_sdk(catalog, fam),
            sole_provider=catalog.sole_provider(fam),
            purchase=hw.purchase,
        )
    elif hw.kind == "purchase" and hw.purchase in ("capacity-block", "reserved"):
        return str(LockInLevel.MEDIUM)
    else:
        return None
    return str(found.level)


def _value(fn: object) -> float | None:
    try:
        return fn()  # type: ignore[operator,no-any-return]
    except Unevaluable:
        return None


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def power_basis(
    hw: Hardware, power_kw: float | None
) -> tuple[str | None, float | None, float | None]:
    """(basis, low kW, high kW) of a workload's power figure.

    The plan summary's ``power_basis`` and range where the planner records them (the
    catalog's power basis, issue #12); else the catalog's accelerator: ``power_basis``
    if it has one, ``measured`` for a measured maximum (TPU v4), ``published`` for a
    rated TDP. ``None`` when the power is unknown."""
    if power_kw is None:
        return None, None, None
    chosen = hw.chosen or {}
    basis = chosen.get("power_basis")
    low, high = _number(chosen.get("power_low_kw")), _number(chosen.get("power_high_kw"))
    acc = hw.accelerator
    if not isinstance(basis, str) and acc is not None:
        stored = getattr(acc, "power_basis", None)
        if stored is not None and str(stored) != "unknown":
            basis = str(stored)
        else:
            basis = "measured" if acc.tdp_is_measured else "published"
    return (basis if isinstance(basis, str) else None), low, high


def _run_hours(hw: Hardware, usd_total: float | None) -> float | None:
    """Training: hours of the run (the plan's ``run_hours``, else cost / hourly price)."""
    chosen = hw.chosen or {}
    hours = _number(chosen.get("run_hours"))
    rate = _number(chosen.get("usd_per_hour"))
    if hours is None and usd_total is not None and rate:
        hours = usd_total / rate
    return hours


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def workload_row(hw: Hardware, stack_dir: str, ctx: Context) -> WorkloadRow:
    """One workload's row, dollars to the cent and kW to the watt (as every report shows
    and the JSON result keeps, so a merged report equals an unsharded one)."""
    name = hw.spec.name if hw.spec is not None else hw.resource.name
    power = None if hw.kind == "reservation" else _round(_value(hw.power_kw), 3)
    basis, low, high = power_basis(hw, power)
    total = _round(hw.usd_total(), 2)
    constraints = hw.spec.constraints if hw.spec is not None else None
    return WorkloadRow(
        stack_dir=stack_dir,
        name=name,
        urn=hw.resource.urn,
        kind=hw.kind,
        hardware=hw.label,
        usd_per_month=_round(_value(hw.usd_per_month), 2),
        power_kw=power,
        lock_in=lock_in_level(hw, ctx.catalog),
        usd_total=total,
        run_hours=_round(_run_hours(hw, total), 2),
        budget_usd_per_month=constraints.max_usd_per_month if constraints else None,
        budget_usd_total=constraints.max_usd_total if constraints else None,
        power_basis=basis,
        power_low_kw=_round(low, 3),
        power_high_kw=_round(high, 3),
    )


def workload_rows(view: StackView, stack_dir: str, ctx: Context) -> list[WorkloadRow]:
    purchases = [h for h in view.hardware if h.kind == "purchase"]
    return [workload_row(hw, stack_dir, ctx) for hw in (*view.deployed, *purchases)]
