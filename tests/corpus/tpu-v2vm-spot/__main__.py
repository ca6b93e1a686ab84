"""A spot TPU VM of type V2 with topology 2x2 (a v2-8), with its own network and disk.

Source: the "Tpu V2 Vm Full" Python example of ``gcp.tpu.V2Vm`` in pulumi-gcp 10.2.0
(github.com/pulumi/pulumi-gcp, sdk/python/pulumi_gcp/tpu/v2_vm.py, as published on PyPI
and the Pulumi registry; Apache-2.0). Restated with the example's resources and inputs.

Adaptations to run offline:
- the 60-second ``pulumiverse_time.Sleep`` after the service account is left out
  (pulumiverse-time is not a test dependency; it creates no hardware);
- the two lookups whose results the example does not use
  (``get_v2_runtime_versions``, ``get_v2_accelerator_types``) are left out.
"""

import pulumi_gcp as gcp

network = gcp.compute.Network("network", name="tpu-net", auto_create_subnetworks=False)
subnet = gcp.compute.Subnetwork(
    "subnet",
    name="tpu-subnet",
    ip_cidr_range="10.0.0.0/16",
    region="us-central1",
    network=network.id,
)
sa = gcp.serviceaccount.Account("sa", account_id="tpu-sa", display_name="Test TPU VM")
disk = gcp.compute.Disk(
    "disk",
    name="tpu-disk",
    image="debian-cloud/debian-13",
    size=10,
    type="pd-ssd",
    zone="us-central1-c",
)
tpu = gcp.tpu.V2Vm(
    "tpu",
    name="test-tpu",
    zone="us-central1-c",
    description="Text description of the TPU.",
    runtime_version="tpu-vm-tf-2.13.0",
    accelerator_config={"type": "V2", "topology": "2x2"},
    cidr_block="10.0.0.0/29",
    network_config={
        "can_ip_forward": True,
        "enable_external_ips": True,
        "network": network.id,
        "subnetwork": subnet.id,
        "queue_count": 32,
    },
    scheduling_config={"preemptible": True, "spot": True},
    shielded_instance_config={"enable_secure_boot": True},
    service_account={
        "email": sa.email,
        "scopes": ["https://www.googleapis.com/auth/cloud-platform"],
    },
    data_disks=[{"source_disk": disk.id, "mode": "READ_ONLY"}],
    labels={"foo": "bar"},
    metadata={"foo": "bar"},
    tags=["foo"],
)
