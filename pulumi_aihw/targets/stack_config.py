"""``workload_args``: a stack program's Workload inputs from its Pulumi config.

Every example stack (they double as ``pulumi new`` templates) and every ``aihw init``
scaffold builds its Workload with it, so a value a template prompted for is never
ignored:

    from pulumi_aihw import Workload, workload_args

    chat = Workload("chat", workload_args("workload.yaml"))

It reads, in the project's config namespace, the override keys of
:data:`pulumi_aihw.spec.overrides.OVERRIDE_KEYS` (``workloadName``, ``region``,
``site``, ``maxUsdPerMonth``, ``profile``), ``objective`` and the ``deploy`` object.
"""

from typing import Any, cast

import pulumi

from pulumi_aihw.spec.overrides import inputs_from_config
from pulumi_aihw.targets.workload import WorkloadArgs


def workload_args(spec_file: str, config: pulumi.Config | None = None) -> WorkloadArgs:
    """The inputs of a Workload planned from ``spec_file``, with this stack's overrides."""
    config = config or pulumi.Config()
    args: dict[str, Any] = {"spec_file": spec_file}
    args.update(inputs_from_config(config.get, config.name))
    objective = config.get("objective")
    if objective:
        args["objective"] = objective
    deploy = config.get_object("deploy")
    if deploy:
        args["deploy"] = deploy
    return cast(WorkloadArgs, args)
