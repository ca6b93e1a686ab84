"""LocalAI (LLMs on CPU) and Flowise on an EKS cluster whose default node group is m4.4xlarge.

Source: github.com/pulumi/examples, aws-ts-localai-flowise/index.ts and Pulumi.yaml at
commit 40c09b266d44e9975e15289c42cc0c2ad8d14995 (Apache-2.0). Ported from TypeScript to
Python: the VPC, subnets and the cluster's default node group (instance type, sizes) are
the source's; no resource here carries an accelerator, and a reviewer flags none.

Adaptations to run offline:
- the IRSA role for the EBS CSI driver, the storage class and the LocalAI and Flowise
  Helm releases are left out (no hardware);
- the list-valued config (subnet CIDRs, zones) becomes literals.
"""

import pulumi
import pulumi_aws as aws
import pulumi_eks as eks

config = pulumi.Config()
min_size = config.get_int("minClusterSize") or 3
max_size = config.get_int("maxClusterSize") or 6
desired = config.get_int("desiredClusterSize") or 3
instance_type = config.get("eksNodeInstanceType") or "t3.medium"
cidr = config.get("vpcNetworkCidr") or "10.0.0.0/16"
subnet_cidrs = ["10.0.0.0/27", "10.0.0.32/27"]
zones = ["eu-central-1a", "eu-central-1b"]

vpc = aws.ec2.Vpc("eks-vpc", enable_dns_hostnames=True, cidr_block=cidr)
igw = aws.ec2.InternetGateway("eks-igw", vpc_id=vpc.id)
route_table = aws.ec2.RouteTable(
    "eks-rt", vpc_id=vpc.id, routes=[{"cidr_block": "0.0.0.0/0", "gateway_id": igw.id}]
)
subnet_ids = []
for i, zone in enumerate(zones):
    subnet = aws.ec2.Subnet(
        f"eks-public-subnet-{i}",
        vpc_id=vpc.id,
        map_public_ip_on_launch=False,
        assign_ipv6_address_on_creation=False,
        cidr_block=subnet_cidrs[i],
        availability_zone=zone,
        tags={"Name": f"eks-public-subnet-{i}"},
    )
    subnet_ids.append(subnet.id)
    aws.ec2.RouteTableAssociation(
        f"eks-rt-association-{i}", subnet_id=subnet.id, route_table_id=route_table.id
    )

cluster = eks.Cluster(
    "eks-cluster",
    vpc_id=vpc.id,
    private_subnet_ids=subnet_ids,
    instance_type=instance_type,
    desired_capacity=desired,
    min_size=min_size,
    max_size=max_size,
    endpoint_private_access=False,
    endpoint_public_access=True,
    create_oidc_provider=True,
    node_root_volume_size=150,
)
pulumi.export("kubeconfig", pulumi.Output.secret(cluster.kubeconfig))
