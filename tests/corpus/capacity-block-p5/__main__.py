"""Buys an EC2 Capacity Block for one p5.4xlarge for 24 hours: the registry's example.

Source: the Python example of ``aws.ec2.CapacityBlockReservation`` in pulumi-aws 7.51.1
(github.com/pulumi/pulumi-aws, sdk/python/pulumi_aws/ec2/capacity_block_reservation.py,
as published on PyPI and the Pulumi registry; Apache-2.0). Restated with the example's
offering query and reservation inputs.

Adaptations to run offline: none beyond the stack's region in Pulumi.dev.yaml; the
offering lookup is answered by aihw's offline placeholder.
"""

import pulumi_aws as aws

offering = aws.ec2.get_capacity_block_offering(
    capacity_duration_hours=24,
    end_date_range="2024-05-30T15:04:05Z",
    instance_count=1,
    instance_type="p5.4xlarge",
    start_date_range="2024-04-28T15:04:05Z",
)
aws.ec2.CapacityBlockReservation(
    "example",
    capacity_block_offering_id=offering.capacity_block_offering_id,
    instance_platform="Linux/UNIX",
)
