"""The sizing arithmetic of one candidate, step by step, for ``aihw explain``.

Each step reads the same spec facts, assumptions and helper functions the sizing model
uses (:mod:`pulumi_aihw.planner.sizing`, ``sizing_inference``, ``sizing_training``) and
ends on the candidate's own figures (``tests/planner/test_explain.py`` checks that the
steps arrive at them), so a change of the model shows here or fails that test.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pulumi_aihw.planner.assumptions import BYTES_PER_PARAM, Assumptions
from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.planner.sizing import SpecFacts, gib, kv_bytes_per_token, peak_tflops
from pulumi_aihw.planner.sizing_inference import DecodeTerms, decode_terms
from pulumi_aihw.spec.models import WorkloadSpec


@dataclass(frozen=True)
class Step:
    """One line of arithmetic: what, how, and the result."""

    what: str
    how: str
    result: str

    def to_dict(self) -> dict[str, str]:
        return {"what": self.what, "how": self.how, "result": self.result}


def _g(value: float) -> str:
    return f"{value:,.1f} GiB"


def memory_steps(spec: WorkloadSpec, c: Candidate, a: Assumptions) -> list[Step]:
    f = SpecFacts.of(spec, a)
    acc, m = c.accelerator, spec.model
    per = BYTES_PER_PARAM[m.precision]
    out = [
        Step(
            "weights",
            f"{m.parameters_billion:g} B parameters x {per:g} bytes ({m.precision})",
            _g(gib(f.weights_bytes)),
        )
    ]
    if spec.training is not None:
        out.append(
            Step(
                "training memory",
                f"model states ({spec.training_method}) + activations "
                f"{a.activation_bytes_per_param:g} bytes/parameter",
                _g(gib(f.train_bytes)),
            )
        )
    else:
        kv, estimated = kv_bytes_per_token(spec, a)
        how = "2 x layers x KV heads x head dim x bytes" + (
            " (layers estimated from the parameter count)" if estimated else ""
        )
        out += [
            Step("KV cache per token", how, f"{kv / 1024:,.0f} KiB"),
            Step(
                "KV cache per sequence",
                f"x {m.context_length_tokens:,} tokens of context",
                _g(gib(f.seq_bytes)),
            ),
            Step(
                "one replica needs",
                "weights + one full-context sequence",
                _g(gib(f.weights_bytes + f.seq_bytes)),
            ),
        ]
    if acc.memory_gib is not None:
        out.append(
            Step(
                "usable per chip",
                f"{acc.memory_gib:g} GiB x (1 - {a.memory_headroom:.0%} headroom)",
                _g(acc.memory_gib * (1 - a.memory_headroom)),
            )
        )
    return out


def inference_steps(spec: WorkloadSpec, c: Candidate, a: Assumptions) -> list[Step]:
    s = c.sizing
    if s is None or s.chips_per_replica is None or s.batch_per_replica is None:
        return []
    chips, batch = s.chips_per_replica, s.batch_per_replica
    out = [
        Step(
            "chips per replica",
            "smallest power-of-two group that holds a replica (bigger groups until the batch cap)",
            f"{chips:g}",
        ),
        Step(
            "batch per replica",
            f"min({a.max_batch_per_replica}, (chips x usable - weights) / KV per sequence)",
            f"{batch:,}",
        ),
    ]
    f = SpecFacts.of(spec, a)
    terms = decode_terms(spec, c.accelerator, chips, batch, f.weights_bytes, f.seq_bytes, a)
    if terms is None:
        return [*out, Step("throughput", "memory bandwidth unknown", "unknown")]
    return [*out, *_decode_steps(spec, c, a, terms), *_replica_steps(spec, c, terms)]


def _decode_steps(
    spec: WorkloadSpec, c: Candidate, a: Assumptions, terms: DecodeTerms
) -> list[Step]:
    """One replica's decode speed: the memory-bound term and the compute ceiling."""
    acc, chips = c.accelerator, c.sizing.chips_per_replica if c.sizing else 0.0
    batch = c.sizing.batch_per_replica if c.sizing else 0
    bw = acc.memory_bandwidth_gbps or 0.0
    out = [
        Step(
            "achieved bandwidth",
            f"{chips:g} chips x {bw:,.0f} GB/s x {a.bandwidth_efficiency:.0%}",
            f"{terms.bandwidth_bytes_per_s / 1e9:,.0f} GB/s",
        ),
        Step(
            "bytes read per decode step",
            f"weights + {batch} x KV per sequence x {a.avg_context_fill:.0%} average fill",
            f"{terms.step_bytes / 1e9:,.1f} GB",
        ),
        Step(
            "memory-bound speed",
            "batch x bandwidth / bytes per step",
            f"{terms.memory_bound:,.0f} tokens/s",
        ),
    ]
    tflops = peak_tflops(acc, spec.model.precision)
    if terms.compute_bound is not None and tflops is not None:
        out.append(
            Step(
                "compute ceiling",
                f"{chips:g} x {tflops:,.0f} TFLOPS x {a.compute_efficiency:.0%} / (2 x "
                f"{spec.model.parameters_billion:g} B)",
                f"{terms.compute_bound:,.0f} tokens/s",
            )
        )
    per = terms.tokens_per_second
    return [*out, Step("per replica", "the lower of the two", f"{per:,.0f} tokens/s")]


