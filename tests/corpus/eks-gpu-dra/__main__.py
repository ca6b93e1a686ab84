"""EKS with a system node group and an A100 GPU node group (MIG, Dynamic Resource Allocation).

Source: github.com/pulumi/examples, aws-ts-eks-gpu-dra/index.ts at commit
40c09b266d44e9975e15289c42cc0c2ad8d14995 (Apache-2.0). Ported from TypeScript to Python:
the resources, their names and every input that decides the hardware (instance types,
capacity type, scaling, AMI type) are the source's.

Adaptations to run offline (``aihw check``, no cloud, no Pulumi CLI):
- the awsx VPC becomes a VPC id and two subnet ids from stack config (pulumi-awsx is not
  a test dependency; the node groups only read the subnet ids);
- ``aws:region`` is set in Pulumi.dev.yaml (the source takes it from the environment);
- the add-ons, the EBS CSI role and the Helm releases after the node groups are reduced
  to the GPU operator release (they create no hardware).
"""

import json

import pulumi
import pulumi_aws as aws
import pulumi_eks as eks
import pulumi_kubernetes as k8s

config = pulumi.Config()
cluster_name = config.get("clusterName") or "gpu-dra-cluster"
vpc_id = config.get("vpcId") or "vpc-0a1b2c3d"
subnet_ids = ["subnet-0a1b2c3d", "subnet-1a2b3c4d"]

cluster = eks.Cluster(
    "gpu-cluster",
    name=cluster_name,
    vpc_id=vpc_id,
    public_subnet_ids=subnet_ids,
    private_subnet_ids=subnet_ids,
    authentication_mode=eks.AuthenticationMode.API,
    skip_default_node_group=True,
    version="1.34",
)

node_role = aws.iam.Role(
    "system-node-role",
    assume_role_policy=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Action": "sts:AssumeRole",
                    "Effect": "Allow",
                    "Principal": {"Service": "ec2.amazonaws.com"},
                }
            ],
        }
    ),
)
for i, policy in enumerate(
    ["AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly"]
):
    aws.iam.RolePolicyAttachment(
        f"system-node-policy-{i}",
        role=node_role.name,
        policy_arn=f"arn:aws:iam::aws:policy/{policy}",
    )

system_nodes = eks.ManagedNodeGroup(
    "system-nodes",
    cluster=cluster,
    node_group_name="system-nodes",
    node_role=node_role,
    instance_types=["m6i.large"],
    capacity_type="ON_DEMAND",
    scaling_config={"desired_size": 2, "min_size": 1, "max_size": 4},
    labels={"node-role": "system"},
)

gpu_nodes = eks.ManagedNodeGroup(
    "gpu-nodes",
    cluster=cluster,
    node_group_name="gpu-nodes",
    node_role=node_role,
    instance_types=["p4d.24xlarge"],
    capacity_type="ON_DEMAND",
    scaling_config={"desired_size": 1, "min_size": 0, "max_size": 2},
    disk_size=100,
    ami_type="AL2023_x86_64_NVIDIA",
    labels={
        "node-role": "gpu",
        "nvidia.com/gpu.present": "true",
        "nvidia.com/mig.config": "all-balanced",
    },
    taints=[{"key": "nvidia.com/gpu", "value": "true", "effect": "NO_SCHEDULE"}],
)

k8s_provider = k8s.Provider("k8s-provider", kubeconfig=cluster.kubeconfig_json)
gpu_operator_ns = k8s.core.v1.Namespace(
    "gpu-operator-ns",
    metadata={"name": "gpu-operator"},
    opts=pulumi.ResourceOptions(provider=k8s_provider),
)
k8s.helm.v3.Release(
    "gpu-operator",
    chart="gpu-operator",
    namespace=gpu_operator_ns.metadata["name"],
    repository_opts={"repo": "https://helm.ngc.nvidia.com/nvidia"},
    version="v25.10.1",
    skip_await=True,
    values={"driver": {"enabled": False}, "mig": {"strategy": "mixed"}},
    opts=pulumi.ResourceOptions(provider=k8s_provider, depends_on=[gpu_nodes]),
)

pulumi.export("kubeconfig", cluster.kubeconfig)
