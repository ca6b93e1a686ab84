"""The policy rules' GCP readers make sensible facts of what the targets emit. Inside a
Workload the rules skip these resources (the Workload carries the facts); the same
resources written by hand, or a target used without a Workload, are read like this."""

from __future__ import annotations

import datetime as dt

from pulumi_aihw.catalog import Catalog
from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.rules import Context, Resource
from pulumi_aihw.rules.facts.registry import EXTRACTORS, hardware_of
from tests.targets.engine import one, preview_workload
from tests.targets.gcp.helpers import GROUP, INSTANCE, TEMPLATE, V2VM, gpu, tpu


def facts(record, catalog: Catalog):
    r = Resource(record.urn, record.type, record.name, None, record.inputs)  # not in a Workload
    return EXTRACTORS[record.type](r, Context(catalog, dt.date(2026, 10, 7)))


def test_tpu_vm_facts(catalog: Catalog):
    p = preview_workload(tpu("v6e-8", constraints={"purchase_option": "spot"}))
    vm = one(p, V2VM)
    hw = facts(vm, catalog)
    assert (hw.offering_name, hw.units, hw.purchase, hw.region) == (
        "v6e-8",
        1,
        "spot",
        "us-central1",
    )
    assert hw.accelerator is not None and hw.accelerator.id == "tpu-v6e"
    assert hw.offering is not None and hw.usd_per_month() is not None
    assert hw.tags["aihw-workload"] == "chat"
    inside = Resource(vm.urn, vm.type, vm.name, vm.parent, vm.inputs)
    assert hardware_of(inside, Context(catalog, dt.date(2026, 10, 7))) is None  # not twice


def test_gpu_vm_and_fleet_facts(catalog: Catalog):
    vm = facts(one(preview_workload(gpu("a3-highgpu-1g")), INSTANCE), catalog)
    assert (vm.kind, vm.offering_name, vm.region, vm.purchase) == (
        "instance",
        "a3-highgpu-1g",
        "us-central1",
        "on-demand",
    )
    assert vm.accelerator is not None and vm.accelerator.id == "h100-sxm"
    p = preview_workload(gpu("g2-standard-8", 4, constraints={"purchase_option": "spot"}))
    template = facts(one(p, TEMPLATE), catalog)
    assert (template.kind, template.offering_name, template.purchase) == (
        "template",
        "g2-standard-8",
        "spot",
    )
    # The group's template link is known only after the template exists: during a preview
    # the template carries the hardware facts and the group none.
    assert one(p, GROUP).inputs["versions"][0]["instanceTemplate"] is UNKNOWN
    assert facts(one(p, GROUP), catalog) is None
