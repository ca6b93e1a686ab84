"""First-principles sizing: does the model fit, how fast does it run, how many units.

Memory: weights at the precision, the KV cache for inference, model states and
activations for training (sharded across chips). Throughput: decode is memory-
bandwidth bound (each step reads the weights and the KV cache once per batch),
capped by compute; training takes ``k x parameters x tokens`` FLOPs at a model
FLOPs utilisation. Every constant is in :mod:`pulumi_aihw.planner.assumptions`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from pulumi_aihw.catalog.models import Accelerator, Offering
from pulumi_aihw.planner.assumptions import BYTES_PER_PARAM, GIB, KV_BYTES, Assumptions
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.vocab import Phase, Precision


@dataclass(frozen=True, slots=True)
class Shape:
    """The slice of an offering sizing depends on (several offerings share one)."""

    per_unit: float
    multi_node: bool
    unit_kind: str

    @classmethod
    def of(cls, o: Offering) -> Shape:
        return cls(o.accelerators_per_unit, o.multi_node, o.unit_kind)

    @property
    def label(self) -> str:
        return (
            f"{self.unit_kind} ({self.per_unit:g} accelerator{'s' if self.per_unit != 1 else ''})"
        )


class Mem(NamedTuple):
    weights_gib: float
    memory_needed_gib: float
    usable_memory_per_unit_gib: float | None


@dataclass(frozen=True, slots=True)
class Sizing:
    """How many units a candidate needs, and what they deliver. ``None`` = unknown."""

    units: int | None
    accelerators: float | None
    weights_gib: float
    memory_needed_gib: float
    """Inference: one replica holding one full-context sequence. Training: all model
    states and activations, before sharding."""
    usable_memory_per_unit_gib: float | None
    chips_per_replica: float | None = None
    replicas: int | None = None
    batch_per_replica: int | None = None
    tokens_per_second: float | None = None
    """Estimated generated tokens/s of the whole deployment (inference)."""
    time_to_train_hours: float | None = None
    problems: tuple[str, ...] = ()
    """Why this hardware cannot do the job (a rejection reason each)."""
    notes: tuple[str, ...] = ()


def gib(n_bytes: float) -> float:
    return n_bytes / GIB


def pow2(n: int) -> int:
    return 1 if n <= 1 else 1 << (n - 1).bit_length()


def weights_bytes(spec: WorkloadSpec) -> float:
    return spec.model.parameters_billion * 1e9 * BYTES_PER_PARAM[spec.model.precision]


def kv_bytes_per_token(spec: WorkloadSpec, a: Assumptions) -> tuple[float, bool]:
    """KV-cache bytes per token and whether the figure is estimated (no architecture)."""
    per = KV_BYTES[spec.model.precision]
    arch = spec.model.architecture
    if arch is not None:
        return 2 * arch.layers * arch.kv_heads * arch.head_dim * per, False
    anchor_params, anchor_layers = a.layers_anchor
    layers = max(
        1,
        round(anchor_layers * (spec.model.parameters_billion / anchor_params) ** a.layers_exponent),
    )
    return 2 * layers * a.kv_heads_estimate * a.head_dim_estimate * per, True


def peak_tflops(acc: Accelerator, precision: Precision) -> float | None:
    if precision is Precision.FP8 and acc.fp8_dense_tflops is not None:
        return acc.fp8_dense_tflops
    return acc.bf16_dense_tflops


def usable_chip_bytes(acc: Accelerator, a: Assumptions) -> float | None:
    return None if acc.memory_gib is None else acc.memory_gib * GIB * (1 - a.memory_headroom)


@dataclass(frozen=True, slots=True)
class SpecFacts:
    """Spec-only quantities, computed once per plan and shared by every offering."""

    spec: WorkloadSpec
    a: Assumptions
    weights_bytes: float
    seq_bytes: float
    """KV cache of one full-context sequence."""
    kv_estimated: bool
    train_bytes: float
    """Training: model states plus activations, before sharding."""
    train_flops: float | None
    replica_cache: dict[tuple[str, float], tuple[int, float | None]] = field(
        default_factory=dict, compare=False
    )
    """(accelerator, chips per replica) -> (batch, tokens/s per replica), shared by every
    offering of that accelerator."""

    @classmethod
    def of(cls, spec: WorkloadSpec, a: Assumptions) -> SpecFacts:
        p = spec.model.parameters_billion * 1e9
        kv_tok, estimated = kv_bytes_per_token(spec, a)
        if spec.training_method == "lora":
            state = p * (
                BYTES_PER_PARAM[spec.model.precision]
                + a.lora_trainable_fraction * a.training_bytes_per_param_full
            )
            k = a.training_flops_per_param_token_lora
        else:
            state = p * a.training_bytes_per_param_full
            k = a.training_flops_per_param_token_full
        flops = k * p * spec.training.tokens_billion * 1e9 if spec.training else None
        return cls(
            spec,
            a,
            weights_bytes(spec),
            kv_tok * spec.model.context_length_tokens,
            estimated,
            state + p * a.activation_bytes_per_param,
            flops,
        )


def size(
    spec: WorkloadSpec | SpecFacts,
    acc: Accelerator,
    shape: Shape,
    a: Assumptions | None = None,
    pinned_units: int | None = None,
) -> Sizing:
    """Size one accelerator/shape for the spec; ``pinned_units`` fixes the unit count."""
    if isinstance(spec, SpecFacts):
        facts = spec
    else:
        assert a is not None, "assumptions are required with a WorkloadSpec"
        facts = SpecFacts.of(spec, a)
    if facts.spec.phase is Phase.INFERENCE:
        from pulumi_aihw.planner.sizing_inference import size_inference

        return size_inference(facts, acc, shape, pinned_units)
    from pulumi_aihw.planner.sizing_training import size_training

    return size_training(facts, acc, shape, pinned_units)
