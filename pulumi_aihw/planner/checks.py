"""Spec rules that need the catalog: unknown names and contradictory settings.

These are input errors (exit 2), located in the spec file like schema errors:
an unknown accelerator gets "Did you mean ...?"; a pin that contradicts the
phase, frameworks or placement is rejected before any planning.
"""

from __future__ import annotations

from pulumi_aihw.catalog.catalog import (
    Catalog,
    unknown_accelerator_message,
    unknown_offering_message,
)
from pulumi_aihw.catalog.models import Accelerator
from pulumi_aihw.errors import Problem, SpecError
from pulumi_aihw.spec.loader import source_of
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.spec.problems import did_you_mean
from pulumi_aihw.spec.profile import LoadedProfile
from pulumi_aihw.spec.source import SourceMap
from pulumi_aihw.vocab import Phase, PurchaseOption


def check_spec(spec: WorkloadSpec, catalog: Catalog) -> list[str]:
    """Raise :class:`SpecError` for catalog-level mistakes; return non-blocking notices."""
    smap = source_of(spec)
    problems, pinned = _pinned_accelerators(spec, catalog, smap)
    problems.extend(_unknown_placement_names(spec, catalog, smap))
    for acc in pinned:
        problems.extend(_pin_contradictions(spec, acc, smap))
    problems.extend(_placement_contradictions(spec, catalog, smap))
    if isinstance(smap.profile, LoadedProfile):
        problems.extend(_profile_accelerators(spec, catalog, smap.profile, pinned, smap))
    if problems:
        raise SpecError(problems)
    known_regions = sorted(set(catalog.regions()))
    return [
        f"region {region} has no offerings in the catalog (as of {catalog.as_of}).{hint} "
        f"Regions priced: {', '.join(known_regions)}"
        for region in spec.placement.regions or []
        if region not in known_regions
        for hint in [did_you_mean(region, known_regions)]
    ]


def _pinned_accelerators(
    spec: WorkloadSpec, catalog: Catalog, smap: SourceMap
) -> tuple[list[Problem], list[Accelerator]]:
    """The accelerator a pin names (by accelerator or offering), or why it names none."""
    pin = spec.pin
    if pin is None:
        return [], []
    if pin.accelerator is not None:
        acc = catalog.find_accelerator(pin.accelerator)
        if acc is None:
            message = unknown_accelerator_message(catalog, pin.accelerator)
            return [smap.problem(("pin", "accelerator"), message)], []
        return [], [acc]
    assert pin.offering is not None
    matches = catalog.find(offering=pin.offering)
    if not matches:
        message = unknown_offering_message(catalog, pin.offering)
        return [smap.problem(("pin", "offering"), message)], []
    problems = []
    providers = spec.placement.providers
    if providers and matches[0].provider not in providers:
        problems.append(
            smap.problem(
                ("pin", "offering"),
                f"contradictory settings: {pin.offering} is a {matches[0].provider} offering "
                f"but placement.providers allows only {', '.join(map(str, providers))}",
            )
        )
    return problems, [catalog.accelerator(matches[0].accelerator_id)]


def _unknown_placement_names(
    spec: WorkloadSpec, catalog: Catalog, smap: SourceMap
) -> list[Problem]:
    problems = [
        smap.problem(("placement", "accelerators", i), unknown_accelerator_message(catalog, name))
        for i, name in enumerate(spec.placement.accelerators or [])
        if catalog.find_accelerator(name) is None
    ]
    known = set(catalog.offering_names())
    problems += [
        smap.problem(("placement", "offerings", i), unknown_offering_message(catalog, name))
        for i, name in enumerate(spec.placement.offerings or [])
        if name not in known
    ]
    return problems


def _pin_contradictions(spec: WorkloadSpec, acc: Accelerator, smap: SourceMap) -> list[Problem]:
    out = []
    field = "accelerator" if spec.pin and spec.pin.accelerator else "offering"
    if spec.phase is not Phase.INFERENCE and not acc.trains:
        out.append(
            smap.problem(
                ("pin", field),
                f"contradictory settings: phase is {spec.phase} but the pinned "
                f"{acc.name} is inference-only. To fix: pin a training "
                "accelerator (e.g. trainium, h100-sxm, tpu-v5p) or set phase: "
                "inference",
            )
        )
    missing = [str(f) for f in spec.frameworks if f not in acc.frameworks]
    if missing:
        out.append(
            smap.problem(
                ("pin", field),
                f"contradictory settings: frameworks {', '.join(missing)} are "
                f"not native on the pinned {acc.name} (it runs "
                f"{', '.join(str(f) for f in acc.frameworks)})",
            )
        )
    return out


def _placement_contradictions(
    spec: WorkloadSpec, catalog: Catalog, smap: SourceMap
) -> list[Problem]:
    p = spec.placement
    out = []
    if p.providers and p.deployments:
        kinds = {(str(o.provider), str(o.deployment)) for o in catalog}
        owned = "owned" in {str(v) for v in p.providers} and "bare-metal" in {
            str(d) for d in p.deployments
        }
        if not owned and not any(
            (str(pr), str(d)) in kinds for pr in p.providers for d in p.deployments
        ):
            out.append(
                smap.problem(
                    ("placement",),
                    f"contradictory settings: providers "
                    f"{', '.join(map(str, p.providers))} sell no "
                    f"{' or '.join(map(str, p.deployments))} offerings",
                )
            )
    if (
        spec.constraints.purchase_option is PurchaseOption.CAPACITY_BLOCK
        and p.providers
        and "aws" not in p.providers
    ):
        out.append(
            smap.problem(
                ("constraints", "purchase_option"),
                "contradictory settings: capacity-block is an AWS purchase option "
                f"but placement.providers is {', '.join(map(str, p.providers))}",
            )
        )
    return out


def _profile_accelerators(
    spec: WorkloadSpec,
    catalog: Catalog,
    prof: LoadedProfile,
    pinned: list[Accelerator],
    smap: SourceMap,
) -> list[Problem]:
    allowed_names = prof.profile.allow.accelerators
    if allowed_names is None:
        return []
    allowed = {a.id for a in (catalog.find_accelerator(n) for n in allowed_names) if a}
    where = prof.where("allow", "accelerators")
    out = []
    for i, name in enumerate(spec.placement.accelerators or []):
        acc = catalog.find_accelerator(name)
        if acc is not None and acc.id not in allowed:
            out.append(
                smap.problem(
                    ("placement", "accelerators", i),
                    f"'{name}' is not allowed by platform profile {where} "
                    f"(allow.accelerators: {', '.join(sorted(allowed))})",
                )
            )
    for acc in pinned:
        if acc.id not in allowed:
            field = "accelerator" if spec.pin and spec.pin.accelerator else "offering"
            out.append(
                smap.problem(
                    ("pin", field),
                    f"{acc.id} is not allowed by platform profile {where} "
                    f"(allow.accelerators: {', '.join(sorted(allowed))})",
                )
            )
    return out
