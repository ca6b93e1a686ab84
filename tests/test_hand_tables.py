"""Every hardware table still kept by hand, cross-checked against the catalog (the owner
of hardware facts). A new accelerator or offering that a table misses fails here, naming
the table and the missing entry. (Zones and TPU runtimes: tests/targets/gcp/
test_catalog_consistency.py; EFA and Capacity Blocks: tests/catalog/test_instance_facts.py.)"""

from __future__ import annotations

import re

from pulumi_aihw.baremetal.gpu_names import NAME_PATTERNS
from pulumi_aihw.catalog import Catalog
from pulumi_aihw.catalog.azure_sizes import series_of
from pulumi_aihw.catalog.build import ACCELERATOR_META
from pulumi_aihw.catalog.tpu import TPU_GENERATIONS
from pulumi_aihw.planner.economics import VENDOR_SDK_LOCK
from pulumi_aihw.preflight.aws_facts import quota_family
from pulumi_aihw.rules.facts import aws as aws_facts
from pulumi_aihw.rules.facts import azure as azure_facts
from pulumi_aihw.rules.facts import families
from pulumi_aihw.rules.facts import gcp as gcp_facts
from pulumi_aihw.rules.facts.kubernetes import CATEGORY_FAMILIES
from pulumi_aihw.targets.aws.ami import AMI_PARAMETERS, NO_DEFAULT_AMI
from pulumi_aihw.vocab import Family


def _offerings(catalog: Catalog, provider: str) -> list:
    return [o for o in catalog.offerings if str(o.provider) == provider]


def test_vendor_sdk_lock_in_covers_every_accelerator_sdk_but_cuda_and_rocm(catalog: Catalog):
    sdks = {a.vendor_sdk for a in catalog.accelerators}
    assert set(VENDOR_SDK_LOCK) <= sdks, set(VENDOR_SDK_LOCK) - sdks
    for acc in catalog.accelerators:
        if acc.family is not Family.GPU:
            assert acc.vendor_sdk in VENDOR_SDK_LOCK, (acc.id, acc.vendor_sdk)
        else:
            assert acc.vendor_sdk not in VENDOR_SDK_LOCK, (acc.id, acc.vendor_sdk)


def test_aws_rules_recognise_every_aws_offering_as_accelerated(catalog: Catalog):
    missed = [
        o.offering for o in _offerings(catalog, "aws") if not aws_facts.accelerated(o.offering)
    ]
    assert missed == [], "rules/facts/aws.py _ACCELERATED misses these catalog types"


def test_gcp_rules_recognise_every_gcp_gpu_offering_and_name_catalog_accelerators(
    catalog: Catalog,
):
    ids = {a.id for a in catalog.accelerators}
    vm_types = [
        o.offering
        for o in _offerings(catalog, "gcp")
        if catalog.accelerator(o.accelerator_id).family is Family.GPU
    ]
    n1 = [t for t in vm_types if "+" in t]  # N1 + attached GPUs: read from guestAccelerators
    missed = [t for t in vm_types if t not in n1 and not gcp_facts._ACCELERATED.match(t)]
    assert missed == [], "rules/facts/gcp.py _ACCELERATED misses these catalog types"
    for name in n1:  # the names the rules compose from machineType and guestAccelerators
        machine, _, gpus = name.partition("+")
        count, _, gpu = gpus.partition("x")
        assert gcp_facts.n1_offering_name(machine, gpu, float(count)) == name
        assert gpu in gcp_facts.GPU_TYPES, f"rules/facts/gcp.py GPU_TYPES misses {gpu}"
    assert set(gcp_facts.GPU_TYPES.values()) <= ids
    tpu_ids = {a.id for a in catalog.accelerators if a.family is Family.TPU}
    assert set(gcp_facts.TPU_CONFIG_TYPES.values()) <= tpu_ids


