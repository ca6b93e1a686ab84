"""vLLM on a fleet of L4 GPU VMs: one instance template and one managed instance group."""

import pulumi

from pulumi_aihw import Workload, WorkloadArgs

config = pulumi.Config()
args: WorkloadArgs = {"spec_file": "workload.yaml", "deploy": config.get_object("deploy") or {}}
chat = Workload("chat", args)
pulumi.export("offering", chat.offering)
pulumi.export("usd_per_month", chat.usd_per_month)
pulumi.export("fleet", chat.target)
