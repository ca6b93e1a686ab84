"""First-principles sizing: does the model fit, how fast does it run, how many units.

Memory: weights at the precision, the KV cache for inference, model states and
activations for training (sharded across chips). Throughput: decode is memory-
bandwidth bound (each step reads the weights and the KV cache once per batch),
capped by compute; training takes ``k x parameters x tokens`` FLOPs at a model
FLOPs utilisation. Every constant is in :mod:`pulumi_aihw.planner.assumptions`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

from pulumi_aihw.catalog.models import Accelerator, Offering
from pulumi_aihw.catalog.tpu import generation_for
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


class _Mem(NamedTuple):
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


def _gib(n_bytes: float) -> float:
    return n_bytes / GIB


def _pow2(n: int) -> int:
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
        return _inference(facts, acc, shape, pinned_units)
    return _training(facts, acc, shape, pinned_units)


_KV_NOTE = ("KV cache estimated from the parameter count (no model.architecture)",)


def _inference(f: SpecFacts, acc: Accelerator, shape: Shape, pinned: int | None) -> Sizing:
    spec, a = f.spec, f.a
    w, seq = f.weights_bytes, f.seq_bytes
    need = w + seq
    notes: tuple[str, ...] = _KV_NOTE if f.kv_estimated else ()
    mem = _Mem(_gib(w), _gib(need), None)
    chip = usable_chip_bytes(acc, a)
    if chip is None:
        return Sizing(
            None,
            None,
            *mem,
            problems=(f"memory unknown: no memory size for {acc.name}",),
        )
    unit_bytes = chip * shape.per_unit
    mem = mem._replace(usable_memory_per_unit_gib=_gib(unit_bytes))
    # Chips one replica spans: the smallest power of two holding weights + one sequence.
    if shape.per_unit < 1:
        chips = shape.per_unit
        units_per_replica = 1
        if need > unit_bytes:
            return _no_fit(mem, need, shape, unit_bytes, "replicas cannot span fractional GPUs")
    else:
        chips = float(_pow2(math.ceil(need / chip)))
        units_per_replica = 1 if chips <= shape.per_unit else math.ceil(chips / shape.per_unit)
        if units_per_replica > 1:
            if shape.unit_kind == "slice":
                return _no_fit(mem, need, shape, unit_bytes, "a larger slice may fit")
            if not shape.multi_node:
                return _no_fit(mem, need, shape, unit_bytes, "this offering cannot span nodes")
            if units_per_replica > a.max_units_per_replica:
                return _no_fit(
                    mem,
                    need,
                    shape,
                    unit_bytes,
                    f"a replica may span at most {a.max_units_per_replica} units",
                )
            chips = units_per_replica * shape.per_unit
    batch = int(min(a.max_batch_per_replica, (chips * chip - w) // seq))
    replicas_per_unit = (
        1 if units_per_replica > 1 or shape.per_unit < 1 else int(shape.per_unit // chips)
    )
    tps = _replica_tokens_per_second(spec, acc, chips, batch, w, seq, a)
    if tps is None:
        notes = (*notes, f"throughput unknown: memory bandwidth unknown for {acc.name}")
    elif peak_tflops(acc, spec.model.precision) is None:
        notes = (*notes, f"compute ceiling not applied: TFLOPS unknown for {acc.name}")
    demand = spec.demand
    problems: list[str] = []
    if pinned is not None:
        units = pinned
    elif demand is None:
        units = units_per_replica
    elif tps is None:
        return Sizing(
            None,
            None,
            *mem,
            chips_per_replica=chips,
            batch_per_replica=batch,
            notes=notes,
            problems=(f"cannot estimate throughput: memory bandwidth unknown for {acc.name}",),
        )
    else:
        replicas = max(1, math.ceil(demand.total_tokens_per_second / tps))
        if demand.concurrent_requests:
            replicas = max(replicas, math.ceil(demand.concurrent_requests / batch))
        units = (
            replicas * units_per_replica
            if units_per_replica > 1
            else math.ceil(replicas / replicas_per_unit)
        )
    if units_per_replica > units:
        return _no_fit(
            mem,
            need,
            shape,
            unit_bytes * units,
            f"the pin gives {units} unit(s), a replica needs {units_per_replica}",
        )
    replicas = units // units_per_replica if units_per_replica > 1 else units * replicas_per_unit
    total = None if tps is None else replicas * tps
    if units > a.max_units:
        problems.append(f"cannot meet demand: needs {units:,} units (limit {a.max_units:,})")
    if demand is not None and total is not None:
        wanted = demand.total_tokens_per_second
        if total < wanted * 0.999:
            problems.append(
                f"cannot meet demand: estimated {total:,.0f} tokens/s < "
                f"{wanted:,.0f} tokens/s wanted"
            )
        if demand.concurrent_requests and replicas * batch < demand.concurrent_requests:
            problems.append(
                f"cannot meet demand: room for {replicas * batch:,} concurrent "
                f"requests, {demand.concurrent_requests:,} wanted"
            )
    return Sizing(
        units,
        units * shape.per_unit,
        *mem,
        chips_per_replica=chips,
        replicas=replicas,
        batch_per_replica=batch,
        tokens_per_second=total,
        problems=tuple(problems),
        notes=notes,
    )


def _replica_tokens_per_second(
    spec: WorkloadSpec,
    acc: Accelerator,
    chips: float,
    batch: int,
    w: float,
    seq: float,
    a: Assumptions,
) -> float | None:
    if acc.memory_bandwidth_gbps is None:
        return None
    bandwidth = chips * acc.memory_bandwidth_gbps * 1e9 * a.bandwidth_efficiency
    step_bytes = w + batch * seq * a.avg_context_fill
    tps = batch * bandwidth / step_bytes
    tflops = peak_tflops(acc, spec.model.precision)
    if tflops is not None:
        compute = chips * tflops * 1e12 * a.compute_efficiency
        tps = min(tps, compute / (2 * spec.model.parameters_billion * 1e9))
    return tps


def _no_fit(mem: _Mem, need: float, shape: Shape, have: float, why: str) -> Sizing:
    return Sizing(
        None,
        None,
        *mem,
        problems=(
            f"does not fit: needs {_gib(need):,.1f} GiB per replica, one {shape.label} holds "
            f"{_gib(have):,.1f} GiB usable; {why}",
        ),
    )


def _training(f: SpecFacts, acc: Accelerator, shape: Shape, pinned: int | None) -> Sizing:
    spec, a = f.spec, f.a
    total = f.train_bytes
    mem = _Mem(_gib(f.weights_bytes), _gib(total), None)
    chip = usable_chip_bytes(acc, a)
    if chip is None:
        return Sizing(
            None,
            None,
            *mem,
            problems=(f"memory unknown: no memory size for {acc.name}",),
        )
    mem = mem._replace(usable_memory_per_unit_gib=_gib(chip * shape.per_unit))
    notes: list[str] = []
    if spec.model.precision is Precision.FP32:
        notes.append("fp32 training time estimated from the bf16 peak (optimistic)")
    tflops = peak_tflops(acc, spec.model.precision)
    flops = f.train_flops
    per_chip = None if tflops is None else tflops * 1e12 * a.compute_efficiency
    deadline = spec.training.deadline_days if spec.training else None
    chips_needed = math.ceil(total / chip)
    if pinned is None and flops is not None and deadline is not None and per_chip is not None:
        chips_needed = max(chips_needed, math.ceil(flops / (deadline * 86400 * per_chip)))
    problems: list[str] = []
    if pinned is not None:
        units = pinned
    elif shape.per_unit < 1:
        units = 1
    else:
        units = max(1, math.ceil(chips_needed / shape.per_unit))
    accelerators = units * shape.per_unit
    if total > chip * accelerators:
        problems.append(
            f"does not fit: training needs {_gib(total):,.0f} GiB (model states and "
            f"activations), {units} x {shape.label} hold "
            f"{_gib(chip * accelerators):,.0f} GiB usable"
        )
    gen = generation_for(acc.id) if shape.unit_kind == "slice" else None
    if gen is not None and units > 1 and shape.per_unit < gen.slice_chips[-1]:
        fit = next((n for n in gen.slice_chips if n >= chips_needed), gen.slice_chips[-1])
        problems.append(
            f"slice too small: {chips_needed:,} chips train in one "
            f"{gen.slice_name(fit)} slice; multislice only beyond the largest slice"
        )
    if units > 1 and not shape.multi_node:
        problems.append(
            f"cannot span nodes: needs {units} units but this offering has no "
            "multi-node interconnect for one job (EFA, GPUDirect, ICI)"
        )
    if units > a.max_units:
        problems.append(f"too large: needs {units:,} units (limit {a.max_units:,})")
    hours = None
    if flops is not None and per_chip is not None:
        hours = flops / (accelerators * per_chip) / 3600
        if deadline is not None and hours > deadline * 24 * 1.0001:
            problems.append(f"cannot meet deadline: {hours / 24:,.1f} days > {deadline:g} days")
    elif flops is not None:
        msg = f"time to train unknown: BF16 TFLOPS unknown for {acc.name}"
        if deadline is not None:
            problems.append(f"cannot check the deadline: {msg}")
        else:
            notes.append(msg)
    return Sizing(
        units,
        accelerators,
        *mem,
        time_to_train_hours=hours,
        problems=tuple(problems),
        notes=tuple(notes),
    )
