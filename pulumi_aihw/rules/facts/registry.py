"""Which resource types carry hardware, and how to read each: an explicit registry."""

from __future__ import annotations

from collections.abc import Callable

from pulumi_aihw.contracts import WORKLOAD_TYPE
from pulumi_aihw.rules.facts import (
    aws,
    aws_eks,
    aws_fleets,
    aws_ml,
    azure,
    gcp,
    gke,
    kubernetes,
    workload,
)
from pulumi_aihw.rules.facts.hardware import Hardware
from pulumi_aihw.rules.model import Context, NotApplicable, Resource, Unevaluable

Extractor = Callable[[Resource, Context], "Hardware | None"]

EXTRACTORS: dict[str, Extractor] = {
    WORKLOAD_TYPE: workload.workload,
    "aws:ec2/instance:Instance": aws.instance,
    "aws:ec2/launchTemplate:LaunchTemplate": aws.launch_template,
    "aws:autoscaling/group:Group": aws.autoscaling_group,
    "aws:ec2/fleet:Fleet": aws.fleet,
    "aws:ec2/capacityBlockReservation:CapacityBlockReservation": aws.capacity_block,
    "aws:ec2/capacityReservation:CapacityReservation": aws_fleets.capacity_reservation,
    "aws:ec2/spotInstanceRequest:SpotInstanceRequest": aws_fleets.spot_instance_request,
    "aws:ec2/spotFleetRequest:SpotFleetRequest": aws_fleets.spot_fleet_request,
    "aws:ec2/launchConfiguration:LaunchConfiguration": aws_fleets.launch_configuration,
    "aws:batch/computeEnvironment:ComputeEnvironment": aws_fleets.batch_compute_environment,
    "aws:eks/nodeGroup:NodeGroup": aws_eks.node_group,
    "eks:index:ManagedNodeGroup": aws_eks.managed_node_group,
    "eks:index:NodeGroup": aws_eks.self_managed_node_group,
    "eks:index:NodeGroupV2": aws_eks.self_managed_node_group,
    "eks:index:Cluster": aws_eks.cluster,
    "aws:sagemaker/endpointConfiguration:EndpointConfiguration": aws_ml.endpoint_configuration,
    "aws:sagemaker/notebookInstance:NotebookInstance": aws_ml.notebook_instance,
    "kubernetes:karpenter.sh/v1:NodePool": kubernetes.node_pool,
    "kubernetes:karpenter.sh/v1beta1:NodePool": kubernetes.node_pool,
    "gcp:tpu/v2Vm:V2Vm": gcp.tpu_vm,
    "gcp:tpu/v2QueuedResource:V2QueuedResource": gcp.tpu_queued,
    "gcp:tpu/node:Node": gcp.tpu_node,
    "gcp:container/nodePool:NodePool": gke.node_pool,
    "gcp:container/cluster:Cluster": gke.cluster,
    "gcp:compute/reservation:Reservation": gcp.reservation,
    "gcp:compute/instance:Instance": gcp.vm,
    "gcp:compute/instanceTemplate:InstanceTemplate": gcp.instance_template,
    "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate": gcp.instance_template,
    "gcp:compute/instanceGroupManager:InstanceGroupManager": gcp.group_manager,
    "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager": gcp.group_manager,
    "gcp:compute/regionCommitment:RegionCommitment": gcp.commitment,
    "azure-native:compute:VirtualMachine": azure.vm,
    "azure-native:compute:VirtualMachineScaleSet": azure.scale_set,
    "azure-native:containerservice:AgentPool": azure.agent_pool,
    "azure-native:containerservice:ManagedCluster": azure.managed_cluster,
}
"""Resource type token -> the function that reads its hardware facts."""

PROVIDER_PACKAGES: dict[str, str] = {"aws": "aws", "gcp": "gcp", "azure": "azure-native"}
"""Provider -> the Pulumi package whose type tokens (``<package>:...``) its resources carry."""


def qualified_types(urn: str | None) -> list[str]:
    """The type chain a URN carries (``parent$child``), outermost first."""
    if not urn:
        return []
    parts = urn.split("::")
    return parts[2].split("$") if len(parts) >= 4 else []


def inside_workload(r: Resource) -> bool:
    """True when a Workload component made ``r`` (the component itself is not inside).

    The engine's URNs carry every ancestor's type; Pulumi's mock engine keeps only the
    parent's, so the parent URN is looked at too.
    """
    own = qualified_types(r.urn)[:-1]
    return WORKLOAD_TYPE in own or WORKLOAD_TYPE in qualified_types(r.parent)


def hardware_of(r: Resource, ctx: Context) -> Hardware | None:
    """The hardware ``r`` deploys, or ``None`` (no accelerator, or a Workload's child).

    Raises :class:`~pulumi_aihw.rules.model.Unevaluable` when a value that decides it is
    unknown during preview, and :class:`~pulumi_aihw.rules.model.NotApplicable` when a
    Workload component carries no usable plan.
    """
    extractor = EXTRACTORS.get(r.type)
    if extractor is None or inside_workload(r):
        return None
    return extractor(r, ctx)


class ResourceFacts:
    """:func:`hardware_of` for one resource, extracted once and shared by every rule (the
    same result, or the same :class:`Unevaluable`/:class:`NotApplicable`, each time)."""

    def __init__(self, resource: Resource, ctx: Context) -> None:
        self.resource = resource
        self.ctx = ctx
        self._done = False
        self._hardware: Hardware | None = None
        self._error: Exception | None = None

    def hardware(self) -> Hardware | None:
        if not self._done:
            try:
                self._hardware = hardware_of(self.resource, self.ctx)
            except (Unevaluable, NotApplicable) as exc:
                self._error = exc
            self._done = True
        if self._error is not None:
            raise self._error
        return self._hardware
