"""The throughput model's terms, each on a case worked out by hand in the comments."""

from __future__ import annotations

import math

import pytest

from pulumi_aihw.planner.perf import (
    Efficiency,
    Link,
    ModelShape,
    Replica,
    Requests,
    activation_bytes,
    memory_batch,
    prefill_seconds,
    replica_rate,
    scale_out,
    step_seconds,
    training_flops_per_token,
)

# An 8B model in bf16: 16e9 weight bytes, 128 KiB of KV cache per token, 32 layers, width
# 4096 (Llama-3-8B's shape).
M = ModelShape(8e9, 16e9, 131_072, 32, 4096)
# One H100-like chip: 68 GB usable, 3,350 GB/s, 989 TFLOPS bf16.
ONE = Replica(1, 68e9, 3350e9, 989e12, None)
EFF = Efficiency(bandwidth=0.6, compute=0.4)


def test_prefill_is_compute_bound_with_causal_attention() -> None:
    # 2 x 8e9 x 1000 = 1.6e13 FLOPs, attention 2 x 32 x 4096 x 1000^2 = 2.62144e11;
    # at 989e12 x 0.4 = 3.956e14 FLOP/s: (1.6e13 + 2.62144e11) / 3.956e14 = 0.041108 s.
    assert prefill_seconds(M, ONE, EFF, 1000) == pytest.approx(0.041108, rel=1e-4)


def test_prompts_prefilled_together_pay_the_link_latency_once() -> None:
    # 4 prompts of 1,000 on two chips (989e12 x 2 x 0.4 = 7.912e14 FLOP/s):
    # compute 4 x 1.6262144e13 / 7.912e14 = 0.082215 s; 2 x 32 all-reduces of
    # 4 x 1000 x 4096 x 2 bytes x 2(1/2) = 32.768e6 bytes: 64 x (20e-6 + 32.768e6 / 100e9)
    # = 64 x 347.68e-6 = 0.022252 s (latency paid 64 times, not 4 x 64).
    two = Replica(2, 136e9, 6700e9, 1978e12, Link(20e-6, 100e9))
    assert prefill_seconds(M, two, EFF, 1000, requests=4) == pytest.approx(0.104467, rel=1e-4)


def test_decode_step_reads_weights_and_kv_and_takes_the_larger_of_memory_and_compute() -> None:
    # b = 64 at 1,500 tokens of context: (16e9 + 64 x 131072 x 1500) / (3350e9 x 0.6)
    # = 28.5829e9 / 2.01e12 = 0.014220 s; compute 2 x 8e9 x 64 / 3.956e14 = 0.002588 s.
    assert step_seconds(M, ONE, EFF, 64, 1500) == pytest.approx(0.014220, rel=1e-4)
    # b = 2,000 at 10 tokens: memory (16e9 + 2.62e9) / 2.01e12 = 0.009264 s < compute
    # 2 x 8e9 x 2000 / 3.956e14 = 0.080890 s: compute-bound.
    assert step_seconds(M, ONE, EFF, 2000, 10) == pytest.approx(0.080890, rel=1e-4)


def test_tensor_parallel_communication_by_link() -> None:
    # Two chips over a link of 20 us and 100 GB/s: per step 2 x 32 all-reduces of
    # b x 4096 x 2 bytes x 2(n-1)/n = 8 x 4096 x 2 x 1 = 65,536 bytes each:
    # 64 x (20e-6 + 65536 / 100e9) = 64 x 20.65536e-6 = 1.32194 ms on top of memory time
    # (16e9 + 8 x 131072 x 1500) / (2 x 3350e9 x 0.6) = 17.5729e9 / 4.02e12 = 4.37137 ms.
    two = Replica(2, 136e9, 6700e9, 1978e12, Link(20e-6, 100e9))
    assert step_seconds(M, two, EFF, 8, 1500) == pytest.approx(4.37137e-3 + 1.32194e-3, rel=1e-4)
    # PCIe-like 16 GB/s and 80 us: 64 x (80e-6 + 65536 / 16e9) = 5.3821 ms of communication.
    slow = Replica(2, 136e9, 6700e9, 1978e12, Link(80e-6, 16e9))
    assert step_seconds(M, slow, EFF, 8, 1500) == pytest.approx(4.37137e-3 + 5.3821e-3, rel=1e-4)
    # No link term on one chip.
    assert step_seconds(M, ONE, EFF, 8, 1500) == pytest.approx((16e9 + 8 * 131072 * 1500) / 2.01e12)


