"""Karpenter NodePools chosen by instance category: ``t`` for general work, ``g`` for GPUs.

Source: github.com/Roulbac/pulumi-eks-ml, projects/starter/__main__.py and
Pulumi.dev.yaml with the NodePool spec built in pulumi_eks_ml/eks/karpenter.py
(``_add_node_pool``) and the defaults in pulumi_eks_ml/eks/config.py, at commit
b57a033bd7a29dec7ba0aaf050d209fe2827c0b0 (MIT). Restated in one file: pool names,
capacity type, category requirement, architecture and the default limits (100 vCPUs,
100 GiB) are the source's.

Adaptations to run offline:
- the library's VPC, EKS, IRSA and add-on components are left out; the Karpenter
  NodePool and EC2NodeClass custom resources it makes per pool are declared directly;
- the node role ARN and security group id are literals.
"""

import pulumi
import pulumi_kubernetes as k8s

node_pools = pulumi.Config().require_object("node_pools")

for pool in node_pools:
    name = pool["name"]
    categories = pool["instance_category"]
    gpu = all(c.startswith(("g", "p")) for c in categories)
    node_class = k8s.apiextensions.CustomResource(
        f"{name}-nodeclass",
        api_version="karpenter.k8s.aws/v1",
        kind="EC2NodeClass",
        metadata={"name": name},
        spec={
            "amiSelectorTerms": [{"alias": "al2023@latest"}],
            "role": "arn:aws:iam::123456789012:role/starter-karpenter-node-role",
            "securityGroupSelectorTerms": [{"id": "sg-0123456789abcdef0"}],
        },
    )
    requirements = [
        {"key": "karpenter.sh/capacity-type", "operator": "In", "values": [pool["capacity_type"]]},
        {"key": "kubernetes.io/arch", "operator": "In", "values": ["amd64"]},
        {"key": "karpenter.k8s.aws/instance-category", "operator": "In", "values": categories},
    ]
    template = {
        "spec": {
            "nodeClassRef": {"group": "karpenter.k8s.aws", "name": name, "kind": "EC2NodeClass"},
            "requirements": requirements,
            "expireAfter": "720h",
        }
    }
    if gpu:
        template["metadata"] = {"labels": {"nvidia.com/gpu.present": "true"}}
        requirements.append(
            {
                "key": "karpenter.k8s.aws/instance-gpu-manufacturer",
                "operator": "In",
                "values": ["nvidia"],
            }
        )
        template["spec"]["taints"] = [{"key": "nvidia.com/gpu", "effect": "NoSchedule"}]
    k8s.apiextensions.CustomResource(
        f"{name}-nodepool",
        api_version="karpenter.sh/v1",
        kind="NodePool",
        metadata={"name": name},
        spec={
            "limits": {"cpu": "100", "memory": "100Gi"},
            "template": template,
            "disruption": {
                "consolidationPolicy": "WhenEmptyOrUnderutilized",
                "consolidateAfter": "1m",
            },
        },
        opts=pulumi.ResourceOptions(depends_on=[node_class]),
    )
