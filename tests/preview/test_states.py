"""A create's answer where the provider's output shape differs from its inputs: azure-native
takes a VM's user-assigned identities as a list and returns a map. Both engines (the
in-process mocks and the isolated program's resource monitor) answer with the map."""

from __future__ import annotations

from pulumi.runtime import rpc

from pulumi_aihw.preview.monitor import created_state, plain_struct, to_struct
from pulumi_aihw.preview.states import initial_state

VM = "azure-native:compute:VirtualMachine"
IDS = ["/subscriptions/s/rg/identity-a", rpc.UNKNOWN]


def test_identity_list_becomes_the_map_the_sdk_decodes() -> None:
    inputs = {"identity": {"type": "UserAssigned", "userAssignedIdentities": IDS}, "x": 1}
    state = initial_state(VM, inputs)
    assert state["identity"]["userAssignedIdentities"] == {i: {} for i in IDS}
    assert state["x"] == 1 and inputs["identity"]["userAssignedIdentities"] == IDS  # a copy
    other = {"identity": {"userAssignedIdentities": IDS}}
    assert initial_state("aws:ec2/instance:Instance", other) == other  # no shaper: an echo


def test_the_isolated_monitor_answers_with_the_same_shape() -> None:
    inputs = to_struct({"identity": {"userAssignedIdentities": IDS}, "location": "eastus"})
    answered = created_state(VM, inputs)
    assert (
        answered.fields["identity"]
        .struct_value.fields["userAssignedIdentities"]
        .HasField("struct_value")
    )
    assert plain_struct(answered)["location"] == "eastus"
    assert created_state("aws:ec2/instance:Instance", inputs) is inputs  # echoed as sent
