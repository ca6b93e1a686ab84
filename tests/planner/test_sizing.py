"""Sizing arithmetic on hand-checked cases (numbers worked out in the comments)."""

from __future__ import annotations

import math
from typing import Any

import pytest

from pulumi_aihw.catalog import Catalog
from pulumi_aihw.planner.assumptions import DEFAULT_ASSUMPTIONS as A
from pulumi_aihw.planner.assumptions import GIB
from pulumi_aihw.planner.economics import monthly_cost
from pulumi_aihw.planner.power import power
from pulumi_aihw.planner.pricing import unit_price
from pulumi_aihw.planner.sizing import (
    Shape,
    Sizing,
    kv_bytes_per_token,
    peak_tflops,
    size,
    weights_bytes,
)
from pulumi_aihw.spec import WorkloadSpec, spec_from_dict
from pulumi_aihw.vocab import Precision
from tests.conftest import INFERENCE, TRAINING, merged


def shape(catalog: Catalog, offering: str) -> Shape:
    return Shape.of(catalog.find(offering=offering)[0])


def sized(spec: WorkloadSpec, catalog: Catalog, acc: str, offering: str, **kw: Any) -> Sizing:
    """``size`` with the catalog's fitted factors, as the planner calls it."""
    return size(
        spec,
        catalog.accelerator(acc),
        shape(catalog, offering),
        A,
        efficiency=catalog.efficiency,
        **kw,
    )


@pytest.fixture(scope="module")
def plain(catalog: Catalog) -> Catalog:
    """The catalog without fitted factors: the Assumptions fallbacks (60% of bandwidth, 40%
    of peak, no link or scale-out terms) keep the arithmetic below checkable by hand."""
    return Catalog(catalog.document.model_copy(update={"efficiency": None}))


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
    ("weights", "kv_setting", "kv_bytes"),
    [
        ("bf16", None, 2),  # 16-bit weights: the cache follows them
        ("fp8", None, 2),  # fp8 weights keep a 16-bit cache unless told (vLLM's default)
        ("fp8", "fp8", 1),
        ("fp4", None, 2),
        ("fp4", "fp8", 1),
        ("int4", "fp4", 0.5),
    ],
)
def test_kv_cache_precision(weights: str, kv_setting: str | None, kv_bytes: float) -> None:
    model = {**INFERENCE["model"], "precision": weights}
    if kv_setting:
        model["kv_cache_precision"] = kv_setting
    spec = spec_from_dict(merged(INFERENCE, model=model))
    assert kv_bytes_per_token(spec, A)[0] == 2 * 32 * 8 * 128 * kv_bytes


@pytest.mark.parametrize(
    ("precision", "bytes_per_param"),
    [("fp32", 4), ("bf16", 2), ("fp16", 2), ("fp8", 1), ("int8", 1), ("fp4", 0.5), ("int4", 0.5)],
)
def test_bytes_per_parameter(precision: str, bytes_per_param: float) -> None:
    spec = spec_from_dict(
        merged(INFERENCE, model={"name": "m", "parameters_billion": 10, "precision": precision})
    )
    assert weights_bytes(spec) == 10e9 * bytes_per_param


def test_peaks_by_precision(catalog: Catalog) -> None:
    b200, h100, a100 = (catalog.accelerator(i) for i in ("b200", "h100-sxm", "a100-80gb"))
    assert peak_tflops(b200, Precision.FP4) == (9000, None)
    assert peak_tflops(h100, Precision.INT8) == (1979, None)  # not the bf16 peak (989)
    fp4_on_h100 = peak_tflops(h100, Precision.FP4)
    assert fp4_on_h100[0] == 1979 and "FP4 peak unknown" in (fp4_on_h100[1] or "")
    assert peak_tflops(a100, Precision.FP8) == (
        312,
        "FP8 peak unknown for NVIDIA A100 80GB: computed at its BF16 peak",
    )


