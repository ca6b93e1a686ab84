"""vLLM on owned GPU servers: workload.yaml says what is needed, inventory.yaml what exists."""

import pulumi

from pulumi_aihw import Workload, WorkloadArgs

args: WorkloadArgs = {"spec_file": "workload.yaml"}
chat = Workload("chat", args)
pulumi.export("offering", chat.offering)
pulumi.export("usd_per_month", chat.usd_per_month)
pulumi.export("enrollment", chat.target)  # servers, GPU inventory, rack power, TCO
