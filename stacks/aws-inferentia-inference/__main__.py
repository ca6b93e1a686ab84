"""The same chat model on AWS Inferentia2: cheaper, but tied to the Neuron SDK."""

import pulumi

from pulumi_aihw import Workload, WorkloadArgs

config = pulumi.Config()
args: WorkloadArgs = {"spec_file": "workload.yaml", "objective": config.get("objective") or "cost"}
chat = Workload("chat", args)
pulumi.export("offering", chat.offering)
pulumi.export("usd_per_month", chat.usd_per_month)
pulumi.export("lock_in", chat.lock_in_level)
pulumi.export("instances", chat.target)