def test_inference_on_inf2_by_hand(plain: Catalog) -> None:
    # inf2: 32 GiB x 0.85 = 29.2058e9 usable bytes. Default request 1,000 + 1,000 tokens:
    # batch = floor((29.2058e9 - 16e9) / (131,072 x 2,000)) = 50.
    # Prefill: width sqrt(8e9 / (12 x 32)) = 4,564.35;
    # (2 x 8e9 x 1000 + 2 x 32 x 4564.35 x 1000^2) / (190e12 x 0.4) = 0.21437 s.
    # Step at 1,500 tokens: (16e9 + 50 x 131072 x 1500) / (820e9 x 0.6) = 0.052501 s
    # (compute 2 x 8e9 x 50 / 7.6e13 = 0.010526 s).
    # Replica: 50 x 1000 / (50 x 0.21437 + 1000 x 0.052501) = 790.90 tokens/s -> 1 unit.
    spec = spec_from_dict(INFERENCE)
    s = size(spec, plain.accelerator("inferentia2"), shape(plain, "inf2.xlarge"), A)
    assert s.chips_per_replica == 1 and s.batch_per_replica == 50
    assert s.tokens_per_second == pytest.approx(790.90, abs=0.05)
    assert s.time_to_first_token_ms == pytest.approx(266.87, abs=0.05)
    assert (s.units, s.accelerators, s.replicas) == (1, 1, 1)
    assert s.problems == ()
    assert s.tokens_per_second_range is None  # no fitted factors: no range
    assert s.estimate_basis and "uncalibrated" in s.estimate_basis
    assert any(n.startswith("request shape assumed: 1,000 prompt") for n in s.notes)


def test_replicas_share_a_multi_accelerator_unit(plain: Catalog) -> None:
    # inf2.48xlarge (12 chips), 3,000 tokens/s. Per replica (same arithmetic as above):
    # 1 chip: batch 50, 790.9 t/s (x12 = 9,491); 2 chips: batch 161, 2,451.1 t/s (x6);
    # 4 chips: batch 256 (the cap), 5,398.0 t/s (x3 = 16,194) -> bigger groups stop there.
    # All need one unit; the most capacity wins: three 4-chip replicas.
    spec = spec_from_dict(merged(INFERENCE, demand={"tokens_per_second": 3000}))
    s = size(spec, plain.accelerator("inferentia2"), shape(plain, "inf2.48xlarge"), A)
    assert (s.units, s.chips_per_replica, s.replicas, s.batch_per_replica) == (1, 4, 3, 256)
    assert s.tokens_per_second == pytest.approx(3 * 5398.02, rel=1e-4)


def test_latency_objective_bounds_the_batch(plain: Catalog) -> None:
    # With max_time_per_output_token_ms 60 on the inf2 replica above, the mean time per
    # output token (b x 0.21437 + 1000 x step(b)) / 1000 must stay under 60 ms:
    # 0.21437e-3 b + (16e9 + b x 196.608e6) / 492e9 <= 0.060 ->
    # 0.21437e-3 b + 0.032520 + 0.39961e-3 b <= 0.060 -> b <= 44.8 -> 44.
    spec = spec_from_dict(
        merged(INFERENCE, demand={"tokens_per_second": 500, "max_time_per_output_token_ms": 60})
    )
    s = size(spec, plain.accelerator("inferentia2"), shape(plain, "inf2.xlarge"), A)
    assert s.batch_per_replica == 44 and s.time_per_output_token_ms <= 60
    impossible = spec_from_dict(
        merged(INFERENCE, demand={"tokens_per_second": 500, "max_time_to_first_token_ms": 100})
    )
    s = size(impossible, plain.accelerator("inferentia2"), shape(plain, "inf2.xlarge"), A)
    # One request: prefill 0.21437 s + one step (16e9 + 131072 x 1500) / 492e9 = 0.03292 s.
    assert s.units is None and s.problems == (
        "cannot meet latency objective: even one request on 1 AWS Inferentia2 misses "
        "time to first token about 247 ms > 100 ms",
    )


