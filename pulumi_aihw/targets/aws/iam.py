"""The instance role: SSM Session Manager access instead of SSH keys."""

from __future__ import annotations

import json

import pulumi
import pulumi_aws as aws

from pulumi_aihw.targets.aws.args import AwsTargetArgs

SSM_POLICY = "AmazonSSMManagedInstanceCore"
"""AWS-managed policy that lets SSM Session Manager reach the instance (no SSH, no key pair)."""

_ASSUME_EC2 = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "ec2.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)


def instance_profile(
    name: str, args: AwsTargetArgs, opts: pulumi.ResourceOptions
) -> aws.iam.InstanceProfile:
    """Role (EC2 may assume it) + the SSM policy + an instance profile. IAM is global:
    these resources take no region."""
    role = aws.iam.Role(
        f"{name}-role",
        assume_role_policy=_ASSUME_EC2,
        description=f"aihw workload {args.workload}: EC2 instances reachable through SSM",
        tags=args.tags,
        opts=opts,
    )
    aws.iam.RolePolicyAttachment(
        f"{name}-ssm",
        role=role.name,
        policy_arn=f"arn:{args.partition}:iam::aws:policy/{SSM_POLICY}",
        opts=opts,
    )
    return aws.iam.InstanceProfile(f"{name}-profile", role=role.name, tags=args.tags, opts=opts)
