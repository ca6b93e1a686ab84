"""Secure defaults on everything the GCP targets provision: no external IPs, no firewall
rule unless the spec opens a port (and only from the sources it names), a dedicated
service account, Secure Boot, and valid GCP labels with the workload and offering on every
labelled resource. The policy checks count the Workload, not its children."""

from __future__ import annotations

import pytest

from pulumi_aihw.contracts import TAG_OFFERING, TAG_OWNER, TAG_WORKLOAD, UNKNOWN, StackPreview
from pulumi_aihw.crossguard import check_previews
from tests.targets.engine import one, preview_workload, types
from tests.targets.gcp.helpers import (
    ACCOUNT,
    FIREWALL,
    GROUP,
    INSTANCE,
    LABEL_KEY,
    LABEL_VALUE,
    LABELLED,
    QUEUED,
    TEMPLATE,
    V2VM,
    deploy_gcp,
    gpu,
    tpu,
)

CASES = {
    "tpu": (tpu("v5litepod-8"), "v5litepod-8"),
    "multislice": (tpu("v6e-8", 2), "v6e-8"),
    "gpu-vms": (gpu("a3-highgpu-1g", 2), "a3-highgpu-1g"),
    "gpu-fleet": (gpu("g2-standard-8", 4), "g2-standard-8"),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request) -> tuple[StackPreview, str]:
    data, offering = CASES[request.param]
    return preview_workload(data), offering


def vm_records(p: StackPreview) -> list:
    return [r for r in p.resources if r.type in (V2VM, INSTANCE, TEMPLATE)]


def test_no_external_ips(case):
    p, _ = case
    assert vm_records(p)
    for r in vm_records(p):
        if r.type == V2VM:
            assert r.inputs["networkConfig"]["enableExternalIps"] is False
        else:
            assert all("accessConfigs" not in nic for nic in r.inputs["networkInterfaces"])


def test_labels_present_and_valid_for_gcp(case):
    p, offering = case
    labelled = [r for r in p.resources if r.type in LABELLED]
    assert labelled
    label_sets = [r.inputs["labels"] for r in labelled]
    label_sets += [r.inputs["allInstancesConfig"]["labels"] for r in p.of_type(GROUP)]
    label_sets += [d["labels"] for r in p.of_type(TEMPLATE) for d in r.inputs["disks"]]
    label_sets += [r.inputs["bootDisk"]["initializeParams"]["labels"] for r in p.of_type(INSTANCE)]
    for labels in label_sets:
        assert labels[TAG_WORKLOAD] == "chat" and labels[TAG_OFFERING] == offering
        assert labels[TAG_OWNER] == "team-chat" and labels["cost-center"] == "ml-4711"
        for key, value in labels.items():
            assert LABEL_KEY.fullmatch(key) and LABEL_VALUE.fullmatch(value), (key, value)


def test_no_firewall_rule_without_ingress(case):
    p, _ = case
    assert FIREWALL not in types(p)


def test_dedicated_service_account_and_secure_boot(case):
    p, _ = case
    assert one(p, ACCOUNT).inputs["accountId"].startswith("aihw-chat-")
    for r in vm_records(p):
        assert r.inputs["serviceAccount"]["email"] is UNKNOWN  # the new account's email
        shielded = r.inputs["shieldedInstanceConfig"]
        assert shielded["enableSecureBoot"] is True
        if r.type != V2VM:
            assert shielded["enableVtpm"] is True and shielded["enableIntegrityMonitoring"] is True


def test_policy_checks_count_the_workload_once(case):
    p, _ = case
    (stack,) = check_previews([p]).stacks
    (row,) = stack.workloads
    assert row.kind == "workload" and row.name == "chat"


@pytest.mark.parametrize("make", [tpu, gpu], ids=["tpu", "gpu"])
def test_ports_open_only_to_the_sources_the_spec_names(make):
    offering = "v6e-8" if make is tpu else "g2-standard-8"
    internal = {"ingress": [{"port": 8000, "cidrs": ["10.0.0.0/8"]}]}
    fw = one(preview_workload(make(offering, network=internal)), FIREWALL).inputs
    assert fw["sourceRanges"] == ["10.0.0.0/8"] and fw["direction"] == "INGRESS"
    assert fw["targetTags"] == ["aihw-chat"]
    public = {"ingress": [{"port": 443, "cidrs": ["0.0.0.0/0"]}], "public_ip": True}
    p = preview_workload(make(offering, network=public))
    assert one(p, FIREWALL).inputs["sourceRanges"] == ["0.0.0.0/0"]  # written in the spec
    for r in vm_records(p):
        if r.type == V2VM:
            assert r.inputs["networkConfig"]["enableExternalIps"] is True
        else:
            assert r.inputs["networkInterfaces"][0]["accessConfigs"] == [{}]


def test_secure_boot_can_be_turned_off_for_unsigned_drivers():
    tpu_vm = one(preview_workload(tpu("v6e-8", deploy=deploy_gcp(secure_boot=False))), V2VM)
    assert "shieldedInstanceConfig" not in tpu_vm.inputs
    vm = one(preview_workload(gpu("a3-highgpu-1g", deploy=deploy_gcp(secure_boot=False))), INSTANCE)
    assert vm.inputs["shieldedInstanceConfig"]["enableSecureBoot"] is False
    assert vm.inputs["shieldedInstanceConfig"]["enableVtpm"] is True


def test_queued_slices_have_no_external_ips():
    p = preview_workload(tpu("v6e-8", deploy=deploy_gcp(queued=True)))
    (spec,) = one(p, QUEUED).inputs["tpu"]["nodeSpecs"]
    assert spec["node"]["networkConfig"]["enableExternalIps"] is False
