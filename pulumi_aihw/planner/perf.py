"""The throughput model: prefill, decode steps, the latency-bounded batch, time to train.

Pure arithmetic over plain numbers; :mod:`pulumi_aihw.planner.sizing_inference` and
:mod:`pulumi_aihw.planner.sizing_training` feed it the catalog's facts and the fitted
efficiency factors, and ``tools/fit_efficiency.py`` fits those factors with it, so the
planner and its validation (``benchmarks/validate_sizing.py``) use the same formulas.

Inference, per model replica on ``chips`` tensor-parallel chips (docs/sizing.md):

- prefill of one request: ``2 x params x prompt`` plus causal attention
  ``2 x layers x hidden x prompt^2`` FLOPs at the family's compute fraction of peak,
  plus two all-reduces per layer of the prompt's activations over the link;
- decode step for ``b`` sequences: ``max(memory, compute) + communication`` where memory
  = (weights + b x KV per token x mean context) / (bandwidth x fraction), compute =
  ``2 x params x b`` FLOPs, communication = two all-reduces per layer, each
  ``link latency + b x hidden x 2 bytes x 2(n-1)/n / link bandwidth``;
- a replica serving ``b`` requests at a time spends ``b x prefill + output x step(b)``
  per ``b x output`` tokens: that is the offline throughput, and the mean time per
  output token a request sees; the batch is the largest that fits memory, the batch cap
  and the latency objectives.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

ACTIVATION_BYTES = 2.0
"""Bytes per activation element exchanged between tensor-parallel chips (bf16)."""


@dataclass(frozen=True, slots=True)
class ModelShape:
    """What the model costs per token."""

    params: float
    """Parameters (not billions)."""
    weight_bytes: float
    kv_bytes_per_token: float
    layers: int
    hidden: float
    """Model width; estimated from parameters and layers where not given."""
    sequences_per_request: int = 1
    """Sequences decoded per request: 1, or the beam width for beam search."""


@dataclass(frozen=True, slots=True)
class Link:
    """Achieved latency and bandwidth of one all-reduce between tensor-parallel chips."""

    latency_s: float
    bytes_per_s: float


@dataclass(frozen=True, slots=True)
class Replica:
    """The hardware one model replica runs on."""

    chips: float
    memory_bytes: float
    """Usable memory of all its chips (after headroom)."""
    bandwidth_bytes_per_s: float
    """Datasheet memory bandwidth of all its chips."""
    peak_flops: float | None
    """Dense peak of all its chips at the model's precision; None = unknown."""
    link: Link | None
    """None for a single chip."""


@dataclass(frozen=True, slots=True)
class Efficiency:
    """Achieved fractions of the datasheet (fitted per accelerator family)."""

    bandwidth: float
    compute: float


@dataclass(frozen=True, slots=True)
class Requests:
    """The request shape and latency objectives (seconds; None = none)."""

    prompt_tokens: float
    output_tokens: float
    ttft_s: float | None = None
    tpot_s: float | None = None


@dataclass(frozen=True, slots=True)
class Rate:
    """One replica at its chosen batch."""

    batch: int
    tokens_per_second: float
    ttft_s: float
    """Mean time to first token: one prefill plus the decode step it waits behind."""
    tpot_s: float
    """Mean time per output token a request sees (its share of prefills included)."""


def _allreduce_s(link: Link | None, chips: float, elements: float) -> float:
    if link is None or chips <= 1:
        return 0.0
    moved = elements * ACTIVATION_BYTES * 2 * (chips - 1) / chips
    return link.latency_s + moved / link.bytes_per_s


def prefill_seconds(
    m: ModelShape, r: Replica, eff: Efficiency, prompt: float, requests: int = 1
) -> float:
    """Compute-bound prefill of ``requests`` prompts together, plus its tensor-parallel
    communication."""
    comm = 2 * m.layers * _allreduce_s(r.link, r.chips, requests * prompt * m.hidden)
    if r.peak_flops is None:
        return comm
    flops = requests * (2 * m.params * prompt + 2 * m.layers * m.hidden * prompt * prompt)
    return flops / (r.peak_flops * eff.compute) + comm


def step_seconds(m: ModelShape, r: Replica, eff: Efficiency, batch: float, context: float) -> float:
    """One decode step for ``batch`` requests whose KV cache holds ``context`` tokens."""
    seqs = batch * m.sequences_per_request
    memory = (m.weight_bytes + seqs * m.kv_bytes_per_token * context) / (
        r.bandwidth_bytes_per_s * eff.bandwidth
    )
    compute = 0.0 if r.peak_flops is None else 2 * m.params * seqs / (r.peak_flops * eff.compute)
    comm = 2 * m.layers * _allreduce_s(r.link, r.chips, seqs * m.hidden)
    return max(memory, compute) + comm


