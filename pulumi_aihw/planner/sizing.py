"""Sizing: does the model fit, how fast does it run, how many units.

Memory: weights at the precision, the KV cache for inference, model states and
activations for training (sharded across chips). Throughput and time to train come
from :mod:`pulumi_aihw.planner.perf` with the efficiency factors the catalog carries
for the accelerator's family (:mod:`pulumi_aihw.planner.efficiency`); every estimate
has a range from that family's calibration residuals. Constants are in
:mod:`pulumi_aihw.planner.assumptions`; docs/sizing.md explains the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from pulumi_aihw.catalog.models import Accelerator, Efficiency, Offering
from pulumi_aihw.planner.assumptions import BYTES_PER_PARAM, GIB, SIXTEEN_BIT, Assumptions
from pulumi_aihw.planner.perf import (
    ModelShape,
    Rate,
    Requests,
    activation_bytes,
    estimated_hidden,
    training_flops_per_token,
)
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.vocab import Phase, Precision

OPTIMISTIC = "met only at the optimistic end of the estimate"
"""Wording of the warning on a demand or deadline only the optimistic end of the
calibrated range meets (shown by plan reports, read by AIHW-COST-006)."""


def optimistic_warnings(warnings: tuple[str, ...] | list[str]) -> list[str]:
    return [w for w in warnings if OPTIMISTIC in w]


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
    states plus the activations of the sequences in flight, before sharding."""
    usable_memory_per_unit_gib: float | None
    chips_per_replica: float | None = None
    replicas: int | None = None
    batch_per_replica: int | None = None
    tokens_per_second: float | None = None
    """Estimated generated tokens/s of the whole deployment (inference)."""
    time_to_train_hours: float | None = None
    tokens_per_second_range: tuple[float, float] | None = None
    """10th-90th percentile of what the estimate's family measured, relative to it."""
    time_to_train_hours_range: tuple[float, float] | None = None
    time_to_first_token_ms: float | None = None
    """Mean, at the chosen batch (estimate)."""
    time_per_output_token_ms: float | None = None
    estimate_basis: str | None = None
    """Calibrated (on how many measured results of which family) or uncalibrated."""
    problems: tuple[str, ...] = ()
    """Why this hardware cannot do the job (a rejection reason each)."""
    notes: tuple[str, ...] = ()


def gib(n_bytes: float) -> float:
    return n_bytes / GIB


def pow2(n: int) -> int:
    return 1 if n <= 1 else 1 << (n - 1).bit_length()


def weights_bytes(spec: WorkloadSpec) -> float:
    return spec.model.parameters_billion * 1e9 * BYTES_PER_PARAM[spec.model.precision]


def kv_precision(spec: WorkloadSpec) -> Precision:
    """The spec's KV-cache precision; by default the weights' at 16 bits and more, else
    16-bit (an fp8 or int4 model keeps a bf16 cache unless told otherwise)."""
    if spec.model.kv_cache_precision is not None:
        return spec.model.kv_cache_precision
    weights = spec.model.precision
    return weights if weights in SIXTEEN_BIT else Precision.BF16


def _layers(spec: WorkloadSpec, a: Assumptions) -> tuple[int, bool]:
    arch = spec.model.architecture
    if arch is not None:
        return arch.layers, False
    anchor_params, anchor_layers = a.layers_anchor
    ratio = spec.model.parameters_billion / anchor_params
    return max(1, round(anchor_layers * ratio**a.layers_exponent)), True


def kv_bytes_per_token(spec: WorkloadSpec, a: Assumptions) -> tuple[float, bool]:
    """KV-cache bytes per token and whether the figure is estimated (no architecture)."""
    per = BYTES_PER_PARAM[kv_precision(spec)]
    arch = spec.model.architecture
    if arch is not None:
        return 2 * arch.layers * arch.kv_heads * arch.head_dim * per, False
    layers, _ = _layers(spec, a)
    return 2 * layers * a.kv_heads_estimate * a.head_dim_estimate * per, True


def peak_tflops(acc: Accelerator, precision: Precision) -> tuple[float | None, str | None]:
    """Dense peak at ``precision`` and a note where a higher-precision peak stands in."""
    bf16 = acc.bf16_dense_tflops
    if precision is Precision.FP4:
        for value, name in ((acc.fp4_dense_tflops, None), (acc.fp8_dense_tflops, "FP8")):
            if value is not None:
                return value, None if name is None else _stand_in("FP4", name, acc)
        return bf16, None if bf16 is None else _stand_in("FP4", "BF16", acc)
    if precision is Precision.FP8:
        if acc.fp8_dense_tflops is not None:
            return acc.fp8_dense_tflops, None
        return bf16, None if bf16 is None else _stand_in("FP8", "BF16", acc)
    if precision is Precision.INT8:
        if acc.int8_dense_tops is not None:
            return acc.int8_dense_tops, None
        return bf16, None if bf16 is None else _stand_in("INT8", "BF16", acc)
    return bf16, None


