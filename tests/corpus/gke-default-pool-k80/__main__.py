"""GKE cluster whose default node pool carries one NVIDIA K80 per node, plus an e2-medium pool.

Source: the Python example "2 Node Pools, 1 Separately Managed + The Default Node Pool" of
``gcp.container.NodePool`` in pulumi-gcp 10.2.0 (github.com/pulumi/pulumi-gcp,
sdk/python/pulumi_gcp/container/node_pool.py, as published on PyPI and the Pulumi
registry; Apache-2.0). Restated with the example's resources and inputs.

Adaptations to run offline: none beyond ``gcp:project`` in Pulumi.dev.yaml.
"""

import pulumi_gcp as gcp

default = gcp.serviceaccount.Account(
    "default", account_id="service-account-id", display_name="Service Account"
)
primary = gcp.container.Cluster(
    "primary",
    name="marcellus-wallace",
    location="us-central1-a",
    initial_node_count=3,
    node_locations=["us-central1-c"],
    node_config={
        "service_account": default.email,
        "oauth_scopes": ["https://www.googleapis.com/auth/cloud-platform"],
        "guest_accelerators": [{"type": "nvidia-tesla-k80", "count": 1}],
    },
)
gcp.container.NodePool(
    "np",
    name="my-node-pool",
    cluster=primary.id,
    node_config={
        "machine_type": "e2-medium",
        "service_account": default.email,
        "oauth_scopes": ["https://www.googleapis.com/auth/cloud-platform"],
    },
)
