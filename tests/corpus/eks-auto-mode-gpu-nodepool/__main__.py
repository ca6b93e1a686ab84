"""EKS Auto Mode with a GPU NodePool: any g or p instance newer than generation 4.

Source: github.com/pulumi/workshops,
self-service-ai-application-platforms/templates/gpu-eks-auto-mode-template/index.ts at
commit ef26558b87e343d0dd3c18c65698a979609635ba (the repository has no top-level licence
file: the program is restated as its resources and hardware inputs, not copied). Ported
from TypeScript to Python.

Adaptations to run offline:
- the awsx VPC becomes fixed subnet ids (pulumi-awsx is not a test dependency);
- ``cluster.provider`` (TypeScript only) becomes a kubernetes Provider built from
  ``cluster.kubeconfig_json``, the Python SDK's way;
- the Helm releases after the NodePool (LWS, Prometheus) and the Pulumi Cloud
  environment are left out (no hardware).
"""

import pulumi
import pulumi_eks as eks
import pulumi_kubernetes as k8s

config = pulumi.Config()
cluster_name = config.require("clusterName")
gpu_instance_generation = config.get("gpuInstanceGeneration") or "4"
gpu_instance_arch = config.get("gpuInstanceArch") or "amd64"
subnet_ids = ["subnet-0a2b4c6d", "subnet-1a2b4c6d"]

cluster = eks.Cluster(
    "eks-auto-mode",
    name=cluster_name,
    authentication_mode=eks.AuthenticationMode.API,
    vpc_id="vpc-0a2b4c6d",
    public_subnet_ids=subnet_ids,
    private_subnet_ids=subnet_ids,
    auto_mode={"enabled": True},
    coredns_addon_options={"enabled": False},
)
provider = k8s.Provider("eks-auto-mode-k8s", kubeconfig=cluster.kubeconfig_json)

k8s.apiextensions.CustomResource(
    "gpu-node-pool",
    api_version="karpenter.sh/v1",
    kind="NodePool",
    metadata={"name": "gpu-node-pool"},
    spec={
        "template": {
            "metadata": {"labels": {"type": "karpenter", "NodeGroupType": "gpu-node-pool"}},
            "spec": {
                "nodeClassRef": {
                    "group": "eks.amazonaws.com",
                    "kind": "NodeClass",
                    "name": "default",
                },
                "taints": [{"key": "nvidia.com/gpu", "value": "Exists", "effect": "NoSchedule"}],
                "requirements": [
                    {
                        "key": "karpenter.sh/capacity-type",
                        "operator": "In",
                        "values": ["spot", "on-demand"],
                    },
                    {
                        "key": "topology.kubernetes.io/zone",
                        "operator": "In",
                        "values": [f"us-east-1{z}" for z in "abcdef"],
                    },
                    {
                        "key": "eks.amazonaws.com/instance-category",
                        "operator": "In",
                        "values": ["g", "p"],
                    },
                    {
                        "key": "eks.amazonaws.com/instance-generation",
                        "operator": "Gt",
                        "values": [gpu_instance_generation],
                    },
                    {"key": "kubernetes.io/arch", "operator": "In", "values": [gpu_instance_arch]},
                ],
            },
        },
        "limits": {"cpu": "4000", "memory": "40000Gi"},
    },
    opts=pulumi.ResourceOptions(provider=provider),
)

pulumi.export("kubeconfig", pulumi.Output.secret(cluster.kubeconfig_json))
