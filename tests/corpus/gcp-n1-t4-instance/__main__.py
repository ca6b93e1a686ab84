"""A Compute Engine VM with an NVIDIA T4 attached to an N1 machine, from the v10 upgrade guide.

Source: github.com/pulumi/pulumi-gcp, docs/version-10-update.md at commit
6e063ee34c2fc5bedee2dac5f9ef6a714bcdee17 (Apache-2.0): the Python remediation example
for "gcp.compute.Instance: a guestAccelerator count of 0 now replaces the instance".
Restated with the example's inputs (n1-standard-1, one nvidia-tesla-t4 when enabled).

Adaptations to run offline: the guide leaves ``zone``, ``image``, ``data_disk``,
``startup_script`` and ``enable_gpu`` to the reader; here they are stack config, a public
image name, one pd-standard disk and a one-line script.
"""

import pulumi
import pulumi_gcp as gcp

config = pulumi.Config()
zone = config.require("zone")
enable_gpu = (config.get("enableGpu") or "false").lower() == "true"
image = "debian-cloud/debian-12"
startup_script = "#!/bin/bash\nnvidia-smi || true\n"

data_disk = gcp.compute.Disk("data-disk", zone=zone, size=50, type="pd-standard")

gpu = gcp.compute.Instance(
    "gpu-instance",
    name="gpu-instance",
    zone=zone,
    machine_type="n1-standard-1",
    boot_disk={"initialize_params": {"image": image, "size": 10}},
    scratch_disks=[{"interface": "NVME"}],
    attached_disks=[{"source": data_disk.self_link, "device_name": "data-disk"}],
    network_interfaces=[{"network": "default", "access_configs": [{}]}],
    metadata_startup_script=startup_script,
    guest_accelerators=[{"count": 1, "type": "nvidia-tesla-t4"}] if enable_gpu else None,
    scheduling={"on_host_maintenance": "TERMINATE", "automatic_restart": True},
)