def _stand_in(want: str, used: str, acc: Accelerator) -> str:
    return f"{want} peak unknown for {acc.name}: computed at its {used} peak"


def usable_chip_bytes(acc: Accelerator, a: Assumptions) -> float | None:
    return None if acc.memory_gib is None else acc.memory_gib * GIB * (1 - a.memory_headroom)


def _requests(spec: WorkloadSpec, a: Assumptions) -> tuple[Requests, tuple[str, ...]]:
    """Prompt and output lengths (the spec's, or the documented defaults) and objectives."""
    d = spec.demand
    prompt = d.prompt_tokens_per_request if d and d.prompt_tokens_per_request else None
    output = d.tokens_per_request if d and d.tokens_per_request else None
    notes: list[str] = []
    if prompt is None or output is None:
        notes.append(
            f"request shape assumed: {prompt or a.default_prompt_tokens:,} prompt and "
            f"{output or a.default_output_tokens:,} output tokens (set "
            "demand.prompt_tokens_per_request and demand.tokens_per_request)"
        )
    p = float(prompt or a.default_prompt_tokens)
    o = float(output or a.default_output_tokens)
    context = spec.model.context_length_tokens
    if p + o > context:
        scale = context / (p + o)
        p, o = max(1.0, p * scale), max(1.0, o * scale)
        notes.append(f"request shape scaled to the {context:,}-token context: {p:,.0f} + {o:,.0f}")
    ttft = d.max_time_to_first_token_ms / 1000 if d and d.max_time_to_first_token_ms else None
    tpot = d.max_time_per_output_token_ms / 1000 if d and d.max_time_per_output_token_ms else None
    return Requests(p, o, ttft, tpot), tuple(notes)


@dataclass(frozen=True, slots=True)
class SpecFacts:
    """Spec-only quantities, computed once per plan and shared by every offering."""

    spec: WorkloadSpec
    a: Assumptions
    efficiency: Efficiency | None
    model: ModelShape
    requests: Requests
    request_notes: tuple[str, ...]
    seq_bytes: float
    """KV cache of one full-context sequence."""
    kv_estimated: bool
    train_bytes: float
    """Training: model states plus activations, before sharding."""
    train_flops: float | None
    replica_cache: dict[tuple[str, float], tuple[Rate | None, str]] = field(
        default_factory=dict, compare=False
    )
    """(accelerator, chips per replica) -> a replica's batch and rate, shared by every
    offering of that accelerator."""
    accelerator_cache: dict[str, Any] = field(default_factory=dict, compare=False)
    """Accelerator id -> its efficiency factors and notes for this spec (inference)."""

    @property
    def weights_bytes(self) -> float:
        return self.model.weight_bytes

    @property
    def lora(self) -> bool:
        return self.spec.training_method == "lora"

    @classmethod
    def of(
        cls, spec: WorkloadSpec, a: Assumptions, efficiency: Efficiency | None = None
    ) -> SpecFacts:
        p = spec.model.parameters_billion * 1e9
        kv_tok, estimated = kv_bytes_per_token(spec, a)
        layers, _ = _layers(spec, a)
        model = ModelShape(p, weights_bytes(spec), kv_tok, layers, estimated_hidden(p, layers))
        requests, notes = _requests(spec, a)
        seq = spec.model.context_length_tokens
        if spec.training_method == "lora":
            state = p * (
                BYTES_PER_PARAM[spec.model.precision]
                + a.lora_trainable_fraction * a.training_bytes_per_param_full
            )
        else:
            state = p * a.training_bytes_per_param_full
        acts = activation_bytes(model, seq, a.activation_checkpointing)
        flops = None
        if spec.training:
            per_token = training_flops_per_token(model, seq, spec.training_method == "lora")
            flops = per_token * spec.training.tokens_billion * 1e9
        return cls(
            spec,
            a,
            efficiency,
            model,
            requests,
            notes,
            kv_tok * seq,
            estimated,
            state + acts * a.training_sequences_in_flight,
            flops,
        )


def size(
    spec: WorkloadSpec | SpecFacts,
    acc: Accelerator,
    shape: Shape,
    a: Assumptions | None = None,
    pinned_units: int | None = None,
    efficiency: Efficiency | None = None,
) -> Sizing:
    """Size one accelerator/shape for the spec; ``pinned_units`` fixes the unit count."""
    if isinstance(spec, SpecFacts):
        facts = spec
    else:
        assert a is not None, "assumptions are required with a WorkloadSpec"
        facts = SpecFacts.of(spec, a, efficiency)
    if facts.spec.phase is Phase.INFERENCE:
        from pulumi_aihw.planner.sizing_inference import size_inference

        return size_inference(facts, acc, shape, pinned_units)
    from pulumi_aihw.planner.sizing_training import size_training

    return size_training(facts, acc, shape, pinned_units)
