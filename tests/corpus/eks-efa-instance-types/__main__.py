"""EKS managed node group with EFA support over five GPU instance types.

Source: github.com/pulumi/pulumi-eks, examples/efa/index.ts at commit
7bf0c1b179932ce51cb02dfc4f9bd0d7550cb0cd (Apache-2.0); the stack config is the one the
repository's acceptance test passes (tests/nodejs_test.go, TestAccEfa: instanceTypes
"g6.8xlarge,g4dn.8xlarge,gr6.8xlarge,g5.8xlarge,g6.16xlarge"). Ported from TypeScript to
Python: resources, names and every input that decides the hardware are the source's.

Adaptations to run offline:
- the awsx VPC becomes fixed subnet ids (pulumi-awsx is not a test dependency);
- the IAM role helper (iam.ts) becomes one aws.iam.Role;
- the test looks up availability zones that offer all five types; Pulumi.dev.yaml
  names one (us-west-2b) and the region the test runs in (us-west-2);
- the EFA device-plugin Helm release is kept; the nodeadm RAID0 option is dropped
  (node OS settings, no hardware).
"""

import json

import pulumi
import pulumi_aws as aws
import pulumi_eks as eks
import pulumi_kubernetes as k8s

config = pulumi.Config()
instance_types = config.require("instanceTypes").split(",")
availability_zones = config.require("availabilityZones").split(",")
subnet_ids = ["subnet-0e1f2a3b"]

role = aws.iam.Role(
    "efa",
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

cluster = eks.Cluster(
    "efa",
    authentication_mode=eks.AuthenticationMode.API,
    vpc_id="vpc-0e1f2a3b",
    public_subnet_ids=subnet_ids,
    private_subnet_ids=subnet_ids,
    skip_default_node_group=True,
)

eks.ManagedNodeGroup("system-mng", cluster=cluster, subnet_ids=subnet_ids, node_role=role)

provider = k8s.Provider("efa-k8s", kubeconfig=cluster.kubeconfig_json)
device_plugin = k8s.helm.v3.Release(
    "efa-device-plugin",
    version="0.5.7",
    chart="aws-efa-k8s-device-plugin",
    repository_opts={"repo": "https://aws.github.io/eks-charts"},
    namespace="kube-system",
    atomic=True,
    opts=pulumi.ResourceOptions(provider=provider),
)

efa_mng = eks.ManagedNodeGroup(
    "efa-mng",
    cluster=cluster,
    instance_types=instance_types,
    scaling_config={"min_size": 2, "max_size": 2, "desired_size": 2},
    gpu=True,
    node_role=role,
    enable_efa_support=True,
    placement_group_availability_zone=availability_zones[0],
    taints=[{"key": "efa-enabled", "value": "true", "effect": "NO_EXECUTE"}],
    opts=pulumi.ResourceOptions(depends_on=[device_plugin]),
)

pulumi.export("kubeconfig", cluster.kubeconfig)
