"""pulumi_policy's analyzer servicer, unmarshalling each request once instead of once per
policy.

pulumi_policy 1.21's ``Analyze`` and ``AnalyzeStack`` deserialize the request's
properties again for every policy (its ``Remediate`` does it once, outside the loop).
:class:`SharedFactsServicer` runs the same loop with the request unmarshalled once (in one
pass, :func:`~pulumi_aihw.crossguard.policies.unmarshal`), and shares the resource's facts
with every rule (:mod:`pulumi_aihw.crossguard.shared`). Our own policies are called
directly (their :class:`~pulumi_aihw.crossguard.policies.Judge`), with their level and
config indexed once per ``Configure``, and their findings answered as the stock loop
answers what ``validate`` does; other policies go through the stock loop. A resource of a
type no rule reads (not in ``EXTRACTORS``) is answered without unmarshalling it at all,
as the stock loop would answer it: no diagnostic. ``tests/test_crossguard.py`` checks that
the responses equal the stock servicer's. The loop relies on the servicer's private
helpers, which is why pulumi-policy is pinned exactly.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from inspect import isawaitable
from typing import Any

from google.protobuf import json_format
from pulumi.runtime import proto
from pulumi_policy import EnforcementLevel, Policy, StackValidationArgs, StackValidationPolicy
from pulumi_policy.deserialize import deserialize_properties
from pulumi_policy.policy import (
    PolicyResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    _NotApplicableError,
    _PolicyAnalyzerServicer,
)
from pulumi_policy.proxy import UnknownValueError, unknown_checking_proxy

from pulumi_aihw import __version__
from pulumi_aihw.crossguard import shared
from pulumi_aihw.crossguard.policies import (
    Judge,
    RulePolicy,
    RuleStackPolicy,
    not_applicable_reason,
    plain,
    stack_resources,
    unevaluated_reason,
    unmarshal,
)
from pulumi_aihw.rules.facts.registry import EXTRACTORS, ResourceFacts
from pulumi_aihw.rules.model import Finding, Resource, Status

PACK_NAME = "aihw"
PACK_VERSION = __version__
PACK_DESCRIPTION = (
    "Lock-in, power and cost risks of AI hardware (GPUs, TPUs, Inferentia, Trainium, bare "
    "metal), for pulumi-aihw Workload components and hand-written resources."
)


@dataclass(frozen=True)
class _Entry:
    policy: Policy
    level: EnforcementLevel
    config: Any
    judge: Judge | None
    """Set for our own policies: called directly with the shared resource and facts."""


class SharedFactsServicer(_PolicyAnalyzerServicer):
    """The stock servicer, with each request unmarshalled once and facts shared."""

    def __init__(self, policies: list[Policy]) -> None:
        super().__init__(
            PACK_NAME, PACK_VERSION, policies, EnforcementLevel.ADVISORY, None, PACK_DESCRIPTION
        )
        self._index: list[_Entry] | None = None

    def Configure(self, request: Any, context: Any) -> Any:  # the gRPC method name
        self._index = None  # levels and config change: index the policies again
        return super().Configure(request, context)  # type: ignore[no-untyped-call]

    def _resource_policies(self) -> list[_Entry]:
        """The enabled resource policies with their level and config, indexed once per
        configuration (every one of them reads every resource type in ``EXTRACTORS``)."""
        if self._index is None:
            self._index = [
                _Entry(
                    policy,
                    level,
                    self._get_policy_config(policy.name),
                    policy.judge if isinstance(policy, RulePolicy) else None,
                )
                for policy, level in self._levels(ResourceValidationPolicy)
            ]
        return self._index

    @property
    def _policies(self) -> list[Policy]:
        return self._PolicyAnalyzerServicer__policies  # type: ignore[attr-defined,no-any-return]

    def _run(self, policy: Policy, args: Any, response: Any, level: EnforcementLevel) -> None:
        report = self._create_report_violation(
            response, policy.name, policy.description, level, policy.severity
        )
        try:
            result = policy.validate(args, report)  # type: ignore[attr-defined]
            if isawaitable(result):
                loop = asyncio.new_event_loop()
                loop.run_until_complete(asyncio.Task(result, loop=loop))  # type: ignore[arg-type]
                loop.close()
        except UnknownValueError as e:
            response.diagnostics.append(self._cant_run(policy, e.message))
        except _NotApplicableError as e:
            response.not_applicable.append(
                proto.PolicyNotApplicable(policy_name=policy.name, reason=e.reason or "")
            )

    def _levels(self, kind: type) -> list[tuple[Policy, EnforcementLevel]]:
        """The enabled policies of ``kind``, with remediate acting as mandatory."""
        out = []
        for policy in self._policies:
            level = self._get_enforcement_level(policy)
            if level == EnforcementLevel.DISABLED or not isinstance(policy, kind):
                continue
            if level == EnforcementLevel.REMEDIATE:
                level = EnforcementLevel.MANDATORY
            out.append((policy, level))
        return out

    @property
    def _stack_tags(self) -> Any:
        return self._PolicyAnalyzerServicer__stack_tags  # type: ignore[attr-defined]

    def Analyze(self, request: Any, _context: Any) -> Any:  # the gRPC method name
        self._configure_runtime_settings()  # type: ignore[no-untyped-call]
        response = proto.AnalyzeResponse()
        if request.type not in EXTRACTORS:
            return response  # every policy would find no hardware: no diagnostic
        opts = self._get_resource_options(request)
        resource = Resource(
            request.urn,
            request.type,
            request.name,
            opts.parent,
            unmarshal(request.properties),
            provider=_provider_props(request),
        )
        common = shared.SharedResource(resource)
        facts: ResourceFacts | None = None
        with shared.analyzing(common):
            for entry in self._resource_policies():
                policy, level, judge = entry.policy, entry.level, entry.judge
                if judge is not None:
                    if facts is None:
                        facts = common.facts_for(judge.context())
                    found = judge(resource, facts, entry.config)
                    if found is not None:
                        self._answer(response, entry, found)
                    continue
                if not policy.has_validation():  # type: ignore[attr-defined]
                    response.not_applicable.append(
                        proto.PolicyNotApplicable(
                            policy_name=policy.name, reason="Policy does not implement validate"
                        )
                    )
                    continue
                args = ResourceValidationArgs(
                    request.type,
                    unknown_checking_proxy(
                        deserialize_properties(json_format.MessageToDict(request.properties))
                    ),
                    request.urn,
                    request.name,
                    opts,
                    self._get_provider_resource(request),
                    self._get_policy_config(policy.name),
                    self._stack_tags,
                )
                self._run(policy, args, response, level)
        return response

    def _answer(self, response: Any, entry: _Entry, found: Finding) -> None:
        """What the stock loop makes of the policy's ``validate`` for ``found``: a violation
        reported, "can't run" during preview, or not applicable with the reason."""
        policy = entry.policy
        if found.status is Status.VIOLATION and entry.judge is not None:
            report = self._create_report_violation(
                response, policy.name, policy.description, entry.level, policy.severity
            )
            report(entry.judge.message(found), None)
        elif found.status is Status.NOT_EVALUATED:
            response.diagnostics.append(self._cant_run(policy, unevaluated_reason(found)))
        elif found.status is not Status.PASSED:
            response.not_applicable.append(
                proto.PolicyNotApplicable(
                    policy_name=policy.name, reason=not_applicable_reason(found)
                )
            )

    def _cant_run(self, policy: Policy, reason: str) -> Any:
        """The stock loop's diagnostic for a value unknown during preview."""
        return proto.AnalyzeDiagnostic(
            policyName=policy.name,
            policyPackName=PACK_NAME,
            policyPackVersion=PACK_VERSION,
            message=(
                f"can't run policy '{policy.name}' from policy pack "
                f"'{PACK_NAME}@v{PACK_VERSION}' during preview: {reason}"
            ),
            urn="",
            description=policy.description,
            enforcementLevel=self._map_enforcement_level(EnforcementLevel.ADVISORY),
        )

    def AnalyzeStack(self, request: Any, _context: Any) -> Any:  # the gRPC method name
        self._configure_runtime_settings()  # type: ignore[no-untyped-call]
        response = proto.AnalyzeResponse()
        entries = self._levels(StackValidationPolicy)
        if all(isinstance(policy, RuleStackPolicy) for policy, _ in entries):
            # our stack policies read the shared resources, not the SDK's PolicyResources
            policy_resources: list[PolicyResource] = []
            resources = _plain_resources(request)
        else:
            policy_resources, props = self._stack_resources(request)
            resources = stack_resources(policy_resources, props)
        with shared.analyzing_stack(shared.SharedStack(resources)):
            for policy, level in entries:
                config = self._get_policy_config(policy.name)
                args = StackValidationArgs(policy_resources, config, self._stack_tags)
                self._run(policy, args, response, level)
        return response

    def _stack_resources(self, request: Any) -> tuple[list[PolicyResource], list[Any]]:
        """The request's resources as the stock ``AnalyzeStack`` builds them (once), and
        their properties as plain data."""
        by_urn: dict[str, PolicyResource] = {}
        plain_props_of: list[Any] = []
        links: list[tuple[PolicyResource, str, list[str], dict[str, list[str]]]] = []
        for r in request.resources:
            deserialized = deserialize_properties(json_format.MessageToDict(r.properties))
            plain_props_of.append(plain(deserialized))
            props = unknown_checking_proxy(deserialized)
            opts = self._get_resource_options(r)
            provider = self._get_provider_resource(r)
            res = PolicyResource(r.type, props, r.urn, r.name, opts, provider, None, [], {})
            by_urn[r.urn] = res
            prop_deps = {k: list(v.urns) for k, v in r.propertyDependencies.items()}
            links.append((res, r.parent, list(r.dependencies), prop_deps))
        for res, parent, dep_urns, prop_deps in links:
            if parent and parent in by_urn:
                res.parent = by_urn[parent]
            res.dependencies.extend(by_urn[d] for d in dep_urns if d in by_urn)
            for k, urns in prop_deps.items():
                res.property_dependencies[k] = [by_urn[d] for d in urns if d in by_urn]
        return [res for res, *_ in links], plain_props_of


def _provider_props(request: Any) -> dict[str, Any]:
    """The request's provider properties as plain data (the SDK's ``provider.props``)."""
    return unmarshal(request.provider.properties) if request.HasField("provider") else {}


def _plain_resources(request: Any) -> list[Resource]:
    """The request's resources as :func:`stack_resources` makes them from the SDK's
    ``PolicyResource``s (parent and dependencies only where in the request)."""
    urns = {r.urn for r in request.resources}
    return [
        Resource(
            r.urn,
            r.type,
            r.name,
            r.parent if r.parent in urns else None,
            unmarshal(r.properties),
            tuple(d for d in r.dependencies if d in urns),
            _provider_props(r),
        )
        for r in request.resources
    ]


def analyzer(policies: list[Policy]) -> SharedFactsServicer:
    """The pack's analyzer servicer over ``policies``: what PolicyPack serves, with each
    request unmarshalled once and each resource's facts shared by every rule."""
    return SharedFactsServicer(policies)
