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
    Precision.FP4: 0.5,
    Precision.INT4: 0.5,
}
"""Bytes per weight (or KV-cache element) at each precision (block scales not counted)."""

SIXTEEN_BIT = frozenset({Precision.FP32, Precision.BF16, Precision.FP16})
"""Weight precisions whose KV cache defaults to the same precision; below 16 bits the
default KV cache stays 16-bit (vLLM's ``kv_cache_dtype: auto``), unless the spec sets
``model.kv_cache_precision``."""


@dataclass(frozen=True)
class Assumptions:
    """Efficiency and overhead assumptions (all overridable)."""

    memory_headroom: float = 0.15
    """Fraction of accelerator memory kept free for runtime buffers and fragmentation
    (sizing.md: 10-20%)."""
    bandwidth_efficiency: float = 0.60
    """Fallback achieved fraction of datasheet memory bandwidth during decode, used only
    with a catalog that carries no fitted efficiency factors (docs/sizing.md)."""
    compute_efficiency: float = 0.40
    """Fallback fraction of dense peak for prefill and training, likewise."""
    default_prompt_tokens: int = 1000
    default_output_tokens: int = 1000
    """Request shape when the spec gives none: 1,000 prompt and 1,000 output tokens
    (TensorRT-LLM's benchmark point; an assumption, not a property of your workload),
    scaled down to fit ``model.context_length_tokens``."""
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
    activation_checkpointing: bool = True
    """Keep only each layer's input for the backward pass and recompute the rest."""
    training_sequences_in_flight: int = 1
    """Sequences whose activations are held at once (micro-batch); sizes activation memory
    at ``model.context_length_tokens`` tokens each."""
    lora_trainable_fraction: float = 0.01
    """LoRA trains adapters of about 1% of the parameters."""
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
