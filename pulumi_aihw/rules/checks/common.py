"""Helpers the rules share: the accelerator a resource runs, the workload's spec, the
planner's view of what is deployed, and number formatting. What else the planner would
choose comes from :mod:`pulumi_aihw.planner.alternatives`."""

from __future__ import annotations

from collections.abc import Iterable

from pulumi_aihw.catalog.catalog import Catalog
from pulumi_aihw.catalog.models import Accelerator
from pulumi_aihw.planner.alternatives import evaluate_deployed
from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.rules.facts.hardware import Hardware
from pulumi_aihw.rules.model import NotApplicable
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.vocab import Phase


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
