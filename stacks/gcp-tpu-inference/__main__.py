"""vLLM on Cloud TPUs: workload.yaml says what is needed, the plan picks the slices."""

import pulumi

from pulumi_aihw import Workload, WorkloadArgs

config = pulumi.Config()
args: WorkloadArgs = {"spec_file": "workload.yaml", "deploy": config.get_object("deploy") or {}}
chat = Workload("chat", args)
pulumi.export("offering", chat.offering)
pulumi.export("usd_per_month", chat.usd_per_month)
pulumi.export("slices", chat.target)