def test_azure_sizes_are_recognised_by_the_rules_and_have_series_facts(catalog: Catalog):
    """rules/facts/azure.py (N-series pattern) and catalog/azure_sizes.py (image stack,
    Trusted Launch) know every Azure size the catalog sells."""
    sizes = {o.offering for o in _offerings(catalog, "azure")}
    assert sorted(s for s in sizes if not azure_facts.accelerated(s)) == []
    assert sorted(s for s in sizes if series_of(s) is None) == []


def test_every_aws_accelerator_has_a_default_ami_or_a_reason(catalog: Catalog):
    ids = {a.id for a in catalog.accelerators}
    assert set(AMI_PARAMETERS) <= ids and set(NO_DEFAULT_AMI) <= ids
    assert not set(AMI_PARAMETERS) & set(NO_DEFAULT_AMI)
    used = {o.accelerator_id for o in _offerings(catalog, "aws")}
    missing = used - set(AMI_PARAMETERS) - set(NO_DEFAULT_AMI)
    assert not missing, f"targets/aws/ami.py has no AMI and no reason for {sorted(missing)}"


def test_every_aws_offering_has_a_quota_family(catalog: Catalog):
    missing = [o.offering for o in _offerings(catalog, "aws") if quota_family(o.offering) is None]
    assert missing == [], "preflight/aws_facts.py QUOTA_FAMILIES misses these"


def test_bare_metal_gpu_name_patterns_name_catalog_gpus(catalog: Catalog):
    for acc_id, pattern in NAME_PATTERNS.items():
        acc = catalog.accelerator(acc_id)
        assert acc.family is Family.GPU, acc_id
        re.compile(pattern)
    owned = {
        o.accelerator_id
        for o in catalog.offerings
        if str(o.deployment) == "bare-metal"
        and catalog.accelerator(o.accelerator_id).family is Family.GPU
    }
    assert owned <= set(NAME_PATTERNS), owned - set(NAME_PATTERNS)


def test_tpu_generations_are_catalog_tpus(catalog: Catalog):
    tpu_ids = {a.id for a in catalog.accelerators if a.family is Family.TPU}
    assert set(TPU_GENERATIONS) <= tpu_ids
    sold = {o.accelerator_id for o in _offerings(catalog, "gcp")} & tpu_ids
    assert sold <= set(TPU_GENERATIONS), sold - set(TPU_GENERATIONS)


def test_build_accelerator_names_map_to_catalog_ids(catalog: Catalog):
    assert {acc_id for acc_id, _ in ACCELERATOR_META.values()} == {
        a.id for a in catalog.accelerators
    }


def test_family_patterns_give_every_catalog_offering_its_own_family(catalog: Catalog):
    wrong = []
    for o in catalog.offerings:
        family = catalog.accelerator(o.accelerator_id).family
        if str(o.provider) == "aws":
            seen = families.aws_family(o.offering)
        elif str(o.provider) == "gcp":
            seen_facts = families.for_gcp_machine_type(
                catalog, o.offering
            ) or families.for_gcp_accelerator(o.offering)  # TPU types: v5litepod-8
            seen = seen_facts.family if seen_facts else None
            if seen is None and family is Family.GPU:
                continue  # N1 with attached GPUs: the accelerator names the family
        elif str(o.provider) == "azure":
            azure_seen = families.for_azure_size(catalog, o.offering)
            seen = azure_seen.family if azure_seen else None
        else:
            continue
        if seen is not family:
            wrong.append((o.offering, family, seen))
    assert wrong == [], "rules/facts/families.py patterns give these catalog types another family"


def test_karpenter_categories_cover_every_catalog_aws_offering(catalog: Catalog):
    # Karpenter's instance-category is the letters before the generation: p5en -> p, gr6 -> gr
    sold = {
        re.match(r"[a-z]+", o.offering).group(0): catalog.accelerator(o.accelerator_id).family  # type: ignore[union-attr]
        for o in _offerings(catalog, "aws")
    }
    missing = {c: f for c, f in sold.items() if CATEGORY_FAMILIES.get(c) is not f}
    assert missing == {}, "rules/facts/kubernetes.py CATEGORY_FAMILIES misses or misnames these"
