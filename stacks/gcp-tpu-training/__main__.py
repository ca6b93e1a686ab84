"""Pre-training on one multi-host Cloud TPU slice: one TPU VM resource for all its hosts."""

import pulumi

from pulumi_aihw import Workload, WorkloadArgs

config = pulumi.Config()
args: WorkloadArgs = {"spec_file": "workload.yaml", "deploy": config.get_object("deploy") or {}}
run = Workload("pretrain", args)
pulumi.export("offering", run.offering)
pulumi.export("usd_per_hour", run.usd_per_hour)
pulumi.export("slice", run.target)