def memory_batch(m: ModelShape, r: Replica, q: Requests) -> int:
    """Requests whose full KV cache fits beside the weights (0 if the weights do not)."""
    per_request = m.kv_bytes_per_token * (q.prompt_tokens + q.output_tokens)
    per_request *= m.sequences_per_request
    room = r.memory_bytes - m.weight_bytes
    if room <= 0 or per_request <= 0:
        return 0
    return int(room // per_request)


def rate_at(m: ModelShape, r: Replica, eff: Efficiency, q: Requests, batch: int) -> Rate:
    """The replica serving ``batch`` requests at once (continuous batching, steady state)."""
    pre = prefill_seconds(m, r, eff, q.prompt_tokens)
    step = step_seconds(m, r, eff, batch, q.prompt_tokens + q.output_tokens / 2)
    busy = batch * pre + q.output_tokens * step
    return Rate(
        batch=batch,
        tokens_per_second=batch * q.output_tokens / busy,
        ttft_s=pre + step,
        tpot_s=busy / q.output_tokens,
    )


def _meets(rate: Rate, q: Requests, slo_fraction: float) -> bool:
    if q.tpot_s is not None and rate.tpot_s > q.tpot_s * slo_fraction:
        return False
    return not (q.ttft_s is not None and rate.ttft_s > q.ttft_s * slo_fraction)


def replica_rate(
    m: ModelShape,
    r: Replica,
    eff: Efficiency,
    q: Requests,
    max_batch: int,
    slo_fraction: float = 1.0,
) -> Rate | None:
    """The replica at the largest batch that fits memory, ``max_batch`` and the latency
    objectives (mean latency at most ``slo_fraction`` x the objective); None if even one
    request misses them or does not fit."""
    top = min(memory_batch(m, r, q), max_batch)
    if top < 1:
        return None
    best = rate_at(m, r, eff, q, top)
    if _meets(best, q, slo_fraction):
        return best
    lo, hi = 0, top  # latency grows with the batch: find the largest batch that meets it
    found: Rate | None = None
    while hi - lo > 1:
        mid = (lo + hi) // 2
        rate = rate_at(m, r, eff, q, mid)
        if _meets(rate, q, slo_fraction):
            lo, found = mid, rate
        else:
            hi = mid
    if found is None:
        first = rate_at(m, r, eff, q, 1)
        return first if _meets(first, q, slo_fraction) else None
    return found


# -- training ----------------------------------------------------------------------

LORA_FLOPS_PER_PARAM_TOKEN = 4.0
"""LoRA: forward (2) and activation gradients (2); no weight gradients for frozen weights."""
FULL_FLOPS_PER_PARAM_TOKEN = 6.0
"""Full training: forward 2, backward 4 (Kaplan et al. 2020)."""
ACTIVATION_BYTES_PER_LAYER_TOKEN_WIDTH = 34.0
"""Activation bytes per layer per token per unit of width kept for the backward pass
with 16-bit activations and flash attention (Korthikanti et al. 2022, arXiv:2205.05198:
``s·b·h·(34 + 5·a·s/h)``; flash attention removes the ``5·a·s/h`` term)."""


def training_flops_per_token(m: ModelShape, sequence: float, lora: bool) -> float:
    """Weights ``k x params`` plus causal attention ``6 x layers x sequence x hidden``
    (forward 2, backward 4, halved for the causal mask)."""
    k = LORA_FLOPS_PER_PARAM_TOKEN if lora else FULL_FLOPS_PER_PARAM_TOKEN
    return k * m.params + 6 * m.layers * sequence * m.hidden


def activation_bytes(m: ModelShape, sequence: float, checkpointing: bool) -> float:
    """Activations of one sequence in flight. With checkpointing only each layer's input
    (2 bytes x width) is kept, plus one layer's full set during recomputation."""
    per_layer = ACTIVATION_BYTES_PER_LAYER_TOKEN_WIDTH * sequence * m.hidden
    if checkpointing:
        return m.layers * ACTIVATION_BYTES * sequence * m.hidden + per_layer
    return m.layers * per_layer


def scale_out(chips: float, penalty: float, base_chips: float = 8.0) -> float:
    """Fraction of single-node MFU kept at ``chips``: ``1 / (1 + penalty x log2(chips/8))``."""
    return 1.0 / (1.0 + penalty * math.log2(max(1.0, chips / base_chips)))


def estimated_hidden(params: float, layers: int) -> float:
    """Width from ``params ~ 12 x layers x hidden^2`` (a dense transformer's weights)."""
    return math.sqrt(params / (12 * layers))
