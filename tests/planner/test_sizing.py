"""Sizing arithmetic on hand-checked cases (numbers worked out in the comments)."""

from __future__ import annotations

import math

import pytest

from pulumi_aihw.catalog import Catalog
from pulumi_aihw.planner.assumptions import DEFAULT_ASSUMPTIONS as A
from pulumi_aihw.planner.assumptions import GIB
from pulumi_aihw.planner.economics import monthly_cost
from pulumi_aihw.planner.power import power
from pulumi_aihw.planner.pricing import unit_price
from pulumi_aihw.planner.sizing import Shape, kv_bytes_per_token, size, weights_bytes
from pulumi_aihw.spec import spec_from_dict
from tests.conftest import INFERENCE, TRAINING, merged


def shape(catalog: Catalog, offering: str) -> Shape:
    return Shape.of(catalog.find(offering=offering)[0])


def test_weights_and_kv_cache_llama3_8b() -> None:
    spec = spec_from_dict(INFERENCE)
    assert weights_bytes(spec) == 16e9  # 8B x 2 bytes (bf16)
    kv, estimated = kv_bytes_per_token(spec, A)
    assert (kv, estimated) == (2 * 32 * 8 * 128 * 2, False)  # 128 KiB per token


def test_kv_cache_llama3_70b_matches_the_sizing_doc() -> None:
    # sizing.md: Llama-3-70B, 80 layers, 8 KV heads, head dim 128 -> about 320 KiB/token (bf16)
    spec = spec_from_dict(
        merged(
            INFERENCE,
            model={
                "name": "l70",
                "parameters_billion": 70,
                "architecture": {"layers": 80, "kv_heads": 8, "head_dim": 128},
            },
        )
    )
    assert kv_bytes_per_token(spec, A)[0] == 320 * 1024


def test_kv_cache_estimate_without_architecture() -> None:
    # layers = round(32 x (70/8)^0.4) = round(76.2) = 76 -> 2 x 76 x 8 x 128 x 2 bytes
    spec = spec_from_dict(merged(INFERENCE, model={"name": "l70", "parameters_billion": 70}))
    assert kv_bytes_per_token(spec, A) == (2 * 76 * 8 * 128 * 2, True)


@pytest.mark.parametrize(
    ("precision", "bytes_per_param"),
    [("fp32", 4), ("bf16", 2), ("fp16", 2), ("fp8", 1), ("int8", 1), ("int4", 0.5)],
)
def test_bytes_per_parameter(precision: str, bytes_per_param: float) -> None:
    spec = spec_from_dict(
        merged(INFERENCE, model={"name": "m", "parameters_billion": 10, "precision": precision})
    )
    assert weights_bytes(spec) == 10e9 * bytes_per_param


def test_inference_on_inf2_by_hand(catalog: Catalog) -> None:
    # inf2: 32 GiB x 0.85 usable = 27.2 GiB; weights 16e9 B + one 8k sequence (1 GiB) fit on
    # one chip. Batch = floor((27.2 GiB - 16e9 B) / 1 GiB) = 12.
    # Decode: 12 x (820e9 x 0.6) / (16e9 + 12 x 1 GiB x 0.5) = 263.07 tokens/s per replica.
    # Compute ceiling 190e12 x 0.4 / (2 x 8e9) = 4,750 tokens/s: not binding.
    # 500 tokens/s -> 2 replicas -> 2 x inf2.xlarge (1 chip each).
    spec = spec_from_dict(INFERENCE)
    s = size(spec, catalog.accelerator("inferentia2"), shape(catalog, "inf2.xlarge"), A)
    assert s.chips_per_replica == 1 and s.batch_per_replica == 12
    assert s.tokens_per_second == pytest.approx(2 * 263.07, abs=0.1)
    assert (s.units, s.accelerators, s.replicas) == (2, 2, 2)
    assert s.problems == ()


def test_replicas_share_a_multi_accelerator_unit(catalog: Catalog) -> None:
    # One inf2.48xlarge (12 chips) meets 3,000 tokens/s with 12 one-chip replicas (3,157 t/s)
    # or 3 four-chip replicas. The latter holds batch floor((4 x 27.2 GiB - 16e9 B) / 1 GiB)
    # = 93 -> 93 x (4 x 492e9) / (16e9 + 93 x 0.5 GiB) = 2,777 t/s each, 8,331 in all:
    # same units, more capacity, so it wins.
    spec = spec_from_dict(merged(INFERENCE, demand={"tokens_per_second": 3000}))
    s = size(spec, catalog.accelerator("inferentia2"), shape(catalog, "inf2.48xlarge"), A)
    assert (s.units, s.chips_per_replica, s.replicas, s.batch_per_replica) == (1, 4, 3, 93)
    assert s.tokens_per_second == pytest.approx(3 * 2777, rel=0.001)


