"""A GKE cluster and a node pool "optimized for ML workloads" on n1-standard-4, without GPUs.

Source: github.com/pulumi/docs, content/blog/ai-ml-on-kubernetes-google-cloud-llm-rag/index.md
at commit 06b5b4b7acca88b700699e0189001554d6cd39da (the post "AI/ML on Kubernetes: Deploying
Models with Pulumi on Google Cloud"; the docs repository states no licence file: restated,
not copied). The cluster and node pool are the post's, inputs unchanged.

Adaptations to run offline: none beyond ``gcp:project`` in Pulumi.dev.yaml (the post's
"..." after the node pool elides resources it does not show).
"""

import pulumi_gcp as gcp

cluster = gcp.container.Cluster(
    "ml-cluster",
    location="us-central1",
    initial_node_count=3,
    node_version="1.23",
    min_master_version="1.23",
)
node_pool = gcp.container.NodePool(
    "ml-node-pool",
    cluster=cluster.name,
    node_config={
        "machine_type": "n1-standard-4",
        "oauth_scopes": [
            "https://www.googleapis.com/auth/devstorage.read_only",
            "https://www.googleapis.com/auth/logging.write",
        ],
        "labels": {"team": "ml"},
        "shielded_instance_config": {
            "enable_secure_boot": True,
            "enable_integrity_monitoring": True,
        },
    },
    initial_node_count=2,
    location="us-central1",
    version="1.23",
)
