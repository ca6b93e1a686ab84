"""The Azure target: GPU VMs (ND, NC, NV series, NVIDIA and AMD) as separate VMs or one VM
Scale Set, in a new or existing network, with secure defaults (docs/azure.md)."""
