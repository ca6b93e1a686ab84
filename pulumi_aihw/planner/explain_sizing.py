"""The sizing arithmetic of one candidate, step by step, for ``aihw explain``.

Each step calls the functions the sizing model itself uses (:mod:`pulumi_aihw.planner.perf`
for prefill, decode steps and the replica's rate; :mod:`~pulumi_aihw.planner.efficiency`
for the fitted factors; ``sizing_inference`` and ``sizing_training`` for the replica,
per-chip FLOP/s and time) and ends on the candidate's own figures
(``tests/planner/test_explain.py`` checks that the steps arrive at them), so a change of
the model shows here or fails that test.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pulumi_aihw.planner.assumptions import BYTES_PER_PARAM, GIB
from pulumi_aihw.planner.efficiency import inference_factors
from pulumi_aihw.planner.models import Candidate
from pulumi_aihw.planner.perf import Efficiency, prefill_seconds, rate_at, step_seconds
from pulumi_aihw.planner.sizing import SpecFacts, gib, kv_bytes_per_token, usable_chip_bytes
from pulumi_aihw.planner.sizing_inference import replica
from pulumi_aihw.planner.sizing_training import (
    allowance,
    chips_for_deadline,
    per_chip_flops,
    scale,
)
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


def memory_steps(spec: WorkloadSpec, c: Candidate, f: SpecFacts) -> list[Step]:
    a, acc, m = f.a, c.accelerator, spec.model
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
                f"model states ({spec.training_method}) + activations of "
                f"{a.training_sequences_in_flight} sequence(s) in flight",
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
                "one replica needs",
                f"weights + one {m.context_length_tokens:,}-token sequence",
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


def inference_steps(c: Candidate, f: SpecFacts) -> list[Step]:
    s, acc, q = c.sizing, c.accelerator, f.requests
    chip = usable_chip_bytes(acc, f.a)
    if s is None or s.chips_per_replica is None or s.batch_per_replica is None or chip is None:
        return []
    chips, batch = s.chips_per_replica, s.batch_per_replica
    bw, compute, basis = inference_factors(f.efficiency, acc, f.a)
    eff = Efficiency(bw, compute)
    r = replica(f, acc, chip, chips)
    rate = rate_at(f.model, r, eff, q, batch)
    pre = prefill_seconds(f.model, r, eff, q.prompt_tokens)
    step = step_seconds(f.model, r, eff, batch, q.prompt_tokens + q.output_tokens / 2)
    peak = "TFLOPS unknown" if r.peak_flops is None else f"{r.peak_flops / 1e12:,.0f} TFLOPS"
    return [
        Step(
            "chips per replica",
            "smallest power-of-two group that holds a replica (bigger groups until the batch cap)",
            f"{chips:g}",
        ),
        Step(
            "efficiency",
            f"share of the datasheet achieved ({basis.describe('factors')})",
            f"bandwidth {bw:.0%}, compute {compute:.0%}",
        ),
        Step(
            "replica hardware",
            f"{chips:g} x {acc.memory_bandwidth_gbps or 0:,.0f} GB/s; {peak}; "
            f"{r.memory_bytes / GIB:,.0f} GiB usable",
            f"{r.bandwidth_bytes_per_s * bw / 1e9:,.0f} GB/s achieved",
        ),
        Step(
            "batch per replica",
            f"largest that fits memory, the cap {f.a.max_batch_per_replica} and the latency "
            f"objectives ({q.prompt_tokens:,.0f} prompt + {q.output_tokens:,.0f} output tokens)",
            f"{batch:,}",
        ),
        Step("prefill per request", "2 x params x prompt + attention, at compute", _ms(pre)),
        Step(
            "decode step",
            f"max(weights + {batch} x KV at mean context / bandwidth, compute) + link",
            _ms(step),
        ),
        Step(
            "per replica",
            "batch x output / (batch x prefill + output x step)",
            f"{rate.tokens_per_second:,.1f} tokens/s",
        ),
        Step("latency", "first token; per output token", _latency(rate.ttft_s, rate.tpot_s)),
        *_replica_steps(c, f, rate.tokens_per_second),
    ]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def _latency(ttft_s: float, tpot_s: float) -> str:
    return f"{ttft_s * 1000:,.0f} ms; {tpot_s * 1000:,.1f} ms"


def _replica_steps(c: Candidate, f: SpecFacts, per: float) -> list[Step]:
    """Replicas for the demand, units, and the estimate they add up to, with its range."""
    s = c.sizing
    if s is None or s.replicas is None or s.units is None:
        return []
    demand = f.spec.demand
    wanted = demand.total_tokens_per_second if demand is not None else None
    how = f"ceil({wanted:,.0f} wanted / {per:,.1f})" if wanted else "as pinned"
    span = s.tokens_per_second_range
    likely = "" if span is None else f" (likely {span[0]:,.0f}-{span[1]:,.0f})"
    return [
        Step("replicas", how, f"{s.replicas:,}"),
        Step(
            "units",
            f"{s.replicas:,} replicas of {s.chips_per_replica or 0:g} chips on "
            f"{c.offering.accelerators_per_unit:g} per unit",
            f"{s.units:,}",
        ),
        Step(
            "estimated throughput",
            "replicas x per replica; range: 10th-90th percentile of measured results",
            f"{(s.tokens_per_second or 0):,.0f} tokens/s{likely}",
        ),
    ]


def training_steps(spec: WorkloadSpec, c: Candidate, f: SpecFacts) -> list[Step]:
    s, acc, t = c.sizing, c.accelerator, spec.training
    chip = usable_chip_bytes(acc, f.a)
    if s is None or t is None or chip is None:
        return []
    out = [
        Step(
            "chips for memory",
            f"ceil({_g(gib(f.train_bytes))} / {_g(gib(chip))})",
            f"{math.ceil(f.train_bytes / chip):,}",
        )
    ]
    per_chip, basis, _ = per_chip_flops(f, acc)
    if f.train_flops is None or per_chip is None:
        return [*out, Step("time to train", "TFLOPS unknown", "unknown")]
    out += [
        Step(
            "training FLOPs",
            f"(k x params + 6 x layers x sequence x width) x {t.tokens_billion:g} B tokens "
            f"(k = {4 if f.lora else 6}: {spec.training_method})",
            f"{f.train_flops:.3g}",
        ),
        Step(
            "per chip",
            f"peak x MFU ({basis.describe('factors')})",
            f"{per_chip / 1e12:,.0f} TFLOPS achieved",
        ),
    ]
    if t.deadline_days is not None:
        need = chips_for_deadline(f, per_chip, t.deadline_days)
        how = f"fewest chips finishing in {t.deadline_days:g} days (scale-out lowers MFU)"
        out.append(Step("chips for the deadline", how, f"{need:,}"))
    return [*out, *_training_time_steps(c, f, per_chip)]


def _training_time_steps(c: Candidate, f: SpecFacts, per_chip: float) -> list[Step]:
    """Units, and the time to train they give, with its range."""
    s, out = c.sizing, list[Step]()
    if s is None or s.accelerators is None:
        return out
    if s.units is not None:
        how = f"{s.accelerators:g} chips at {c.offering.accelerators_per_unit:g} per unit"
        out.append(Step("units", how, f"{s.units:,}"))
    hours = s.time_to_train_hours
    if hours is not None:
        span = s.time_to_train_hours_range
        likely = "" if span is None else f" (likely {span[0]:,.1f}-{span[1]:,.1f})"
        how = (
            f"FLOPs / ({s.accelerators:g} chips x per chip x scale-out "
            f"{scale(f, s.accelerators):.0%}) x (1 + {allowance(f):.0%} evaluation)"
        )
        out.append(Step("time to train", how, f"{hours:,.1f} hours{likely}"))
    return out


def sizing_steps(spec: WorkloadSpec, c: Candidate, f: SpecFacts) -> list[Step]:
    body = training_steps(spec, c, f) if spec.training is not None else inference_steps(c, f)
    return [*memory_steps(spec, c, f), *body]