def test_the_tensor_parallel_group_that_needs_fewest_units_wins(catalog: Catalog) -> None:
    # 70B bf16 = 140e9 B + 2.5 GiB KV per 8k sequence. 2 H100s (2 x 68 GiB usable) hold it,
    # but leave room for a batch of 2: 4 such replicas make ~225 tokens/s per p5.48xlarge.
    # All 8 GPUs as one replica: batch floor((8 x 68 GiB - 140e9) / 2.684e9) = 165,
    # 165 x (8 x 3350e9 x 0.6) / (140e9 + 165 x 2.684e9 x 0.5) = 7,341 tokens/s.
    spec = spec_from_dict(
        merged(
            INFERENCE,
            model={
                "name": "l70",
                "parameters_billion": 70,
                "context_length_tokens": 8192,
                "architecture": {"layers": 80, "kv_heads": 8, "head_dim": 128},
            },
        )
    )
    s = size(spec, catalog.accelerator("h100-sxm"), shape(catalog, "p5.48xlarge"), A)
    assert (s.units, s.chips_per_replica, s.replicas, s.batch_per_replica) == (1, 8, 1, 165)
    assert s.tokens_per_second == pytest.approx(7341, abs=1)
    assert s.weights_gib == pytest.approx(140e9 / GIB)
    pinned = size(
        spec, catalog.accelerator("h100-sxm"), shape(catalog, "p5.48xlarge"), A, pinned_units=2
    )
    assert pinned.tokens_per_second == pytest.approx(2 * 7341, abs=2)


def test_does_not_fit_where_nodes_cannot_be_spanned(catalog: Catalog) -> None:
    spec = spec_from_dict(INFERENCE)
    s = size(spec, catalog.accelerator("t4"), shape(catalog, "g4dn.xlarge"), A)
    assert s.units is None
    assert s.problems == (
        "does not fit: needs 15.9 GiB per replica, one instance (1 accelerator) "
        "holds 13.6 GiB usable; this offering cannot span nodes",
    )


def test_fractional_gpu_cannot_hold_a_replica_larger_than_its_share(catalog: Catalog) -> None:
    spec = spec_from_dict(INFERENCE)
    s = size(spec, catalog.accelerator("l4"), shape(catalog, "g6f.2xlarge"), A)
    assert "replicas cannot span fractional GPUs" in s.problems[0]


def test_unknown_bandwidth_means_throughput_unknown(catalog: Catalog) -> None:
    spec = spec_from_dict(INFERENCE)
    s = size(spec, catalog.accelerator("rtx-pro-6000-blackwell-max-q"), shape(catalog, "GEX63"), A)
    assert s.problems == (
        "cannot estimate throughput: memory bandwidth unknown for NVIDIA RTX "
        "PRO 6000 Blackwell Max-Q",
    )


def test_training_on_v6e_by_hand(catalog: Catalog) -> None:
    # Full training: 18 bytes/param x 8e9 = 144e9 B -> 5 chips to fit (29.2e9 B usable each).
    # FLOPs = 6 x 8e9 x 200e9 = 9.6e21; per chip 918e12 x 0.4 = 367.2e12 FLOP/s.
    # 14-day deadline -> ceil(9.6e21 / (1,209,600 s x 367.2e12)) = 22 chips -> one v6e-32.
    # Time on 32 chips: 9.6e21 / (32 x 367.2e12) / 3600 = 226.94 h.
    spec = spec_from_dict(TRAINING)
    s = size(spec, catalog.accelerator("tpu-v6e"), shape(catalog, "v6e-32"), A)
    assert (s.units, s.accelerators) == (1, 32)
    assert s.time_to_train_hours == pytest.approx(226.94, abs=0.01)
    assert s.memory_needed_gib == pytest.approx(144e9 / GIB)
    small = size(spec, catalog.accelerator("tpu-v6e"), shape(catalog, "v6e-8"), A)
    assert small.units == 3 and small.problems == (
        "slice too small: 22 chips train in one v6e-32 slice; multislice only beyond the largest "
        "slice",
    )


