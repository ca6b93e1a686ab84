"""Llama 3.1 405B with vLLM on ROCm: one Azure ND MI300X v5 VM (planned by pulumi-aihw)."""

import pulumi

from pulumi_aihw import Workload, workload_args

# workload.yaml, with the stack config the template prompts for (see Pulumi.yaml)
chat = Workload("chat", workload_args("workload.yaml"))
pulumi.export("offering", chat.offering)
pulumi.export("usd_per_month", chat.usd_per_month)
pulumi.export("vm", chat.target)
