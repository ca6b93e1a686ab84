"""Google Cloud preflight for TPU VMs: is the accelerator type offered in the zone,
and is the runtime (TPU software) version available there.

The zone is ``deploy.gcp.zone`` when the spec gives one, else the first zone of the
candidate's region that lists the accelerator type (the check says which it chose).
GPU VMs are not checked: that needs the Compute Engine API.
"""

from __future__ import annotations

from collections.abc import Callable

from pulumi_aihw.catalog.tpu import TpuGeneration, generation_for, runtime_version
from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.preflight.failures import guard
from pulumi_aihw.preflight.gcp_clients import TpuApi
from pulumi_aihw.preflight.memo import Memo
from pulumi_aihw.preflight.models import Check, CheckName, Status
from pulumi_aihw.spec.models import WorkloadSpec

SHOWN = 8
"""At most this many alternatives are listed in a message."""


class GcpChecker:
    """Preflight checks for Google Cloud candidates. The TPU API client is built on
    the first TPU candidate, so GPU-only plans never need Google credentials."""

    def __init__(self, api_factory: Callable[[str | None], TpuApi]) -> None:
        self._factory = api_factory
        self._api: TpuApi | None = None
        self._memo = Memo()

    def api(self, spec: WorkloadSpec) -> TpuApi:
        if self._api is None:
            self._api = self._factory(spec.deploy.gcp.project)
        return self._api

    def check(self, cand: Candidate, spec: WorkloadSpec) -> list[Check]:
        gen = generation_for(cand.accelerator.id)
        if gen is None:
            return [
                Check(
                    CheckName.APPLICABLE,
                    Status.SKIP,
                    f"{cand.offering.offering} is a GPU VM: preflight checks Google Cloud TPU "
                    "VMs only (accelerator type, runtime version); not checked",
                )
            ]
        region = cand.region or ""
        listing: list[str] = []

        def offered() -> Check:
            check, zones = self._offered(cand.offering.offering, region, spec)
            listing.extend(zones)
            return check

        out = [guard(CheckName.TPU_ACCELERATOR_TYPE, offered)]
        if listing:
            out.append(
                guard(
                    CheckName.TPU_RUNTIME_VERSION,
                    lambda: self._runtime(cand, gen, listing, spec),
                )
            )
        return out

    def _types(self, spec: WorkloadSpec, zone: str) -> list[str] | None:
        """Accelerator types of a zone; ``None`` if the zone does not exist."""
        from google.api_core import exceptions as gex

        api = self.api(spec)
        try:
            return list(self._memo.get(("types", zone), lambda: api.accelerator_types(zone)))
        except gex.NotFound:
            return None

    def _offered(self, slice_name: str, region: str, spec: WorkloadSpec) -> tuple[Check, list[str]]:
        """The offered check, and the zones listing the type (the spec's zone if given)."""
        name = CheckName.TPU_ACCELERATOR_TYPE
        zone = spec.deploy.gcp.zone
        if zone:
            if not zone.startswith(f"{region}-"):
                return Check(
                    name,
                    Status.FAIL,
                    f"deploy.gcp.zone {zone} is not in the candidate's region {region}. To fix: "
                    f"set a {region} zone, or restrict placement.regions to {zone}'s region",
                    zone=zone,
                ), []
            types = self._types(spec, zone)
            if types is None:
                return Check(
                    name, Status.FAIL, f"zone {zone} (deploy.gcp.zone) has no TPUs", zone=zone
                ), []
            if slice_name in types:
                return Check(
                    name,
                    Status.PASS,
                    f"{slice_name} is offered in {zone} (deploy.gcp.zone)",
                    zone=zone,
                ), [zone]
            return Check(
                name,
                Status.FAIL,
                f"{slice_name} is not offered in {zone} (deploy.gcp.zone); it offers "
                f"{_some(_same_family(types, slice_name))}. To fix: set deploy.gcp.zone to a "
                f"zone listing it (gcloud compute tpus accelerator-types list --zone=ZONE)",
                zone=zone,
            ), []
        api = self.api(spec)
        zones = list(self._memo.get(("zones", region), lambda: api.zones(region)))
        listing = [z for z in zones if slice_name in (self._types(spec, z) or [])]
        if not listing:
            checked = ", ".join(zones) if zones else "none found"
            return Check(
                name,
                Status.FAIL,
                f"{slice_name} is not offered in any TPU zone of {region} (zones checked: "
                f"{checked}). To fix: choose another region (placement.regions) or slice size",
            ), []
        one = listing[0] if len(listing) == 1 else None
        return Check(
            name, Status.PASS, f"{slice_name} is offered in {', '.join(listing)}", zone=one
        ), listing

    def _runtimes(self, api: TpuApi, zone: str) -> list[str]:
        return list(self._memo.get(("runtimes", zone), lambda: api.runtime_versions(zone)))

    def _runtime(
        self, cand: Candidate, gen: TpuGeneration, zones: list[str], spec: WorkloadSpec
    ) -> Check:
        """Is the runtime version available in the zone? Without deploy.gcp.zone, the
        first zone listing the type that has the runtime is chosen (and named)."""
        name = CheckName.TPU_RUNTIME_VERSION
        wanted = spec.deploy.gcp.runtime_version
        source = "deploy.gcp.runtime_version"
        if wanted is None:
            chips = int(cand.offering.accelerators_per_unit)
            wanted = runtime_version(gen, [str(f) for f in spec.frameworks], chips)
            source = f"the default for {gen.prefix} with {', '.join(map(str, spec.frameworks))}"
        api = self.api(spec)
        found: dict[str, list[str]] = {}
        for zone in zones:
            found[zone] = self._runtimes(api, zone)
            if wanted in found[zone]:
                chose = (
                    f"; chose {zone}, the first zone with {cand.offering.offering} and this "
                    "runtime (set deploy.gcp.zone to choose another)"
                    if len(zones) > 1
                    else ""
                )
                return Check(
                    name,
                    Status.PASS,
                    f"runtime version {wanted} ({source}) is available in {zone}{chose}",
                    zone=zone,
                )
        first = zones[0]
        where = f"{first}; it has" if len(zones) == 1 else f"any of {', '.join(zones)}; {first} has"
        return Check(
            name,
            Status.FAIL,
            f"runtime version {wanted} ({source}) is not available in {where} "
            f"{_some(sorted(found[first]))}. To fix: set deploy.gcp.runtime_version to one "
            "of them",
            zone=first if len(zones) == 1 else None,
        )


def _same_family(types: list[str], slice_name: str) -> list[str]:
    prefix = slice_name.rsplit("-", 1)[0] + "-"
    same = [t for t in types if t.startswith(prefix)]
    return sorted(same or types, key=lambda t: (len(t), t))


def _some(items: list[str]) -> str:
    if not items:
        return "none"
    more = f" and {len(items) - SHOWN} more" if len(items) > SHOWN else ""
    return ", ".join(items[:SHOWN]) + more
