"""AWS preflight: is the instance type offered in the zones, do its accelerator facts
match the catalog, does the vCPU quota cover the plan, is a Capacity Block on offer.

Each question is one :class:`Check`; answers are cached for the run, so candidates
sharing a region or quota cost one call.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.preflight import aws_facts
from pulumi_aihw.preflight.aws_clients import AwsClients, error_code
from pulumi_aihw.preflight.failures import AccessDenied, ServiceFailure, guard
from pulumi_aihw.preflight.memo import Memo
from pulumi_aihw.preflight.models import Check, CheckName, Status
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.vocab import PurchaseOption

CAPACITY_BLOCK_MAX_INSTANCES = 64


class AwsChecker:
    """Preflight checks for AWS candidates, over :class:`AwsClients`."""

    def __init__(self, clients: AwsClients) -> None:
        self.clients = clients
        self._memo = Memo()

    def check(self, cand: Candidate, spec: WorkloadSpec) -> list[Check]:
        region = cand.region
        if region is None:
            return [Check(CheckName.APPLICABLE, Status.SKIP, "no region in the catalog row")]
        out = [
            guard(CheckName.OFFERED, lambda: self._offered(cand, spec, region)),
            guard(CheckName.CATALOG_DRIFT, lambda: self._drift(cand, region)),
            guard(CheckName.VCPU_QUOTA, lambda: self._quota(cand, spec, region)),
        ]
        if spec.constraints.purchase_option is PurchaseOption.CAPACITY_BLOCK:
            out.append(
                guard(CheckName.CAPACITY_BLOCK, lambda: self._capacity_block(cand, spec, region))
            )
        return out

    # -- cached cloud facts ---------------------------------------------------
    def zones(self, spec: WorkloadSpec, region: str) -> tuple[str, list[str]]:
        """(where the zones come from, zone names): the spec's subnets' zones, else
        every available availability zone of the region (Local Zones excluded)."""
        subnets = spec.deploy.aws.subnet_ids
        if subnets:
            found = self._memo.get(
                ("subnets", region),
                lambda: self.clients.call("ec2", region, "DescribeSubnets", SubnetIds=subnets),
            )
            zones = sorted({s["AvailabilityZone"] for s in found.get("Subnets", [])})
            return "the zones of deploy.aws.subnet_ids", zones
        found = self._memo.get(
            ("zones", region),
            lambda: self.clients.call(
                "ec2",
                region,
                "DescribeAvailabilityZones",
                Filters=[
                    {"Name": "zone-type", "Values": ["availability-zone"]},
                    {"Name": "state", "Values": ["available"]},
                ],
            ),
        )
        return "its availability zones", sorted(
            z["ZoneName"] for z in found.get("AvailabilityZones", [])
        )

    def instance_facts(self, region: str, instance_type: str) -> aws_facts.AwsInstanceFacts:
        found = self._memo.get(
            ("type", region, instance_type),
            lambda: self.clients.call(
                "ec2", region, "DescribeInstanceTypes", InstanceTypes=[instance_type]
            ),
        )
        return aws_facts.instance_facts(found["InstanceTypes"][0])

    # -- checks -------------------------------------------------------------------
    def _offered(self, cand: Candidate, spec: WorkloadSpec, region: str) -> Check:
        itype = cand.offering.offering
        try:
            source, zones = self.zones(spec, region)
        except Exception as exc:
            if error_code(exc) in ("InvalidSubnetID.NotFound", "InvalidSubnetID.Malformed"):
                return Check(
                    CheckName.OFFERED,
                    Status.FAIL,
                    f"deploy.aws.subnet_ids are not subnets in {region} ({exc}). To fix: "
                    f"give subnets of {region}, or restrict placement.regions to theirs",
                )
            raise
        if not zones:
            return Check(CheckName.OFFERED, Status.FAIL, f"{region} has no available zones")
        found = self._memo.get(
            ("offerings", region, itype, tuple(zones)),
            lambda: self.clients.call(
                "ec2",
                region,
                "DescribeInstanceTypeOfferings",
                LocationType="availability-zone",
                Filters=[
                    {"Name": "instance-type", "Values": [itype]},
                    {"Name": "location", "Values": zones},
                ],
            ),
        )
        offered = sorted({o["Location"] for o in found.get("InstanceTypeOfferings", [])})
        missing = [z for z in zones if z not in offered]
        where = f"{region} ({source})"
        if not offered:
            return Check(
                CheckName.OFFERED,
                Status.FAIL,
                f"{itype} is not offered in any of the {len(zones)} zones of {where}: "
                f"{', '.join(zones)}. To fix: choose another region (placement.regions) or "
                "offering",
            )
        if missing:
            return Check(
                CheckName.OFFERED,
                Status.WARN,
                f"{itype} is offered in {len(offered)} of {len(zones)} zones of {where}; not "
                f"in {', '.join(missing)}. To fix: use subnets in {', '.join(offered)}",
            )
        return Check(
            CheckName.OFFERED,
            Status.PASS,
            f"{itype} is offered in all {len(zones)} zones of {where}: {', '.join(zones)}",
        )

    def _drift(self, cand: Candidate, region: str) -> Check:
        itype = cand.offering.offering
        try:
            facts = self.instance_facts(region, itype)
        except Exception as exc:
            if error_code(exc) == "InvalidInstanceType":
                return Check(
                    CheckName.CATALOG_DRIFT,
                    Status.WARN,
                    f"catalog drift: EC2 does not know the instance type {itype} in {region}",
                )
            raise
        d = aws_facts.compare(facts, cand.offering, cand.accelerator)
        notes = "".join(f"; {n}" for n in d.notes)
        if d.differences:
            return Check(
                CheckName.CATALOG_DRIFT,
                Status.WARN,
                f"catalog drift for {itype}: AWS reports {d.aws}; the catalog says "
                f"{d.catalog} ({'; '.join(d.differences)}){notes}. To fix: refresh or "
                "correct the catalog row",
            )
        return Check(
            CheckName.CATALOG_DRIFT,
            Status.PASS,
            f"{itype}: AWS reports {d.aws}, as the catalog says{notes}",
        )

    def _quota(self, cand: Candidate, spec: WorkloadSpec, region: str) -> Check:
        from pulumi_aihw.preflight.aws_quota import quota_check

        itype = cand.offering.offering
        vcpus = self._vcpus(cand, region)
        family = aws_facts.quota_family(itype)
        option = spec.constraints.purchase_option
        code = family.code(option) if family else None

        def fetch() -> dict[str, Any]:
            assert code is not None
            return self.clients.call(
                "service-quotas", region, "GetServiceQuota", ServiceCode="ec2", QuotaCode=code
            )

        return quota_check(cand, region, family, code, vcpus, option, fetch, self._memo)

    def _vcpus(self, cand: Candidate, region: str) -> int | None:
        """vCPUs per instance from EC2, else from the catalog row (also when EC2 cannot
        be asked: the quota is another service and may still answer)."""
        fallback = int(cand.offering.vcpus) if cand.offering.vcpus is not None else None
        try:
            vcpus = self.instance_facts(region, cand.offering.offering).vcpus
        except (ServiceFailure, AccessDenied):
            if fallback is None:
                raise
            return fallback
        except Exception as exc:
            if error_code(exc) == "InvalidInstanceType":
                return fallback
            raise
        return vcpus if vcpus is not None else fallback

    def _capacity_block(self, cand: Candidate, spec: WorkloadSpec, region: str) -> Check:
        from pulumi_aihw.preflight.aws_quota import capacity_block_check

        cb = spec.deploy.aws.capacity_block
        if cb is not None and cb.reservation_id:
            return Check(
                CheckName.CAPACITY_BLOCK,
                Status.SKIP,
                f"uses the Capacity Block reservation {cb.reservation_id}; offerings not checked",
            )
        units = cand.units or 1
        hours = cb.duration_hours if cb is not None else 24
        if units > CAPACITY_BLOCK_MAX_INSTANCES:
            return Check(
                CheckName.CAPACITY_BLOCK,
                Status.FAIL,
                f"{units} instances: a Capacity Block holds at most "
                f"{CAPACITY_BLOCK_MAX_INSTANCES}. To fix: choose a larger instance type",
            )
        params: dict[str, Any] = {
            "InstanceType": cand.offering.offering,
            "InstanceCount": units,
            "CapacityDurationHours": hours,
        }
        if cb is not None and cb.start_date is not None:
            params["StartDateRange"] = dt.datetime.combine(
                cb.start_date, dt.time(), tzinfo=dt.timezone.utc
            )
        found = self._memo.get(
            ("blocks", region, tuple(sorted(params.items()))),
            lambda: self.clients.call("ec2", region, "DescribeCapacityBlockOfferings", **params),
        )
        _, zones = self.zones(spec, region)
        return capacity_block_check(cand, region, units, hours, zones, found)