def test_a_missed_objective_names_the_calibrated_margin(catalog: Catalog) -> None:
    eff = catalog.efficiency
    assert eff is not None and eff.latency_slo_fraction < 1
    spec = spec_from_dict(
        merged(INFERENCE, demand={"tokens_per_second": 500, "max_time_per_output_token_ms": 1})
    )
    s = sized(spec, catalog, "inferentia2", "inf2.xlarge")
    margin = f"{eff.latency_slo_fraction:.0%} of the 1 ms objective"
    assert s.problems[0].startswith("cannot meet latency objective: even one request on 1 AWS")
    assert "misses per output token about" in s.problems[0] and margin in s.problems[0]
    assert "time to first token" not in s.problems[0]  # no objective given for it


def test_link_class_adds_tensor_parallel_communication(catalog: Catalog) -> None:
    # The fitted PCIe all-reduce (latency and bandwidth from the catalog) slows a
    # tensor-parallel group of L40S: a two-chip replica's decode step gains
    # 2 x layers x (latency + b x width x 2 bytes x 2(n-1)/n / bandwidth).
    eff = catalog.efficiency
    assert eff is not None
    pcie = next(f for f in eff.links if str(f.link_class) == "pcie")
    assert catalog.accelerator("l40s").link_class is not None
    spec = spec_from_dict(
        merged(INFERENCE, model={**INFERENCE["model"], "parameters_billion": 30})
    )  # 60e9 bytes: needs two L40S
    with_link = sized(spec, catalog, "l40s", "g6e.12xlarge", pinned_units=1)
    no_links = Catalog(
        catalog.document.model_copy(update={"efficiency": eff.model_copy(update={"links": ()})})
    )
    without = sized(spec, no_links, "l40s", "g6e.12xlarge", pinned_units=1)
    assert with_link.chips_per_replica and with_link.chips_per_replica >= 2
    assert without.tokens_per_second and with_link.tokens_per_second
    assert with_link.tokens_per_second < without.tokens_per_second
    assert pcie.latency_us > 0 and pcie.bandwidth_gbps < 100
    assert any("communication not modelled" in n for n in without.notes)


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


def test_range_and_optimistic_end_warning(catalog: Catalog) -> None:
    # With fitted factors every estimate has a range: the estimate times the 10th and 90th
    # percentile of measured/estimated of its family. A pinned unit whose estimate misses
    # the demand by less than the optimistic end is feasible with a warning.
    acc = catalog.accelerator("l40s")
    eff = catalog.efficiency
    assert eff is not None
    f = next(x for x in eff.inference if x.family == acc.efficiency_family)
    base = sized(spec_from_dict(INFERENCE), catalog, "l40s", "g6e.xlarge", pinned_units=1)
    est = base.tokens_per_second
    assert est is not None and base.tokens_per_second_range == pytest.approx(
        (est * f.ratio_low, est * f.ratio_high)
    )
    assert base.estimate_basis == (
        f"throughput: calibrated on {f.rows} measured results of family {f.family}"
    )
    between = est * (1 + f.ratio_high) / 2
    hopeful = spec_from_dict(merged(INFERENCE, demand={"tokens_per_second": between}))
    s = sized(hopeful, catalog, "l40s", "g6e.xlarge", pinned_units=1)
    assert s.problems == ()
    assert any(n.startswith("demand met only at the optimistic end") for n in s.notes)
    beyond = spec_from_dict(merged(INFERENCE, demand={"tokens_per_second": est * 2}))
    s = sized(beyond, catalog, "l40s", "g6e.xlarge", pinned_units=1)
    assert s.problems and s.problems[0].startswith("cannot meet demand: estimated")


def test_family_without_calibration_says_so(catalog: Catalog) -> None:
    s = sized(spec_from_dict(INFERENCE), catalog, "tpu-v6e", "v6e-1")
    assert s.estimate_basis is not None and s.estimate_basis.startswith(
        "throughput: uncalibrated for tpu-v6e"
    )
    assert s.tokens_per_second_range is not None  # the pooled range


