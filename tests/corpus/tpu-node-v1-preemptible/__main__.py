"""A preemptible v3-8 Cloud TPU node on the v1 TPU API, peered through Service Networking.

Source: the "Tpu Node Full" Python example of ``gcp.tpu.Node`` in github.com/pulumi/pulumi-gcp,
sdk/python/pulumi_gcp/tpu/node.py at commit 2002bb503df35d6bcb789ae78c698600ceedf4f0
(Apache-2.0). Restated with the example's resources and inputs.

Adaptations to run offline:
- pulumi-gcp 10 dropped ``gcp.tpu.Node`` (Google's provider 7 removed the v1 TPU API), so the
  node is declared as a ``pulumi.CustomResource`` with the same type token
  (``gcp:tpu/node:Node``) and the same input names, as older SDKs register it;
- ``gcp.tpu.get_tensorflow_versions()`` (also removed) becomes the config value
  ``tensorflowVersion``; ``gcp.compute.get_network`` is answered offline.
"""

import pulumi
import pulumi_gcp as gcp


class Node(pulumi.CustomResource):
    """``gcp.tpu.Node`` as pulumi-gcp 9 and earlier register it (type gcp:tpu/node:Node)."""

    def __init__(self, name, opts=None, **inputs):
        props = {
            "acceleratorType": inputs.get("accelerator_type"),
            "cidrBlock": inputs.get("cidr_block"),
            "description": inputs.get("description"),
            "labels": inputs.get("labels"),
            "network": inputs.get("network"),
            "schedulingConfig": inputs.get("scheduling_config"),
            "tensorflowVersion": inputs.get("tensorflow_version"),
            "useServiceNetworking": inputs.get("use_service_networking"),
            "zone": inputs.get("zone"),
            "networkEndpoints": None,
            "serviceAccount": None,
        }
        super().__init__("gcp:tpu/node:Node", name, props, opts)


tensorflow_version = pulumi.Config().require("tensorflowVersion")
network = gcp.compute.get_network(name="default")
service_range = gcp.compute.GlobalAddress(
    "serviceRange",
    purpose="VPC_PEERING",
    address_type="INTERNAL",
    prefix_length=16,
    network=network.id,
)
private_service_connection = gcp.servicenetworking.Connection(
    "privateServiceConnection",
    network=network.id,
    service="servicenetworking.googleapis.com",
    reserved_peering_ranges=[service_range.name],
)
tpu = Node(
    "tpu",
    zone="us-central1-b",
    accelerator_type="v3-8",
    tensorflow_version=tensorflow_version,
    description="Google Provider test TPU",
    use_service_networking=True,
    network=private_service_connection.network,
    labels={"foo": "bar"},
    scheduling_config={"preemptible": True},
)
