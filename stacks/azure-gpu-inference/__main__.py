"""vLLM on Azure NC A100 v4 VMs in an existing subnet (planned by pulumi-aihw)."""

import pulumi

from pulumi_aihw import Workload, workload_args

# workload.yaml, with the stack config the template prompts for (see Pulumi.yaml)
chat = Workload("chat", workload_args("workload.yaml"))
pulumi.export("offering", chat.offering)
pulumi.export("usd_per_month", chat.usd_per_month)
pulumi.export("vms", chat.target)
