"""EKS with a system node group and three Karpenter NodePools; the vCluster GPU pool allows
T4 (g4dn) and A10G (g5) instances up to 100 vCPUs.

Source: github.com/pulumi/workshops,
zero-to-production-in-kubernetes/00-infrastructure/index.ts and
src/components/karpenterNodePoolComponent.ts at commit
ef26558b87e343d0dd3c18c65698a979609635ba, stack config Pulumi.dev.yaml (eu-central-1)
(no top-level licence file: restated as resources and hardware inputs, not copied).
Ported from TypeScript to Python: the local ``KarpenterNodePoolComponent`` keeps its type
token and makes the NodePool custom resource as its child, as in the source.

Adaptations to run offline:
- the awsx VPC becomes fixed subnet ids (pulumi-awsx is not a test dependency);
- the Karpenter controller, EC2NodeClasses, load-balancer controller, vClusters and Flux
  components are left out (no hardware; the NodePools only name their node classes);
- Pulumi ESC environments in the stack file are dropped (region and cluster name kept).
"""

import json

import pulumi
import pulumi_aws as aws
import pulumi_eks as eks
import pulumi_kubernetes as k8s

config = pulumi.Config()
cluster_name = config.require("clusterName")
tags = {"Environment": pulumi.get_stack(), "Project": pulumi.get_project(), "ManagedBy": "Pulumi"}
subnet_ids = ["subnet-0d2e4f6a", "subnet-1d2e4f6a"]


class KarpenterNodePoolComponent(pulumi.ComponentResource):
    """A Karpenter NodePool from instance types, capacity types, labels and limits."""

    def __init__(self, name, args, opts=None):
        super().__init__("karpenter:index:KarpenterNodePoolComponent", name, None, opts)
        requirements = [
            {
                "key": "karpenter.sh/capacity-type",
                "operator": "In",
                "values": args.get("capacityTypes", ["on-demand"]),
            },
            {
                "key": "node.kubernetes.io/instance-type",
                "operator": "In",
                "values": args["instanceTypes"],
            },
        ]
        spec = {
            "template": {
                "spec": {
                    "nodeClassRef": {
                        "group": "karpenter.k8s.aws",
                        "kind": "EC2NodeClass",
                        "name": args.get("nodeClassName", "default"),
                    },
                    "requirements": requirements,
                }
            },
            "limits": dict(args["limits"]),
            "disruption": {"consolidationPolicy": "WhenEmpty", "consolidateAfter": "1m"},
        }
        if args.get("labels"):
            spec["template"]["metadata"] = {"labels": args["labels"]}
        self.node_pool = k8s.apiextensions.CustomResource(
            f"{name}-nodepool",
            api_version="karpenter.sh/v1",
            kind="NodePool",
            metadata={"name": args.get("poolName", name)},
            spec=spec,
            opts=pulumi.ResourceOptions(parent=self),
        )
        self.register_outputs({"nodePoolName": args.get("poolName", name)})


cluster = eks.Cluster(
    "eks-cluster",
    name=cluster_name,
    vpc_id="vpc-0d2e4f6a",
    public_subnet_ids=subnet_ids,
    private_subnet_ids=subnet_ids,
    authentication_mode=eks.AuthenticationMode.API,
    skip_default_node_group=True,
    tags=tags,
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
    tags=tags,
)
eks.ManagedNodeGroup(
    "system-nodes",
    cluster=cluster,
    node_group_name="system-nodes",
    node_role=node_role,
    instance_types=["m6i.large"],
    scaling_config={"min_size": 2, "max_size": 4, "desired_size": 2},
    subnet_ids=subnet_ids,
    ami_type="AL2023_x86_64_STANDARD",
    taints=[{"key": "CriticalAddonsOnly", "value": "true", "effect": "NO_SCHEDULE"}],
    tags=tags,
)
k8s_provider = k8s.Provider("k8s-provider", kubeconfig=cluster.kubeconfig_json)
on_k8s = pulumi.ResourceOptions(providers={"kubernetes": k8s_provider})

general = ["m5.large", "m5.xlarge", "m5.2xlarge"]
KarpenterNodePoolComponent(
    "default-pool",
    {
        "poolName": "default-pool",
        "nodeClassName": "default-al2023",
        "instanceTypes": general,
        "capacityTypes": ["on-demand"],
        "limits": {"cpu": 100},
    },
    opts=on_k8s,
)
KarpenterNodePoolComponent(
    "vcluster-standard-pool",
    {
        "poolName": "vcluster-standard-pool",
        "nodeClassName": "vcluster-standard-al2023",
        "instanceTypes": general,
        "capacityTypes": ["on-demand"],
        "labels": {"workload-type": "vcluster-standard"},
        "limits": {"cpu": 100},
    },
    opts=on_k8s,
)
KarpenterNodePoolComponent(
    "vcluster-gpu-pool",
    {
        "poolName": "vcluster-gpu-pool",
        "nodeClassName": "vcluster-gpu-al2023",
        "instanceTypes": ["g4dn.xlarge", "g4dn.2xlarge", "g5.xlarge", "g5.2xlarge"],
        "capacityTypes": ["on-demand"],
        "labels": {"workload-type": "vcluster-gpu"},
        "limits": {"cpu": 100},
    },
    opts=on_k8s,
)
