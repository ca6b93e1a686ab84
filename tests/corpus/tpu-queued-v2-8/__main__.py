"""A queued resource asking for one v2-8 TPU node.

Source: the "Tpu V2 Queued Resource Basic" Python example of ``gcp.tpu.V2QueuedResource`` in
pulumi-gcp 10.2.0 (github.com/pulumi/pulumi-gcp, sdk/python/pulumi_gcp/tpu/v2_queued_resource.py,
as published on PyPI and the Pulumi registry; Apache-2.0). Restated with the example's inputs.

Adaptations to run offline: none.
"""

import pulumi_gcp as gcp

qr = gcp.tpu.V2QueuedResource(
    "qr",
    name="test-qr",
    zone="us-central1-c",
    project="my-project-name",
    tpu={
        "node_specs": [
            {
                "parent": "projects/my-project-name/locations/us-central1-c",
                "node_id": "test-tpu",
                "node": {
                    "runtime_version": "tpu-vm-tf-2.13.0",
                    "accelerator_type": "v2-8",
                    "description": "Text description of the TPU.",
                },
            }
        ]
    },
)