def test_lora_needs_far_less_memory_than_full_training(catalog: Catalog) -> None:
    full = spec_from_dict(merged(TRAINING, training={"tokens_billion": 1}))
    lora = spec_from_dict(merged(TRAINING, phase="fine-tuning", training={"tokens_billion": 1}))
    acc, sh = catalog.accelerator("h100-sxm"), shape(catalog, "p5.48xlarge")
    # full: 18 B/param; lora: 2 (bf16 weights) + 0.01 x 16 + 2 (activations) = 4.16 B/param
    assert size(full, acc, sh, A).memory_needed_gib == pytest.approx(8e9 * 18 / GIB)
    assert size(lora, acc, sh, A).memory_needed_gib == pytest.approx(8e9 * 4.16 / GIB)


def test_training_deadline_that_cannot_be_met_with_pinned_units(catalog: Catalog) -> None:
    spec = spec_from_dict(TRAINING)
    s = size(
        spec, catalog.accelerator("trainium"), shape(catalog, "trn1.32xlarge"), A, pinned_units=1
    )
    # 9.6e21 / (16 x 190e12 x 0.4) = 7.89e6 s = 91.4 days > 14
    assert s.problems == ("cannot meet deadline: 91.4 days > 14 days",)


def test_training_time_unknown_without_tflops(catalog: Catalog) -> None:
    spec = spec_from_dict(merged(TRAINING, training={"tokens_billion": 1}))
    s = size(spec, catalog.accelerator("a10g"), shape(catalog, "g5.48xlarge"), A)
    assert s.time_to_train_hours is None
    assert "time to train unknown: BF16 TFLOPS unknown for NVIDIA A10G" in s.notes
    with_deadline = spec_from_dict(TRAINING)
    s = size(with_deadline, catalog.accelerator("a10g"), shape(catalog, "g5.48xlarge"), A)
    assert any(p.startswith("cannot check the deadline") for p in s.problems)


def test_cost_arithmetic(catalog: Catalog) -> None:
    # 2 x inf2.xlarge at $0.7582/h: 24 h/day -> x 730 h/month = $1,106.97; 8 h/day -> $368.99
    (o,) = catalog.find(offering="inf2.xlarge", region="us-east-1")
    spec = spec_from_dict(INFERENCE)
    assert monthly_cost(unit_price(o, spec), 2, spec) == pytest.approx((1.5164, 1106.972))
    part = spec_from_dict(merged(INFERENCE, demand={"tokens_per_second": 500, "hours_per_day": 8}))
    assert monthly_cost(unit_price(o, part), 2, part)[1] == pytest.approx(1.5164 * 8 * 730 / 24)
    reserved = spec_from_dict(
        merged(
            INFERENCE,
            demand={"tokens_per_second": 500, "hours_per_day": 8},
            constraints={"purchase_option": "reserved"},
        )
    )
    # reserved: the 1-year RI price, billed around the clock whatever the hours
    ri = o.reserved_1y_usd_per_hour
    assert ri is not None and ri < 0.7582
    assert monthly_cost(unit_price(o, reserved), 2, reserved)[1] == pytest.approx(2 * ri * 730)


def test_power_arithmetic(catalog: Catalog) -> None:
    # p5.48xlarge: 8 x 700 W + 192 vCPU x 10 W = 7,520 W
    (p5,) = catalog.find(offering="p5.48xlarge", region="us-east-1")
    h100 = catalog.accelerator("h100-sxm")
    assert power(h100, p5, 1, A).kw == pytest.approx(7.52)
    assert power(h100, p5, 1, A).basis == "published"
    # g6e.xlarge: 350 W + max(100 W floor, 4 vCPU x 10 W) = 450 W per unit
    (g6e,) = catalog.find(offering="g6e.xlarge", region="us-east-1")
    assert power(catalog.accelerator("l40s"), g6e, 2, A).kw == pytest.approx(0.9)
    # owned hardware: times PUE
    assert power(h100, p5, 1, A, pue=1.4).kw == pytest.approx(10.528)
    # an estimate keeps its range: inf2.xlarge 285 W (142-285) + 100 W host floor
    (inf2,) = catalog.find(offering="inf2.xlarge", region="us-east-1")
    est = power(catalog.accelerator("inferentia2"), inf2, 1, A)
    assert est.basis == "estimate" and est.low_kw == pytest.approx(0.242)
    assert est.kw == pytest.approx(0.385) and est.high_kw == pytest.approx(0.385)
    # TPU v4: measured mean 170 W per chip, caps compare the measured maximum 192 W
    v4 = power(catalog.accelerator("tpu-v4"), catalog.find(offering="v4-8")[0], 1, A)
    assert v4.basis == "measured"
    assert math.isclose(v4.kw or 0, (4 * 170 + 192 * 10) / 1000)
    assert math.isclose(v4.cap_kw or 0, (4 * 192 + 192 * 10) / 1000)
