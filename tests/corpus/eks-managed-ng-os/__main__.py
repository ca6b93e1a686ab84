"""Managed node groups on every operating system pulumi-eks supports; two carry GPUs.

Source: github.com/pulumi/pulumi-eks, tests/testdata/programs/managed-ng-os/index.ts at
commit 7bf0c1b179932ce51cb02dfc4f9bd0d7550cb0cd (Apache-2.0), an acceptance-test program.
Ported from TypeScript to Python: node group names, instance types, scaling and the
``gpu`` flags are the source's.

Adaptations to run offline:
- the awsx VPC becomes fixed subnet ids (pulumi-awsx is not a test dependency);
- ``eks.createManagedNodeGroup`` (a TypeScript-only helper) becomes
  ``eks.ManagedNodeGroup``, the component the helper creates;
- user-data, labels and the NVIDIA device-plugin DaemonSet are left out (no hardware);
- ``aws:region`` us-west-2 (the pulumi-eks test default) is set in Pulumi.dev.yaml.
"""

import json

import pulumi_aws as aws
import pulumi_eks as eks

subnet_ids = ["subnet-0f1e2d3c", "subnet-1f2e3d4c"]

role = aws.iam.Role(
    "managed-ng-os",
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
    "managed-ng-os",
    skip_default_node_group=True,
    vpc_id="vpc-0f1e2d3c",
    authentication_mode=eks.AuthenticationMode.API,
    public_subnet_ids=subnet_ids,
    private_subnet_ids=subnet_ids,
)

base = {
    "scaling_config": {"min_size": 1, "max_size": 1, "desired_size": 1},
    "subnet_ids": subnet_ids,
}
AL2023, BOTTLEROCKET = eks.OperatingSystem.AL2023, eks.OperatingSystem.BOTTLEROCKET

# (name, operating system, instance type, GPU) as in the source, in its order.
GROUPS = [
    ("al-2023-mng", AL2023, "t3.medium", False),
    ("al-2023-mng-taints", AL2023, "t3.medium", False),
    ("al-2023-arm-mng", AL2023, "t4g.medium", False),
    ("al-2023-mng-userdata", AL2023, "t3.medium", False),
    ("al-2023-arm-mng-userdata", AL2023, "t4g.medium", False),
    ("al-2023-mng-nvidia-gpu", AL2023, "g4dn.xlarge", True),
    ("bottlerocket-mng", BOTTLEROCKET, "t3.medium", False),
    ("bottlerocket-mng-gpu", BOTTLEROCKET, "g5g.xlarge", True),
    ("bottlerocket-arm-mng", BOTTLEROCKET, "t4g.medium", False),
    ("bottlerocket-mng-userdata", BOTTLEROCKET, "t3.medium", False),
    ("bottlerocket-arm-mng-userdata", BOTTLEROCKET, "t4g.medium", False),
]
for name, os_, instance_type, gpu in GROUPS:
    eks.ManagedNodeGroup(
        name,
        cluster=cluster,
        operating_system=os_,
        instance_types=[instance_type],
        node_role=role,
        gpu=gpu or None,
        **base,
    )

eks.ManagedNodeGroup(
    "al-2023-mng-amitype-launch-template",
    cluster=cluster,
    node_role=role,
    ami_type="AL2023_ARM_64_STANDARD",
    instance_types=["t4g.medium"],
    kubelet_extra_args="--max-pods=110",
    **base,
)
