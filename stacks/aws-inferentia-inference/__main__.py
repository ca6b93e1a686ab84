"""The same chat model on AWS Inferentia2: cheaper, but tied to the Neuron SDK."""

import pulumi

from pulumi_aihw import Workload, workload_args

# workload.yaml, with the stack config the template prompts for (see Pulumi.yaml)
chat = Workload("chat", workload_args("workload.yaml"))
pulumi.export("offering", chat.offering)
pulumi.export("usd_per_month", chat.usd_per_month)
pulumi.export("lock_in", chat.lock_in_level)
pulumi.export("instances", chat.target)
