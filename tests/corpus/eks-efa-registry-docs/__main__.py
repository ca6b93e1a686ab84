"""The pulumi-eks registry example "Enabling EFA Support": a g6.8xlarge node group.

Source: github.com/pulumi/pulumi-eks, sdk/python/pulumi_eks/managed_node_group.py at
commit 7bf0c1b179932ce51cb02dfc4f9bd0d7550cb0cd (Apache-2.0): the Python example in the
ManagedNodeGroup docstring (published as the registry's eks.ManagedNodeGroup page).
Restated: resources, names and every input that decides the hardware are the example's.

Adaptations to run offline:
- the awsx VPC becomes fixed subnet ids (pulumi-awsx is not a test dependency);
- ``aws:region`` us-west-2 is set in Pulumi.dev.yaml, matching the example's
  placement zone us-west-2b;
- the Helm release and nodeadm options are dropped (no hardware).
"""

import json

import pulumi_aws as aws
import pulumi_eks as eks

subnet_ids = ["subnet-0c1d2e3f", "subnet-1c2d3e4f"]

eks_cluster = eks.Cluster(
    "eks-cluster",
    vpc_id="vpc-0c1d2e3f",
    authentication_mode=eks.AuthenticationMode.API,
    public_subnet_ids=subnet_ids,
    private_subnet_ids=subnet_ids,
    skip_default_node_group=True,
)

node_role = aws.iam.Role(
    "node-role",
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
for name, policy in [
    ("worker-node-policy", "AmazonEKSWorkerNodePolicy"),
    ("cni-policy", "AmazonEKS_CNI_Policy"),
    ("registry-policy", "AmazonEC2ContainerRegistryReadOnly"),
]:
    aws.iam.RolePolicyAttachment(
        name, role=node_role.name, policy_arn=f"arn:aws:iam::aws:policy/{policy}"
    )

eks.ManagedNodeGroup("system-node-group", cluster=eks_cluster, node_role=node_role)

eks.ManagedNodeGroup(
    "efa-node-group",
    cluster=eks_cluster,
    node_role=node_role,
    instance_types=["g6.8xlarge"],
    gpu=True,
    scaling_config={"min_size": 2, "desired_size": 2, "max_size": 4},
    enable_efa_support=True,
    placement_group_availability_zone="us-west-2b",
    taints=[{"key": "efa-enabled", "value": "true", "effect": "NO_EXECUTE"}],
)