def test_training_on_v6e_by_hand(plain: Catalog) -> None:
    # Width sqrt(8e9 / (12 x 32)) = 4,564.35; FLOPs per token 6 x 8e9 + 6 x 32 x 8192 x
    # 4564.35 = 5.51791e10; x 200e9 tokens = 1.103582e22. Per chip 918e12 x 0.4.
    # 14 days: 1.103582e22 / (1,209,600 s x 3.672e14) = 24.85 -> 25 chips -> one v6e-32.
    # On 32 chips: 1.103582e22 / (32 x 3.672e14) / 3600 = 260.885 h.
    # Memory: 16 x 8e9 + activations 32 x 2 x 8192 x 4564.35 + 34 x 8192 x 4564.35
    # = 1.28e11 + 3.66434e9 = 1.316643e11 bytes -> 5 chips to hold it.
    spec = spec_from_dict(TRAINING)
    s = size(spec, plain.accelerator("tpu-v6e"), shape(plain, "v6e-32"), A)
    assert (s.units, s.accelerators) == (1, 32)
    assert s.time_to_train_hours == pytest.approx(260.885, abs=0.01)
    assert s.memory_needed_gib == pytest.approx(1.316643e11 / GIB, rel=1e-6)
    small = size(spec, plain.accelerator("tpu-v6e"), shape(plain, "v6e-8"), A)
    assert small.units == 4 and small.problems == (
        "slice too small: 25 chips train in one v6e-32 slice; multislice only beyond the largest "
        "slice",
    )


def test_lora_activations_let_a_7b_lora_fit_one_24gb_gpu(catalog: Catalog) -> None:
    # 7B LoRA, bf16, 2,048 tokens: weights 14e9 + 1% x 7e9 x 16 = 1.12e9 bytes of adapter
    # states; no architecture: 30 layers, width sqrt(7e9 / 360) = 4,409.6; checkpointed
    # activations 30 x 2 x 2048 x 4409.6 + 34 x 2048 x 4409.6 = 0.84890e9.
    # Total 15.9689e9 bytes = 14.87 GiB < 24 GiB x 0.85 = 20.4 GiB usable.
    spec = spec_from_dict(
        merged(
            TRAINING,
            phase="fine-tuning",
            model={"name": "llama-2-7b", "parameters_billion": 7, "context_length_tokens": 2048},
            training={"tokens_billion": 0.05},
            frameworks=["pytorch"],
        )
    )
    for acc_id, offering in (("a10g", "g5.xlarge"), ("l4", "g6.xlarge")):
        s = sized(spec, catalog, acc_id, offering)
        assert s.memory_needed_gib == pytest.approx(14.872, abs=0.001)
        assert s.units == 1 and not any(p.startswith("does not fit") for p in s.problems)


def test_lora_needs_far_less_memory_than_full_training(catalog: Catalog) -> None:
    full = spec_from_dict(merged(TRAINING, training={"tokens_billion": 1}))
    lora = spec_from_dict(merged(TRAINING, phase="fine-tuning", training={"tokens_billion": 1}))
    acc, sh = catalog.accelerator("h100-sxm"), shape(catalog, "p5.48xlarge")
    # same activations (3.66434e9 bytes at 8,192 tokens); states 16 vs 2 + 0.16 bytes/param
    acts = 3.664337e9
    assert size(full, acc, sh, A).memory_needed_gib == pytest.approx((8e9 * 16 + acts) / GIB)
    assert size(lora, acc, sh, A).memory_needed_gib == pytest.approx((8e9 * 2.16 + acts) / GIB)


def test_training_deadline_that_cannot_be_met_with_pinned_units(plain: Catalog) -> None:
    spec = spec_from_dict(TRAINING)
    s = size(spec, plain.accelerator("trainium"), shape(plain, "trn1.32xlarge"), A, pinned_units=1)
    # 1.103582e22 / (16 x 190e12 x 0.4) = 9.0755e6 s = 105.0 days > 14
    assert s.problems == ("cannot meet deadline: 105.0 days > 14 days",)


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
