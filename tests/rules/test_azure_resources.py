"""The rules on Azure resources written by hand: VMs, scale sets, AKS agent pools and
managed-cluster pools with GPU sizes; cost, power and lock-in like the other clouds, and
"not evaluated" when a deciding input is unknown during preview."""

from __future__ import annotations

import pytest

from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.rules import Status, evaluate_resource, rule_by_id, settings
from pulumi_aihw.rules.facts.registry import hardware_of

VM = "azure-native:compute:VirtualMachine"
VMSS = "azure-native:compute:VirtualMachineScaleSet"
POOL = "azure-native:containerservice:AgentPool"
CLUSTER = "azure-native:containerservice:ManagedCluster"
ND = "Standard_ND96isr_H100_v5"
MI = "Standard_ND96isr_MI300X_v5"


def judge(rule_id, resource, ctx, **config):
    rule = rule_by_id(rule_id)
    return evaluate_resource(rule, resource, settings(rule, config), ctx)


def vm(make_raw, size=ND, location="eastus", **props):
    return make_raw(VM, "gpu", hardwareProfile={"vmSize": size}, location=location, **props)


def test_vm_facts_price_and_power(make_raw, ctx) -> None:
    hw = hardware_of(vm(make_raw), ctx)
    assert hw is not None and hw.offering is not None
    assert (hw.provider, hw.offering.key, hw.units, hw.purchase) == (
        "azure",
        f"azure:{ND}@eastus",
        1,
        "on-demand",
    )
    assert hw.usd_per_month() == pytest.approx(98.32 * 730, rel=0.01)
    assert hw.power_kw() is not None and hw.power_kw() > 5.6  # 8 x 700 W + host


def test_a_cpu_vm_is_no_ai_hardware(make_raw, ctx) -> None:
    assert hardware_of(vm(make_raw, "Standard_D4s_v5"), ctx) is None


def test_scale_set_over_budget_fails_and_spot_uses_the_spot_price(make_raw, ctx) -> None:
    fleet = make_raw(
        VMSS,
        "fleet",
        sku={"name": MI, "capacity": 4},
        location="northeurope",
        virtualMachineProfile={"priority": "Spot"},
    )
    hw = hardware_of(fleet, ctx)
    assert hw is not None and (hw.units, hw.purchase) == (4, "spot")
    assert hw.usd_per_month() == pytest.approx(4 * 10.64448 * 730, rel=0.01)
    f = judge("AIHW-COST-001", fleet, ctx, maxUsdPerMonth=10_000)
    assert f.status is Status.VIOLATION and "Standard_ND96isr_MI300X_v5 x4" in f.message
    assert judge("AIHW-COST-001", fleet, ctx, maxUsdPerMonth=100_000).status is Status.PASSED


def test_agent_pool_and_managed_cluster_gpu_pools(make_raw, ctx) -> None:
    pool = make_raw(POOL, "gpu-pool", vmSize="Standard_NC24ads_A100_v4", count=3)
    hw = hardware_of(pool, ctx)
    assert hw is not None and (hw.units, hw.accelerator.id) == (3, "a100-80gb-pcie")
    auto = make_raw(
        POOL,
        "auto",
        vmSize="Standard_NC24ads_A100_v4",
        enableAutoScaling=True,
        count=2,
        minCount=1,
        maxCount=10,
    )
    hw = hardware_of(auto, ctx)
    assert hw is not None and hw.units == 2 and hw.scale is not None
    assert (hw.scale.minimum, hw.scale.maximum) == (1, 10)
    assert hw.scale.describe() == "2 nodes initial (1 to 10)"
    # min/max count only apply when the pool autoscales
    fixed = make_raw(POOL, "fixed", vmSize="Standard_NC24ads_A100_v4", count=2, maxCount=10)
    assert hardware_of(fixed, ctx).scale.maximum == 2
    # no count: the minimum is the figure the rules judge
    no_count = make_raw(
        POOL, "nc", vmSize="Standard_NC24ads_A100_v4", enableAutoScaling=True, minCount=1,
        maxCount=4,
    )  # fmt: skip
    assert hardware_of(no_count, ctx).units == 1
    cluster = make_raw(
        CLUSTER,
        "aks",
        location="westeurope",
        agentPoolProfiles=[
            {"name": "system", "vmSize": "Standard_D4s_v5", "count": 3},
            {"name": "gpu", "vmSize": "Standard_NC40ads_H100_v5", "count": 2,
             "scaleSetPriority": "Spot"},
        ],
    )  # fmt: skip
    hw = hardware_of(cluster, ctx)
    assert hw is not None
    assert (hw.offering_name, hw.units, hw.purchase, hw.region) == (
        "Standard_NC40ads_H100_v5",
        2,
        "spot",
        "westeurope",
    )
    cpu_only = make_raw(CLUSTER, "cpu", agentPoolProfiles=[{"vmSize": "Standard_D4s_v5"}])
    assert hardware_of(cpu_only, ctx) is None


