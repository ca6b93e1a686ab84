"""``Workload``: plan a workload spec and deploy the choice with the matching target.

    from pulumi_aihw import Workload

    chat = Workload("chat", {"spec_file": "workload.yaml"})
    pulumi.export("offering", chat.offering)

The component carries the spec (plain data) and the plan summary in its own
inputs (``contracts.WORKLOAD_SPEC_PROPERTY`` / ``WORKLOAD_PLAN_PROPERTY``), so
policies read them during ``pulumi preview``, and tags everything it makes with
``aihw-workload``, ``aihw-offering`` and ``aihw-owner``.
"""

# No `from __future__ import annotations` here: Pulumi's component schema inference
# (pulumi.provider.experimental) reads these annotations as real types.
from typing import Any, TypedDict, cast

import pulumi

from pulumi_aihw import contracts
from pulumi_aihw.spec.loader import source_of
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.spec.overrides import overrides_from_inputs
from pulumi_aihw.spec.profile import LoadedProfile
from pulumi_aihw.targets.base import TargetContext
from pulumi_aihw.targets.registry import target_factory, target_kind
from pulumi_aihw.targets.resolve import resolve_workload


class WorkloadArgs(TypedDict, total=False):
    """Inputs of a Workload. Give ``spec_file`` or ``spec``. Values are plain (not
    outputs of other resources): the plan is made while the program runs.

    ``workload_name``, ``region``, ``site``, ``max_usd_per_month`` and ``profile`` override
    the spec before its platform profile applies; stack programs read them from the stack
    config keys the templates prompt for (:func:`pulumi_aihw.workload_args`)."""

    spec_file: str
    """Path of the workload spec (YAML), relative to the program's directory."""
    spec: dict[str, Any]
    """The workload spec as data, with the same fields as the YAML file."""
    objective: str
    """Ranking objective: ``cost`` (default), ``power`` or ``balanced``."""
    lock_file: str
    """Lock file to honour (default: ``aihw.lock.json`` beside the spec file)."""
    catalog_file: str
    """Catalog snapshot to plan against (default: the packaged one, or ``$AIHW_CATALOG``)."""
    deploy: dict[str, Any]
    """Overrides merged over the spec's ``deploy`` section, typically from stack config
    (e.g. ``{"aws": {"subnet_ids": [...], "vpc_id": "vpc-..."}}``)."""
    workload_name: str
    """Replaces the spec's ``name`` (resource names, tags and labels)."""
    region: str
    """Replaces ``placement.regions``: one cloud region, or several comma-separated."""
    site: str
    """Replaces ``placement.sites``: one bare-metal site, or several comma-separated."""
    max_usd_per_month: float
    """Replaces ``constraints.max_usd_per_month`` (at most the platform profile's ceiling)."""
    profile: str
    """Replaces ``extends``: a platform profile path relative to the spec file, or ``none``."""


_FACT_OUTPUTS = (
    "offering",
    "region",
    "units",
    "usd_per_hour",
    "usd_per_month",
    "power_kw",
    "lock_in_level",
)
"""Plan facts the Workload exposes as outputs (names as in ``contracts.candidate_summary``)."""


class Workload(pulumi.ComponentResource):
    """An AI workload: its plan (offering, cost, power, lock-in) and the one target
    component that runs it."""

    offering: pulumi.Output[str]
    """The chosen offering, e.g. ``g6e.xlarge``."""
    region: pulumi.Output[str | None]
    units: pulumi.Output[int]
    """Instances, slices or servers."""
    usd_per_hour: pulumi.Output[float | None]
    usd_per_month: pulumi.Output[float | None]
    power_kw: pulumi.Output[float | None]
    """``None`` where the accelerator's power is not published."""
    lock_in_level: pulumi.Output[str]
    target: pulumi.Output[dict[str, Any]]
    """The target component's own outputs (instance ids, private IPs, ...)."""
    plan: pulumi.Output[dict[str, Any]]
    """The plan summary (``contracts.plan_summary``)."""

    def __init__(
        self, name: str, args: WorkloadArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        resolved = resolve_workload(
            name,
            spec=args.get("spec"),
            spec_file=args.get("spec_file"),
            objective=args.get("objective"),
            lock_file=args.get("lock_file"),
            catalog_file=args.get("catalog_file"),
            deploy=args.get("deploy"),
            overrides=overrides_from_inputs(args, source=f"Workload '{name}' input"),
        )
        spec, chosen = resolved.spec, resolved.chosen
        factory = target_factory(chosen)  # fails before any resource is registered
        summary = contracts.plan_summary(resolved.plan)
        spec_data = spec.model_dump(mode="json")
        properties = {
            contracts.WORKLOAD_SPEC_PROPERTY: spec_data,
            contracts.WORKLOAD_PLAN_PROPERTY: summary,
        }
        profile = source_of(spec).profile
        if isinstance(profile, LoadedProfile):
            properties[contracts.WORKLOAD_PROFILE_PROPERTY] = contracts.profile_summary(
                profile.profile.name, profile.file, profile.profile.policy
            )
        super().__init__(contracts.WORKLOAD_TYPE, name, properties, opts)
        for message in resolved.warnings:
            pulumi.log.warn(message, resource=self)
        tags = contracts.workload_tags(spec.name, chosen.offering.offering, spec.owner, spec.tags)
        result = factory(
            TargetContext(
                name=f"{name}-{target_kind(chosen)}",
                spec=spec,
                plan=resolved.plan,
                chosen=chosen,
                tags=tags,
                parent=self,
            )
        )
        self._expose(spec_data, summary, result.outputs)

    def _expose(
        self, spec_data: dict[str, Any], summary: dict[str, Any], target: dict[str, Any]
    ) -> None:
        """Set the outputs from the plan summary and the target's outputs, and register them.

        The spec and plan are outputs too: a policy pack's stack-level checks (AnalyzeStack)
        see a component's outputs, not its inputs."""
        facts = summary["chosen"]
        self.offering = pulumi.Output.from_input(facts["offering"])
        self.region = pulumi.Output.from_input(facts["region"])
        self.units = pulumi.Output.from_input(facts["units"])
        self.usd_per_hour = pulumi.Output.from_input(facts["usd_per_hour"])
        self.usd_per_month = pulumi.Output.from_input(facts["usd_per_month"])
        self.power_kw = pulumi.Output.from_input(facts["power_kw"])
        self.lock_in_level = pulumi.Output.from_input(facts["lock_in_level"])
        self.target = pulumi.Output.from_input(target)
        self.plan = pulumi.Output.from_input(summary)
        outputs = {k: v for k, v in facts.items() if k in _FACT_OUTPUTS}
        # the target leaf by leaf: its known parts stay known in a preview
        self.register_outputs(
            {
                **outputs,
                "target": target,
                contracts.WORKLOAD_PLAN_PROPERTY: summary,
                contracts.WORKLOAD_SPEC_PROPERTY: spec_data,
            }
        )

    @classmethod
    def from_spec(
        cls,
        name: str,
        spec: WorkloadSpec,
        *,
        objective: str | None = None,
        deploy: dict[str, Any] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> "Workload":
        """A Workload from a spec object already loaded (``pulumi_aihw.load_spec``)."""
        args: dict[str, Any] = {"spec": spec}
        if objective is not None:
            args["objective"] = objective
        if deploy is not None:
            args["deploy"] = deploy
        return cls(name, cast(WorkloadArgs, args), opts)
