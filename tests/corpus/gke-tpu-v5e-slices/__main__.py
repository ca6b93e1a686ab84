"""GKE cluster with sixteen multi-host TPU v5e node pools (64 ct5lp-hightpu-4t hosts each)
in compact placement groups.

Source: github.com/tensorflow/tpu (Apache-2.0), a Terraform module and its v5e example:
tools/kubernetes/terraform/module/main.tf at commit 062e36093f3dd4b180ca9583f985d1edad3b98a7
and tools/kubernetes/terraform/examples/v5e/terraform.tfvars at commit
06b6b3b98439082beae0c3c25d69c5e8572c54d8. Converted from Terraform to Pulumi Python, one
Pulumi resource per Terraform resource, as ``pulumi convert --from terraform`` would:
``google_container_node_pool`` with ``count`` becomes a loop over the tfvars list; names,
machine type, node counts, zones and placement policies are the source's.

Adaptations to run offline:
- the ``google_container_engine_versions`` data source is left out (unused by the
  resources); the ``timeouts`` blocks have no Pulumi counterpart and are dropped;
- the tfvars become stack config (region, prefix) and a literal list of the sixteen pools.
"""

import pulumi
import pulumi_gcp as gcp

config = pulumi.Config()
project_id = pulumi.Config("gcp").require("project")
region = config.require("region")
prefix = config.require("resourceNamePrefix")
maintenance_interval = config.require("maintenanceInterval")

# terraform.tfvars: sixteen pools, four per placement policy sb-compact-4a .. sb-compact-4d.
tpu_node_pools = [
    {
        "zone": "us-east5-b",
        "node_count": 64,
        "machine_type": "ct5lp-hightpu-4t",
        "topology": "16x16",
        "policy": f"sb-compact-4{group}",
    }
    for group in "abcd"
    for _ in range(4)
]

vpc = gcp.compute.Network("vpc", name=f"{prefix}-vpc", auto_create_subnetworks=False)
subnet = gcp.compute.Subnetwork(
    "subnet", name=f"{prefix}-subnet", region=region, network=vpc.name, ip_cidr_range="10.10.0.0/19"
)
tpu_cluster = gcp.container.Cluster(
    "tpu_cluster",
    name=f"{prefix}-gke-cluster",
    location=region,
    remove_default_node_pool=True,
    initial_node_count=1,
    networking_mode="VPC_NATIVE",
    ip_allocation_policy={"cluster_ipv4_cidr_block": "/14", "services_ipv4_cidr_block": "/20"},
    default_max_pods_per_node=50,
    release_channel={"channel": "UNSPECIFIED"},
    network=vpc.name,
    subnetwork=subnet.name,
    logging_service="logging.googleapis.com/kubernetes",
    monitoring_service="monitoring.googleapis.com/kubernetes",
    deletion_protection=False,
)

for index, pool in enumerate(tpu_node_pools):
    gcp.container.NodePool(
        f"multihost_tpu-{index}",
        name=tpu_cluster.name.apply(lambda name, i=index: f"{name}-{i}"),
        project=project_id,
        location=region,
        node_locations=[pool["zone"]],
        cluster=tpu_cluster.name,
        initial_node_count=pool["node_count"],
        management={"auto_upgrade": False},
        node_config={
            "oauth_scopes": [
                "https://www.googleapis.com/auth/logging.write",
                "https://www.googleapis.com/auth/monitoring",
                "https://www.googleapis.com/auth/cloud-platform",
            ],
            "host_maintenance_policy": {"maintenance_interval": maintenance_interval},
            "labels": {"env": project_id},
            "gvnic": {"enabled": True},
            "gcfs_config": {"enabled": True},
            "image_type": "COS_CONTAINERD",
            "machine_type": pool["machine_type"],
            "tags": ["gke-node"],
            "metadata": {"disable-legacy-endpoints": "true"},
        },
        placement_policy={"type": "COMPACT", "policy_name": pool["policy"]},
    )
