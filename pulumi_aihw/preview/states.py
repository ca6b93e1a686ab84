"""How a new resource's state differs from its inputs, per resource type, where Pulumi's
SDK cannot read an echoed input back as the output (the mock engine echoes inputs).

azure-native takes ``identity.userAssignedIdentities`` as a list of ids and returns a map
of id to identity details; echoing the list back fails the SDK's output decoding.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

State = dict[str, Any]


def _identity_map(state: State) -> State:
    identity = state.get("identity")
    if isinstance(identity, dict) and isinstance(identity.get("userAssignedIdentities"), list):
        ids = identity["userAssignedIdentities"]
        state = {**state, "identity": {**identity, "userAssignedIdentities": {}}}
        state["identity"]["userAssignedIdentities"] = {i: {} for i in ids if isinstance(i, str)}
    return state


STATE_SHAPERS: dict[str, Callable[[State], State]] = {
    "azure-native:compute:VirtualMachine": _identity_map,
    "azure-native:compute:VirtualMachineScaleSet": _identity_map,
}
"""Type token -> the state a create returns, from the inputs."""


def initial_state(type_token: str, inputs: State) -> State:
    shaper = STATE_SHAPERS.get(type_token)
    return dict(inputs) if shaper is None else shaper(dict(inputs))