def test_power_rule_flags_unknown_power(make_raw, ctx) -> None:
    a10 = vm(make_raw, "Standard_NV36ads_A10_v5", location="westeurope")
    assert hardware_of(a10, ctx).power_kw() is not None  # the A10's 150 W, published
    assert judge("AIHW-POWER-004", a10, ctx).status is Status.PASSED
    f = judge("AIHW-POWER-004", vm(make_raw, "Standard_ND96isr_B300_v9"), ctx)
    assert f.status is Status.VIOLATION and "Standard_ND96isr_B300_v9" in f.message
    assert judge("AIHW-POWER-004", vm(make_raw), ctx).status is Status.PASSED


def test_lock_in_single_cloud_and_vendor_sdk(make_raw, ctx) -> None:
    mi = vm(make_raw, MI, location="northeurope")
    # ROCm does not lock a model to a vendor SDK the way Neuron or XLA/libtpu do
    assert judge("AIHW-LOCK-002", mi, ctx).status is Status.PASSED
    hw = hardware_of(mi, ctx)
    assert hw is not None and hw.accelerator.vendor_sdk == "ROCm"


def test_an_unknown_size_is_recognised_without_price(make_raw, ctx) -> None:
    odd = vm(make_raw, "Standard_ND96isr_B300_v9")
    hw = hardware_of(odd, ctx)
    assert hw is not None and hw.offering is None and hw.usd_per_month() is None
    f = judge("AIHW-COST-004", odd, ctx)
    assert f.status is Status.VIOLATION and "Standard_ND96isr_B300_v9" in f.message


def test_an_unpriced_size_takes_its_series_facts(make_raw, ctx) -> None:
    # NC8ads A100 v4 is not in the catalog; every NC A100 v4 size it has carries the A100 PCIe
    hw = hardware_of(vm(make_raw, "Standard_NC8ads_A100_v4"), ctx)
    assert hw is not None and hw.offering is None and hw.family is not None
    assert hw.accelerator is not None and hw.accelerator.id == "a100-80gb-pcie"
    assert "NC-A100-v4" in hw.family.basis
    # ND GB200 v6: no source prices it or lists its regions, so the catalog has no row
    gb = hardware_of(vm(make_raw, "Standard_ND128isr_NDR_GB200_v6"), ctx)
    assert gb is not None and gb.offering is None and gb.family is not None
    assert gb.usd_per_month() is None and "ND-GB200-v6" in gb.family.basis
    # NP (FPGA) and CPU sizes are no AI hardware
    assert hardware_of(vm(make_raw, "Standard_NP10s"), ctx) is None


def test_unknown_inputs_are_not_evaluated(make_raw, ctx) -> None:
    unknown_size = make_raw(VM, "later", hardwareProfile={"vmSize": UNKNOWN}, location="eastus")
    f = judge("AIHW-COST-001", unknown_size, ctx, maxUsdPerMonth=1)
    assert f.status is Status.NOT_EVALUATED and "hardwareProfile.vmSize" in f.message
    unknown_count = make_raw(VMSS, "n", sku={"name": ND, "capacity": UNKNOWN}, location="eastus")
    f = judge("AIHW-COST-001", unknown_count, ctx, maxUsdPerMonth=1)
    assert f.status is Status.NOT_EVALUATED and "sku.capacity" in f.message
