"""Helpers the rules share: the accelerator a resource runs, the workload's spec, the
planner's view of what is deployed, and number formatting. What else the planner would
choose comes from :mod:`pulumi_aihw.planner.alternatives`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pulumi_aihw.catalog.catalog import Catalog
from pulumi_aihw.catalog.models import Accelerator
from pulumi_aihw.planner.alternatives import evaluate_deployed
from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.rules.facts.families import family_sdk
from pulumi_aihw.rules.facts.hardware import Hardware
from pulumi_aihw.rules.model import NotApplicable, Unevaluable
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.vocab import Family, Phase


def accelerator_of(hw: Hardware) -> Accelerator:
    """The accelerator ``hw`` runs, or :class:`NotApplicable` saying why it is not known."""
    acc: Accelerator | None = hw.need("accelerator")
    if acc is not None:
        return acc
    if hw.kind == "purchase":
        raise NotApplicable("a reservation or commitment, not a machine")
    if hw.template_ref is not None:
        raise NotApplicable("its type is set by the template it launches, which is checked itself")
    raise NotApplicable(f"{hw.offering_name or 'its type'} is not in the catalog")


@dataclass(frozen=True)
class AcceleratorKind:
    """What is certain about the accelerator: all of it (catalog), or its family only."""

    family: Family
    name: str
    vendor_sdk: str | None
    """``None`` where the family's accelerators need different SDKs (GPUs: CUDA, ROCm)."""


def accelerator_kind(hw: Hardware, catalog: Catalog) -> AcceleratorKind:
    """The accelerator's family, name and vendor SDK, from the catalog or, for a type the
    catalog does not know, from its family; :class:`NotApplicable` when neither is known."""
    acc: Accelerator | None = hw.need("accelerator")
    if acc is not None:
        return AcceleratorKind(acc.family, acc.name, acc.vendor_sdk)
    if hw.family is not None:
        fam = hw.family.family
        return AcceleratorKind(fam, f"a {fam} the catalog does not list", family_sdk(catalog, fam))
    accelerator_of(hw)
    raise AssertionError("accelerator_of raises when the accelerator is unknown")


def unknown_offering(hw: Hardware, what: str) -> Unevaluable:
    """Why a cost or power figure cannot be given: "not evaluated: unknown offering" for a
    type the catalog does not know, else the missing count or price."""
    if what == "cost" and hw.unpriced:
        return Unevaluable(f"cost unknown: {hw.unpriced} ({hw.offering_name})")
    missing = hw.unpriced_choices() if what == "cost" else hw.unpowered_choices()
    unlisted = [c.name for c in hw.choices() if c.offering is None and c.name in missing]
    if unlisted or hw.offering is None:
        name = ", ".join(n for n in unlisted if n) or hw.offering_name or "its type"
        return Unevaluable(
            f"unknown offering: {name} is not in the catalog, so its {what} is unknown"
        )
    if hw.units is None:
        return Unevaluable(
            f"{hw.resource.name} states no number of units, so its {what} is unknown"
        )
    if what == "cost":
        return Unevaluable(f"the catalog has no {hw.purchase} price for {hw.offering_name}")
    return Unevaluable(f"the {what} of {hw.label} is unknown")


def figure(hw: Hardware) -> str:
    """`` at 1 node desired (0 to 2)``: which count a cost or power figure used."""
    return f" at {hw.scale.describe()}" if hw.scale is not None else ""


def price_region(hw: Hardware) -> str | None:
    return hw.price_region_note()


def price_note(hw: Hardware) -> str:
    note = hw.price_region_note()
    return f"; {note}" if note else ""


def not_a_template(hw: Hardware) -> None:
    if hw.kind in ("template", "purchase"):
        raise NotApplicable(f"a {hw.kind} runs nothing by itself; what launches it is checked")


def spec_of(hw: Hardware, needs: str) -> WorkloadSpec:
    if hw.spec is None:
        raise NotApplicable(f"needs the workload spec ({needs}); use the Workload component")
    return hw.spec


def inference_demand(hw: Hardware) -> WorkloadSpec:
    spec = spec_of(hw, "phase and demand")
    if spec.phase is not Phase.INFERENCE or spec.demand is None:
        raise NotApplicable("applies to inference with a stated demand")
    return spec


def deployed_candidate(hw: Hardware, catalog: Catalog) -> Candidate | None:
    """The planner's view (sizing, price) of what the workload actually deploys."""
    if hw.spec is None or hw.offering is None or hw.units is None:
        return None
    return evaluate_deployed(hw.spec, catalog, hw.offering, hw.units)


def describe(c: Candidate) -> str:
    return (
        f"{c.provider} {c.offering.offering} x{c.units} ({c.accelerators:g} x {c.accelerator.id})"
        if c.accelerators is not None
        else f"{c.provider} {c.offering.offering}"
    )


def usd(value: float) -> str:
    return f"${value:,.0f}"


def kw(value: float) -> str:
    return f"{value:,.2f} kW"


def names(values: Iterable[object]) -> str:
    return ", ".join(str(v) for v in values)
