"""vLLM on a fleet of L4 GPU VMs: one instance template and one managed instance group."""

import pulumi

from pulumi_aihw import Workload, workload_args

# workload.yaml, with the stack config the template prompts for (see Pulumi.yaml)
chat = Workload("chat", workload_args("workload.yaml"))
pulumi.export("offering", chat.offering)
pulumi.export("usd_per_month", chat.usd_per_month)
pulumi.export("fleet", chat.target)
