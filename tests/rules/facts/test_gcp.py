"""GCP reservations, TPU nodes of the v1 API, and VMs with attached GPUs the catalog lacks."""

from __future__ import annotations

from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.rules import Status
from pulumi_aihw.rules.facts.registry import hardware_of

from .helpers import BUDGET, facts, judge, raw, stack_cap, status

RESERVATION = "gcp:compute/reservation:Reservation"
TPU_NODE = "gcp:tpu/node:Node"
VM = "gcp:compute/instance:Instance"
TPU_VM = "gcp:tpu/v2Vm:V2Vm"


def reservation(name: str, count, machine: str, guests: list | None = None):
    props = {"machineType": machine, "guestAccelerators": guests or []}
    return raw(
        RESERVATION,
        name,
        zone="us-central1-a",
        specificReservation={"count": count, "instanceProperties": props},
    )


def test_reservation_costs_while_it_exists_and_can_be_deleted(ctx):
    r = reservation("a3", 2, "a3-highgpu-8g")
    hw = facts(r, ctx)
    assert (hw.kind, hw.units, hw.accelerator.id) == ("reservation", 2, "h100-sxm")
    assert status("AIHW-COST-001", r, ctx, **BUDGET) is Status.VIOLATION
    assert status("AIHW-LOCK-005", r, ctx) is Status.PASSED
    assert stack_cap([r], ctx, 1).status is Status.PASSED  # its power is counted where it runs
    t4 = reservation(
        "t4", 1, "n1-standard-8", [{"acceleratorType": "nvidia-tesla-t4", "acceleratorCount": 1}]
    )
    assert facts(t4, ctx).offering_name == "n1-standard-8+1xnvidia-tesla-t4"  # priced N1 + T4
    assert facts(t4, ctx).offering is not None
    assert hardware_of(reservation("cpu", 4, "n2-standard-8"), ctx) is None
    assert (
        status("AIHW-COST-001", reservation("later", UNKNOWN, "a3-highgpu-8g"), ctx, **BUDGET)
        is Status.NOT_EVALUATED
    )


def test_tpu_node_v1_api_is_family_level_tpu(ctx):
    node = raw(
        TPU_NODE,
        "tpu",
        zone="us-central1-b",
        acceleratorType="v3-8",
        schedulingConfig={"preemptible": True},
    )
    hw = facts(node, ctx)
    assert (hw.offering_name, hw.purchase, hw.family.family, hw.region) == (
        "v3-8",
        "spot",
        "tpu",
        "us-central1",
    )
    f = judge("AIHW-LOCK-002", node, ctx)
    assert f.status is Status.VIOLATION and "XLA/libtpu" in f.message
    assert status("AIHW-COST-001", node, ctx, **BUDGET) is Status.NOT_EVALUATED
    known = raw(TPU_NODE, "v4", zone="us-central2-b", acceleratorType="v4-8")
    assert facts(known, ctx).offering is not None
    later = raw(TPU_NODE, "l", zone="us-central1-b", acceleratorType=UNKNOWN)
    assert status("AIHW-LOCK-002", later, ctx) is Status.NOT_EVALUATED


def test_tpu_vm_of_a_generation_the_catalog_lacks(ctx):
    v2 = raw(
        TPU_VM,
        "v2",
        zone="us-central1-c",
        acceleratorConfig={"type": "V2", "topology": "2x2"},
        schedulingConfig={"spot": True},
    )
    hw = facts(v2, ctx)
    assert (hw.offering_name, hw.family.family, hw.purchase) == ("v2 2x2", "tpu", "spot")
    assert status("AIHW-POWER-004", v2, ctx) is Status.VIOLATION


def test_n1_with_t4_has_known_power_from_its_vcpus(ctx):
    vm = raw(
        VM,
        "gpu",
        zone="us-central1-a",
        machineType="n1-standard-1",
        guestAccelerators=[{"type": "nvidia-tesla-t4", "count": 1}],
    )
    hw = facts(vm, ctx)
    assert hw.power_kw() == (70 + 100) / 1000
    assert status("AIHW-POWER-004", vm, ctx) is Status.PASSED
    f = judge("AIHW-COST-001", vm, ctx, **BUDGET)
    assert f.status is Status.NOT_EVALUATED and "unknown offering" in f.message
