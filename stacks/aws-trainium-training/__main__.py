"""Multi-node training on Trainium: EFA interfaces and a cluster placement group."""

import pulumi

from pulumi_aihw import Workload

run = Workload(
    "pretrain", {"spec_file": "workload.yaml", "deploy": pulumi.Config().get_object("deploy") or {}}
)
pulumi.export("offering", run.offering)
pulumi.export("nodes", run.units)
pulumi.export("usd_per_hour", run.usd_per_hour)
pulumi.export("cluster", run.target)