def test_memory_batch_counts_each_request_at_its_full_length() -> None:
    # (68e9 - 16e9) / (131072 x (1000 + 1000)) = 52e9 / 262.144e6 = 198.36 -> 198
    assert memory_batch(M, ONE, Requests(1000, 1000)) == 198
    assert memory_batch(M, Replica(1, 10e9, 1, None, None), Requests(10, 10)) == 0


def test_offline_rate_at_the_largest_batch() -> None:
    # b = min(198, 256) = 198; prefill 0.041108 s; step at 1,500 tokens of context:
    # (16e9 + 198 x 131072 x 1500) / 2.01e12 = 0.027327 s (compute 0.008008 s).
    # busy = 198 x 0.041108 + 1000 x 0.027327 = 35.466 s -> 198,000 / 35.466 = 5,582.7 t/s.
    rate = replica_rate(M, ONE, EFF, Requests(1000, 1000), max_batch=256)
    assert rate is not None and rate.batch == 198
    assert rate.tokens_per_second == pytest.approx(5582.7, rel=1e-3)
    assert rate.ttft_s == pytest.approx(0.041108 + 0.027327, rel=1e-3)
    assert rate.tpot_s == pytest.approx(35.466 / 1000, rel=1e-3)


def test_latency_objective_bounds_the_batch() -> None:
    # Mean time per output token = (b x prefill + 1000 x step(b)) / 1000 grows with b;
    # 20 ms allows b where 0.041108 b / 1000 + (16e9 + b x 196.608e6) / 2.01e12 <= 0.020:
    # 0.041108e-3 b + 7.9602e-3 + 0.097815e-3 b <= 0.020 -> b <= 86.66 -> 86.
    q = Requests(1000, 1000, tpot_s=0.020)
    rate = replica_rate(M, ONE, EFF, q, max_batch=256)
    assert rate is not None and rate.batch == 86 and rate.tpot_s <= 0.020
    assert replica_rate(M, ONE, EFF, Requests(1000, 1000, tpot_s=0.0200), 256, 1.0) == rate
    # With half the objective as the bound (the fitted SLO fraction), b <= 14.7 -> 14.
    assert replica_rate(M, ONE, EFF, q, 256, slo_fraction=0.5).batch == 14  # type: ignore[union-attr]
    # A time to first token below one prefill cannot be met at any batch.
    assert replica_rate(M, ONE, EFF, Requests(1000, 1000, ttft_s=0.040), 256) is None


def test_lower_precision_weights_and_kv_cache_raise_throughput() -> None:
    # fp8 weights (8e9 bytes) and an fp8 KV cache (64 KiB/token) on the same chip:
    # batch (68e9 - 8e9) / (65536 x 2000) = 457 -> capped at 256.
    fp8 = ModelShape(8e9, 8e9, 65_536, 32, 4096)
    rate8 = replica_rate(fp8, ONE, EFF, Requests(1000, 1000), 256)
    rate16 = replica_rate(M, ONE, EFF, Requests(1000, 1000), 256)
    assert rate8 is not None and rate16 is not None
    assert rate8.batch == 256 and rate8.tokens_per_second > 1.5 * rate16.tokens_per_second


def test_training_flops_attention_and_activations() -> None:
    # 6 x 8e9 + 6 x 32 x 8192 x 4096 = 4.8e10 + 6.44245e9 = 5.444245e10 FLOPs per token;
    # LoRA: 4 x 8e9 + the same attention = 3.844245e10.
    assert training_flops_per_token(M, 8192, lora=False) == pytest.approx(5.444245e10, rel=1e-6)
    assert training_flops_per_token(M, 8192, lora=True) == pytest.approx(3.844245e10, rel=1e-6)
    # Checkpointed: 32 x 2 x 2048 x 4096 + 34 x 2048 x 4096 = 536.9e6 + 285.2e6 bytes.
    assert activation_bytes(M, 2048, checkpointing=True) == 32 * 2 * 2048 * 4096 + 34 * 2048 * 4096
    assert activation_bytes(M, 2048, checkpointing=False) == 32 * 34 * 2048 * 4096


def test_scale_out() -> None:
    assert scale_out(8, 0.05) == 1.0
    assert scale_out(1024, 0.05) == pytest.approx(1 / (1 + 0.05 * math.log2(128)))
