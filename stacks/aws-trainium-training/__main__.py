"""Multi-node training on Trainium: EFA interfaces and a cluster placement group."""

import pulumi

from pulumi_aihw import Workload, workload_args

# workload.yaml, with the stack config the template prompts for (see Pulumi.yaml)
run = Workload("pretrain", workload_args("workload.yaml"))
pulumi.export("offering", run.offering)
pulumi.export("nodes", run.units)
pulumi.export("usd_per_hour", run.usd_per_hour)
pulumi.export("cluster", run.target)
