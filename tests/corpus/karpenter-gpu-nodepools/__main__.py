"""Karpenter NodePools for four GPU layouts (8xA100, 8xA10G, 4xA10G, 1xA10G) and their EC2NodeClass.

Source: github.com/pulumi/example-ai.cluster, infra/eks-karpenter-gpu-nodes/index.ts at
commit 8d8f82e850224e818f17bfacb7def4eb528d5018 (the repository has no licence file: the
program is restated here as its resources and their hardware inputs, not copied). Ported
from TypeScript to Python: pool names, instance types, capacity types and the CPU and
memory limits (computed the source's way) are the source's.

Adaptations to run offline:
- the StackReference to the Karpenter stack becomes the config value
  ``karpenterNodeRoleName`` (no Pulumi service offline);
- the cluster and subnet tag helpers from ../lib become literal tags;
- the region comes from a Pulumi ESC environment in the source; us-east-1 is assumed in
  Pulumi.dev.yaml.
"""

import pulumi
import pulumi_kubernetes as k8s

config = pulumi.Config()
node_role_name = config.require("karpenterNodeRoleName")

# (layout, instance type, quantity, vCPUs, memory GiB, on-demand allowed) as in the source.
GPU_LAYOUTS = [
    ("8xA100", "p4d.24xlarge", 1, 96, 1152, False),
    ("8xA10", "g5.48xlarge", 1, 192, 768, False),
    ("4xA10", "g5.24xlarge", 2, 96, 384, True),
    ("1xA10", "g5.xlarge", 24, 4, 16, True),
]

for layout, instance, quantity, cpu, memory, on_demand in GPU_LAYOUTS:
    k8s.apiextensions.CustomResource(
        f"gpu-{layout}",
        api_version="karpenter.sh/v1beta1",
        kind="NodePool",
        metadata={"name": f"gpu-{layout}".lower()},
        spec={
            "disruption": {"consolidationPolicy": "WhenUnderutilized"},
            "limits": {
                "cpu": cpu * (quantity + 1) - 1,
                "memory": f"{memory * (quantity + 1) - 1}Gi",
            },
            "template": {
                "metadata": {"labels": {"eks.pulumi.com/gpu-layout": layout}},
                "spec": {
                    "nodeClassRef": {"name": "gpu-nodes"},
                    "taints": [
                        {
                            "key": "eks.pulumi.com/gpu-workload-taint",
                            "value": "nvidia",
                            "effect": "NoSchedule",
                        }
                    ],
                    "requirements": [
                        {"key": "kubernetes.io/arch", "operator": "In", "values": ["amd64"]},
                        {"key": "kubernetes.io/os", "operator": "In", "values": ["linux"]},
                        {
                            "key": "node.kubernetes.io/instance-type",
                            "operator": "In",
                            "values": [instance],
                        },
                        {
                            "key": "karpenter.sh/capacity-type",
                            "operator": "In",
                            "values": ["on-demand", "spot"] if on_demand else ["spot"],
                        },
                    ],
                },
            },
        },
    )

k8s.apiextensions.CustomResource(
    "gpu-node-class",
    api_version="karpenter.k8s.aws/v1beta1",
    kind="EC2NodeClass",
    metadata={"name": "gpu-nodes"},
    spec={
        "tags": {"eks.pulumi.com/cluster": "pulumi-ai"},
        "amiFamily": "Bottlerocket",
        "role": node_role_name,
        "blockDeviceMappings": [
            {"deviceName": "/dev/xvda", "ebs": {"volumeSize": "4Gi", "volumeType": "gp3"}},
            {"deviceName": "/dev/xvdb", "ebs": {"volumeSize": "4000Gi", "volumeType": "gp3"}},
        ],
        "subnetSelectorTerms": [{"tags": {"eks.pulumi.com/subnet": "private"}}],
        "securityGroupSelectorTerms": [{"tags": {"eks.pulumi.com/node-sg": "karpenter"}}],
    },
)
