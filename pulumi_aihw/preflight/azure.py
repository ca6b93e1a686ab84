"""Azure preflight: is the VM size offered in the region (and zone) for this subscription,
do its resource SKU facts match the catalog, can it run as the target configures it, and do
the vCPU quotas cover the plan.

One resource SKU listing and one usage listing per region answer every question; candidates
sharing a region share them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.preflight.azure_clients import ComputeApi
from pulumi_aihw.preflight.azure_facts import (
    capabilities,
    drift,
    quota_checks,
    restrictions,
    security_check,
)
from pulumi_aihw.preflight.failures import guard
from pulumi_aihw.preflight.memo import Memo
from pulumi_aihw.preflight.models import Check, CheckName, Status
from pulumi_aihw.spec.models import WorkloadSpec


class AzureChecker:
    """Preflight checks for Azure candidates, over :class:`ComputeApi`."""

    def __init__(self, api_factory: Callable[[], ComputeApi]) -> None:
        self._factory = api_factory
        self._api: ComputeApi | None = None
        self._memo = Memo()

    def api(self) -> ComputeApi:
        if self._api is None:
            self._api = self._factory()
        return self._api

    def check(self, cand: Candidate, spec: WorkloadSpec) -> list[Check]:
        region = cand.region
        if region is None:
            return [
                Check(
                    CheckName.APPLICABLE, Status.SKIP, "no region in the catalog row: not checked"
                )
            ]
        sku: list[dict[str, Any] | None] = []

        def offered() -> Check:
            check, found = self._offered(cand, spec, region)
            sku.append(found)
            return check

        out = [guard(CheckName.OFFERED, offered)]
        found = sku[0] if sku else None
        if found is not None:
            caps = capabilities(found)
            out.append(guard(CheckName.CATALOG_DRIFT, lambda: drift(cand, caps)))
            out.append(guard(CheckName.SECURITY_FEATURES, lambda: security_check(cand, spec, caps)))
        out.extend(self._quotas(cand, spec, region, found))
        return out

    def _skus(self, region: str) -> dict[str, dict[str, Any]]:
        api = self.api()
        listing = self._memo.get(("skus", region), lambda: api.skus(region))
        return {str(s.get("name")): s for s in listing}

    def _offered(
        self, cand: Candidate, spec: WorkloadSpec, region: str
    ) -> tuple[Check, dict[str, Any] | None]:
        size = cand.offering.offering
        name = CheckName.OFFERED
        sku = self._skus(region).get(size)
        if sku is None:
            return Check(
                name,
                Status.FAIL,
                f"{size} is not offered in {region} (not among the region's resource SKUs). "
                "To fix: choose another region (placement.regions) or size",
            ), None
        zones = sorted({z for info in sku.get("locationInfo", []) for z in info.get("zones", [])})
        blocked_region, blocked_zones, why = restrictions(sku)
        if blocked_region:
            return Check(
                name,
                Status.FAIL,
                f"{size} is listed in {region} but restricted for this subscription ({why}). To "
                "fix: request access (a quota or support request for the size), or choose "
                "another region",
            ), sku
        wanted = spec.deploy.azure.zone
        if wanted is not None:
            return self._zone_check(size, region, wanted, zones, blocked_zones), sku
        free = [z for z in zones if z not in blocked_zones]
        where = f" (zones {', '.join(free)})" if free else " (no availability zones)"
        return Check(name, Status.PASS, f"{size} is offered in {region}{where}"), sku

    @staticmethod
    def _zone_check(
        size: str, region: str, wanted: str, zones: list[str], blocked: list[str]
    ) -> Check:
        name = CheckName.OFFERED
        free = [z for z in zones if z not in blocked]
        if wanted in free:
            return Check(
                name, Status.PASS, f"{size} is offered in {region} zone {wanted}", zone=wanted
            )
        offers = ", ".join(free) if free else "none"
        return Check(
            name,
            Status.FAIL,
            f"{size} is not offered in {region} zone {wanted} (deploy.azure.zone) for this "
            f"subscription; zones offering it: {offers}. To fix: set deploy.azure.zone to one "
            "of them, or drop it",
            zone=wanted,
        )

    def _quotas(
        self, cand: Candidate, spec: WorkloadSpec, region: str, sku: dict[str, Any] | None
    ) -> list[Check]:
        def run() -> list[Check]:
            api = self.api()
            usages = self._memo.get(("usages", region), lambda: api.usages(region))
            return quota_checks(cand, spec, region, sku, usages)

        checks: list[Check] = []

        def first() -> Check:
            checks.extend(run())
            return checks[0]

        head = guard(CheckName.VCPU_QUOTA, first)
        return [head, *checks[1:]] if checks else [head]