def _replica_steps(spec: WorkloadSpec, c: Candidate, terms: DecodeTerms) -> list[Step]:
    """Replicas for the demand, units, and the estimate they add up to."""
    s = c.sizing
    if s is None or s.replicas is None or s.units is None:
        return []
    per = terms.tokens_per_second
    wanted = spec.demand.total_tokens_per_second if spec.demand is not None else None
    how = f"ceil({wanted:,.0f} wanted / {per:,.0f})" if wanted else "as pinned"
    chips = s.chips_per_replica or 0.0
    return [
        Step("replicas", how, f"{s.replicas:,}"),
        Step(
            "units",
            f"{s.replicas:,} replicas of {chips:g} chips on "
            f"{c.offering.accelerators_per_unit:g} per unit",
            f"{s.units:,}",
        ),
        Step(
            "estimated throughput",
            "replicas x per replica",
            f"{(s.tokens_per_second or 0):,.0f} tokens/s",
        ),
    ]


def training_steps(spec: WorkloadSpec, c: Candidate, a: Assumptions) -> list[Step]:
    s, acc, t = c.sizing, c.accelerator, spec.training
    if s is None or t is None or acc.memory_gib is None:
        return []
    f = SpecFacts.of(spec, a)
    chip = acc.memory_gib * (1 - a.memory_headroom)
    out = [
        Step(
            "chips for memory",
            f"ceil({_g(gib(f.train_bytes))} / {_g(chip)})",
            f"{math.ceil(gib(f.train_bytes) / chip):,}",
        )
    ]
    tflops = peak_tflops(acc, spec.model.precision)
    if f.train_flops is None or tflops is None:
        return [*out, Step("time to train", "TFLOPS unknown", "unknown")]
    per_chip = tflops * 1e12 * a.compute_efficiency
    k = f.train_flops / (spec.model.parameters_billion * 1e9 * t.tokens_billion * 1e9)
    out += [
        Step(
            "training FLOPs",
            f"{k:g} x {spec.model.parameters_billion:g} B parameters x "
            f"{t.tokens_billion:g} B tokens",
            f"{f.train_flops:.3g}",
        ),
        Step(
            "per chip",
            f"{tflops:,.0f} TFLOPS x {a.compute_efficiency:.0%} utilisation",
            f"{per_chip / 1e12:,.0f} TFLOPS",
        ),
    ]
    return [*out, *_training_layout_steps(c, t.deadline_days, f.train_flops, per_chip)]


def _training_layout_steps(
    c: Candidate, deadline_days: float | None, flops: float, per_chip: float
) -> list[Step]:
    """Chips for the deadline, units, and the time to train they give."""
    s, out = c.sizing, []
    if deadline_days is not None:
        need = math.ceil(flops / (deadline_days * 86400 * per_chip))
        how = f"FLOPs / ({deadline_days:g} days x per chip)"
        out.append(Step("chips for the deadline", how, f"{need:,}"))
    if s is None or s.accelerators is None:
        return out
    if s.units is not None:
        how = f"{s.accelerators:g} chips at {c.offering.accelerators_per_unit:g} per unit"
        out.append(Step("units", how, f"{s.units:,}"))
    hours = s.time_to_train_hours
    if hours is not None:
        how = f"FLOPs / ({s.accelerators:g} chips x per chip)"
        out.append(Step("time to train", how, f"{hours:,.1f} hours ({hours / 24:,.1f} days)"))
    return out


def sizing_steps(spec: WorkloadSpec, c: Candidate, a: Assumptions) -> list[Step]:
    body = training_steps(spec, c, a) if spec.training is not None else inference_steps(spec, c, a)
    return [*memory_steps(spec, c, a), *body]
