"""vLLM on owned GPU servers: workload.yaml says what is needed, inventory.yaml what exists."""

import pulumi

from pulumi_aihw import Workload, workload_args

# workload.yaml, with the stack config the template prompts for (see Pulumi.yaml)
chat = Workload("chat", workload_args("workload.yaml"))
pulumi.export("offering", chat.offering)
pulumi.export("usd_per_month", chat.usd_per_month)
pulumi.export("enrollment", chat.target)  # servers, GPU inventory, rack power, TCO
