"""Every efficiency and overhead figure the planner assumes, in one place.

These are first-principles estimates (docs: ../README.md#sizing). Users compare
them with their own measurements; pass a modified :class:`Assumptions` to
:func:`pulumi_aihw.planner.plan` to use theirs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pulumi_aihw.vocab import Precision

GIB = 1024**3
HOURS_PER_MONTH = 730.0
"""Average hours in a month (8,760 / 12), as cloud bills use."""
DAYS_PER_MONTH = HOURS_PER_MONTH / 24

BYTES_PER_PARAM: dict[Precision, float] = {
    Precision.FP32: 4.0,
    Precision.BF16: 2.0,
    Precision.FP16: 2.0,
    Precision.FP8: 1.0,
    Precision.INT8: 1.0,
    Precision.INT4: 0.5,
}
"""Weight bytes per parameter at each precision."""

KV_BYTES: dict[Precision, float] = {
    Precision.FP32: 4.0,
    Precision.BF16: 2.0,
    Precision.FP16: 2.0,
    Precision.FP8: 1.0,
    Precision.INT8: 2.0,
    Precision.INT4: 2.0,
}
"""KV-cache bytes per element: weight-only int8/int4 quantization keeps a 16-bit cache."""


@dataclass(frozen=True)
class Assumptions:
    """Efficiency and overhead assumptions (all overridable)."""

    memory_headroom: float = 0.15
    """Fraction of accelerator memory kept free for runtime buffers and fragmentation
    (sizing.md: 10-20%)."""
    bandwidth_efficiency: float = 0.60
    """Achieved fraction of datasheet memory bandwidth during decode."""
    compute_efficiency: float = 0.40
    """Model FLOPs utilisation (achieved fraction of dense peak) for training and prefill."""
    avg_context_fill: float = 0.5
    """Average fraction of the context length a sequence holds while decoding."""
    max_batch_per_replica: int = 256
    """Upper bound on concurrent sequences per replica (vLLM's default max_num_seqs)."""
    max_units_per_replica: int = 4
    """A model replica may span at most this many instances/servers (pipeline parallel),
    and only on multi-node offerings."""
    max_units: int = 10_000
    """Candidates needing more units than this are rejected as unable to meet demand."""
    kv_heads_estimate: int = 8
    head_dim_estimate: int = 128
    """Without ``model.architecture``: grouped-query attention with 8 KV heads of dim 128."""
    layers_anchor: tuple[float, float] = (8.0, 32.0)
    layers_exponent: float = 0.4
    """Without ``model.architecture``: layers = 32 x (params / 8B) ^ 0.4, anchored on
    Llama-3-8B (32 layers) and close to Llama-3-70B (80; estimate 76)."""
    training_bytes_per_param_full: float = 16.0
    """Full training with Adam in mixed precision: bf16 weights (2) and gradients (2),
    fp32 master weights (4) and two fp32 moments (8)."""
    activation_bytes_per_param: float = 2.0
    """Activations with activation checkpointing, per parameter (sizing.md: 16-18 bytes
    per parameter in all for full training)."""
    lora_trainable_fraction: float = 0.01
    """LoRA trains adapters of about 1% of the parameters."""
    training_flops_per_param_token_full: float = 6.0
    """Full training: 6 x parameters FLOPs per token (forward 2, backward 4)."""
    training_flops_per_param_token_lora: float = 4.0
    """LoRA: no weight gradients for frozen weights, about 4 x parameters per token."""
    host_watts_per_vcpu: float = 10.0
    """Host power beyond the accelerators (CPUs, memory, NICs, fans, PSU losses) per
    vCPU: a 192-vCPU GPU server draws about 1.9 kW besides its accelerators."""
    default_host_vcpus: float = 192.0
    """vCPUs assumed per host where the catalog does not give them (TPU hosts, rented
    servers)."""
    min_host_watts: float = 100.0
    """Floor on host overhead per unit (small VM slices of a host)."""
    balanced_weights: dict[str, float] = field(
        default_factory=lambda: {"cost": 0.5, "power": 0.3, "lock_in": 0.2}
    )
    """Weights of the balanced objective's score terms."""
    lock_in_penalty: dict[str, float] = field(
        default_factory=lambda: {"none": 0.0, "low": 0.1, "medium": 0.5, "high": 1.0}
    )
    """Balanced-objective penalty per lock-in level (doubled when portability is preferred)."""


DEFAULT_ASSUMPTIONS = Assumptions()
