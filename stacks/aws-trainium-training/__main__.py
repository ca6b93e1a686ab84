"""Multi-node training on Trainium: EFA interfaces and a cluster placement group."""

import pulumi

from pulumi_aihw import Workload, WorkloadArgs

config = pulumi.Config()
args: WorkloadArgs = {"spec_file": "workload.yaml", "deploy": config.get_object("deploy") or {}}
run = Workload("pretrain", args)
pulumi.export("offering", run.offering)
pulumi.export("nodes", run.units)
pulumi.export("usd_per_hour", run.usd_per_hour)
pulumi.export("cluster", run.target)
