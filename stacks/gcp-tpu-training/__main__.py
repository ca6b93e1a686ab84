"""Pre-training on one multi-host Cloud TPU slice: one TPU VM resource for all its hosts."""

import pulumi

from pulumi_aihw import Workload, workload_args

# workload.yaml, with the stack config the template prompts for (see Pulumi.yaml)
run = Workload("pretrain", workload_args("workload.yaml"))
pulumi.export("offering", run.offering)
pulumi.export("usd_per_hour", run.usd_per_hour)
pulumi.export("slice", run.target)
