"""The planner's estimate for each row of catalog-src/calibration, with given factors.

Shared by ``tools/fit_efficiency.py`` (which varies the factors) and
``benchmarks/validate_sizing.py`` (which uses the catalog's): both go through
:mod:`pulumi_aihw.planner.perf`, the planner's own arithmetic.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from pulumi_aihw.catalog.catalog import Catalog
from pulumi_aihw.catalog.models import Accelerator
from pulumi_aihw.planner.assumptions import BYTES_PER_PARAM, DEFAULT_ASSUMPTIONS, GIB
from pulumi_aihw.planner.perf import (
    Efficiency,
    Link,
    ModelShape,
    Replica,
    Requests,
    prefill_seconds,
    replica_rate,
    scale_out,
    step_seconds,
    training_flops_per_token,
)
from pulumi_aihw.planner.sizing import peak_tflops
from pulumi_aihw.vocab import LinkClass, Precision

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "catalog-src" / "calibration"
A = DEFAULT_ASSUMPTIONS
BEAM_WIDTH = {"GPT-J-6B": 4}
"""MLPerf's GPT-J benchmark decodes with beam search, beam_size=4
(mlcommons/inference@b66003e1:language/gpt-j/README.md)."""


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as fh:
        return list(csv.DictReader(fh))


@dataclass(frozen=True)
class Arch:
    layers: int
    hidden: float
    kv_heads: int
    head_dim: int


def architectures() -> dict[str, Arch]:
    return {
        r["model"]: Arch(int(r["layers"]), float(r["hidden"]), int(r["kv_heads"]),
                         int(r["head_dim"]))
        for r in read_csv(DATA / "models.csv")
    }  # fmt: skip


def split_of(row: dict[str, str]) -> str:
    """``fit`` or ``test``: a third of the systems is held out, chosen by a hash of the
    system (all scenarios of one MLPerf system, all lengths of one documented model on one
    system go together), never by how well they fit."""
    if row["source_kind"].startswith("mlperf"):
        key = "|".join((row["round"], row["submitter"], row["system"], row["chips"]))
    else:
        key = "|".join((row["source_kind"], row["round"], row["system"], row["model"]))
    digest = hashlib.sha256(key.encode()).digest()
    return "test" if digest[0] % 3 == 0 else "fit"


def precision(text: str) -> Precision | None:
    value = text.strip().lower()
    if value.startswith("fp8"):
        return Precision.FP8
    if value.startswith("autocast"):
        return Precision.BF16
    try:
        return Precision(value)
    except ValueError:
        return None


# -- inference ---------------------------------------------------------------------


@dataclass(frozen=True)
class InferenceCase:
    """Everything a prediction needs that does not depend on the factors."""

    row: dict[str, str]
    accelerator: Accelerator
    model: ModelShape
    weights: Precision
    chips: int
    per_node: int
    tp_options: tuple[int, ...]
    fixed_batch: int | None
    prompt_dataset: str | None
    """Key of a fitted prompt length (MLPerf datasets), or None when the row states it."""


def inference_case(
    row: dict[str, str], catalog: Catalog, arch: dict[str, Arch]
) -> InferenceCase | str:
    """A case, or why the row cannot be predicted."""
    acc = next((a for a in catalog.accelerators if a.id == row["accelerator_id"]), None)
    if acc is None:
        return f"no catalog accelerator '{row['accelerator_id']}'"
    if acc.memory_bandwidth_gbps is None or acc.memory_gib is None:
        return f"catalog lacks memory size or bandwidth of {acc.name}"
    if row["active_parameters_billion"]:
        return "mixture of experts: the planner has no active-parameter input"
    if row["model"] not in arch:
        return f"no architecture for {row['model']}"
    if not row["output_tokens_mean"]:
        return "output length not stated"
    weights = precision(row["weight_precision"])
    if weights is None:
        return "weight precision not stated"
    kv = precision(row["kv_precision"]) if row["kv_precision"] else None
    if kv is None:  # unstated: fp8 beside fp8/fp4 weights (what MLPerf code sets), else 16-bit
        kv = Precision.FP8 if weights in (Precision.FP8, Precision.FP4) else (
            weights if weights in (Precision.FP32, Precision.BF16, Precision.FP16)
            else Precision.BF16
        )  # fmt: skip
    a = arch[row["model"]]
    params = float(row["parameters_billion"]) * 1e9
    model = ModelShape(
        params=params,
        weight_bytes=params * BYTES_PER_PARAM[weights],
        kv_bytes_per_token=2 * a.layers * a.kv_heads * a.head_dim * BYTES_PER_PARAM[kv],
        layers=a.layers,
        hidden=a.hidden,
        sequences_per_request=BEAM_WIDTH.get(row["model"], 1)
        if row["source_kind"].startswith("mlperf")
        else 1,
    )
    chips, nodes = int(row["chips"]), int(row["nodes"] or 1)
    per_node = max(1, chips // max(1, nodes))
    if row["tensor_parallel"]:
        tp = int(row["tensor_parallel"].split()[0])
        if row["source_kind"] == "neuron_docs":
            tp = chips  # tensor-parallel degree there counts NeuronCores: the whole instance
        options: tuple[int, ...] = (tp,)
    else:
        options = tuple(t for t in (1, 2, 4, 8, 16, 32, 64) if t <= per_node and chips % t == 0)
    dataset = None if row["prompt_tokens_mean"] else row["model"]
    fixed = int(row["batch_size"]) if row["batch_size"] else None
    return InferenceCase(row, acc, model, weights, chips, per_node, options, fixed, dataset)


@dataclass(frozen=True)
class InferenceParams:
    bandwidth: float
    compute: float
    links: dict[LinkClass, Link]
    slo_fraction: float
    prompts: dict[str, float]


def _requests(case: InferenceCase, p: InferenceParams) -> Requests | None:
    row = case.row
    prompt = float(row["prompt_tokens_mean"]) if row["prompt_tokens_mean"] else None
    if prompt is None:
        if case.prompt_dataset not in p.prompts:
            return None
        prompt = p.prompts[case.prompt_dataset]
    ttft = float(row["ttft_limit_ms"]) / 1000 if row["ttft_limit_ms"] else None
    tpot = float(row["tpot_limit_ms"]) / 1000 if row["tpot_limit_ms"] else None
    return Requests(prompt, float(row["output_tokens_mean"]), ttft, tpot)


def _replica(case: InferenceCase, p: InferenceParams, tp: int) -> Replica:
    acc, row = case.accelerator, case.row
    assert acc.memory_gib is not None and acc.memory_bandwidth_gbps is not None
    tflops, _ = peak_tflops(acc, case.weights)
    link = (
        p.links.get(LinkClass(row["link_class"]))
        if row["link_class"] in LinkClass.values()
        else None
    )
    return Replica(
        chips=tp,
        memory_bytes=tp * acc.memory_gib * GIB * (1 - A.memory_headroom),
        bandwidth_bytes_per_s=tp * acc.memory_bandwidth_gbps * 1e9,
        peak_flops=None if tflops is None else tp * tflops * 1e12,
        link=link if tp > 1 else None,
    )


def measured_latency(case: InferenceCase) -> tuple[float, float] | None:
    """(TTFT, TPOT) in seconds where the source measured them at a fixed batch (the AWS
    Neuron tables' P50 columns)."""
    row = case.row
    if not (row.get("ttft_p50_ms") and row.get("tpot_p50_ms") and case.fixed_batch):
        return None
    return float(row["ttft_p50_ms"]) / 1000, float(row["tpot_p50_ms"]) / 1000


def predict_latency(case: InferenceCase, p: InferenceParams) -> tuple[float, float] | None:
    """(TTFT, TPOT) the model gives a fixed-batch row: the batch's prompts prefilled
    together, then one decode step at the batch and the mean context."""
    q = _requests(case, p)
    if q is None or case.fixed_batch is None:
        return None
    r = _replica(case, p, case.tp_options[0])
    eff = Efficiency(p.bandwidth, p.compute)
    b = case.fixed_batch
    ttft = prefill_seconds(case.model, r, eff, q.prompt_tokens, b)
    tpot = step_seconds(case.model, r, eff, b, q.prompt_tokens + q.output_tokens / 2)
    return ttft, tpot


def observations(case: InferenceCase, p: InferenceParams) -> list[tuple[float | None, float]]:
    """(estimated, measured) pairs of one row: its throughput, and its TTFT and TPOT
    where the source measured them."""
    out = [(predict_inference(case, p), float(case.row["measured_value"]))]
    measured = measured_latency(case)
    if measured is not None:
        predicted = predict_latency(case, p)
        for i in (0, 1):
            out.append((None if predicted is None else predicted[i], measured[i]))
    return out


def predict_inference(case: InferenceCase, p: InferenceParams) -> float | None:
    """Whole-system tokens/s the planner estimates for this row (None: no layout works)."""
    q = _requests(case, p)
    if q is None:
        return None
    eff = Efficiency(p.bandwidth, p.compute)
    best = None
    for tp in case.tp_options:
        replica = _replica(case, p, tp)
        cap = case.fixed_batch or A.max_batch_per_replica
        rate = replica_rate(case.model, replica, eff, q, cap, p.slo_fraction)
        if rate is None:
            continue
        total = rate.tokens_per_second * (case.chips // tp)
        best = total if best is None else max(best, total)
    return best


# -- training ----------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingCase:
    row: dict[str, str]
    accelerator: Accelerator
    peak_flops: float
    """Per chip, at the row's precision."""
    flops_per_token: float
    chips: int
    method: str
    precision: Precision
    measured_tokens_per_second: float
    """Whole job; MLPerf: over the whole run, evaluations included."""
    includes_evaluation: bool


def training_case(
    row: dict[str, str], catalog: Catalog, arch: dict[str, Arch]
) -> TrainingCase | str:
    acc = next((a for a in catalog.accelerators if a.id == row["accelerator_id"]), None)
    if acc is None:
        return f"no catalog accelerator '{row['accelerator_id']}'"
    if row["model"] not in arch:
        return f"no architecture for {row['model']}"
    prec = precision(row["precision"]) if row["precision"] else None
    if prec is None:
        return "training precision not stated"
    if "deepspeed" in row["id"]:
        return "DeepSpeed submission: precision of its config not read"
    tflops, _ = peak_tflops(acc, prec)
    if tflops is None:
        return f"catalog lacks the {prec} peak of {acc.name}"
    if not row["tokens_per_second"] or not row["sequence_length"]:
        return "tokens/s not derivable (no sequence length)"
    a = arch[row["model"]]
    params = float(row["parameters_billion"]) * 1e9
    shape = ModelShape(params, 0.0, 0.0, a.layers, a.hidden)
    lora = row["method"] == "lora"
    per_token = training_flops_per_token(shape, float(row["sequence_length"]), lora)
    return TrainingCase(
        row=row,
        accelerator=acc,
        peak_flops=tflops * 1e12,
        flops_per_token=per_token,
        chips=int(row["chips"]),
        method="lora" if lora else "pretraining",
        precision=prec,
        measured_tokens_per_second=float(row["tokens_per_second"]),
        includes_evaluation=row["unit"] == "minutes_to_train",
    )


@dataclass(frozen=True)
class TrainingParams:
    mfu: float
    pcie_factor: float
    scale_out: float
    evaluation_allowance: float


def predict_training(case: TrainingCase, p: TrainingParams) -> float:
    """Whole-job tokens/s the planner estimates (evaluations included where measured so)."""
    factor = p.mfu * scale_out(case.chips, p.scale_out)
    if case.accelerator.link_class is LinkClass.PCIE:
        factor *= p.pcie_factor
    rate = case.chips * case.peak_flops * factor / case.flops_per_token
    return rate / (1 + p.evaluation_allowance) if case.includes_evaluation else rate


def ratio(predicted: float | None, measured: float) -> float | None:
    return None if predicted is None or predicted <= 0 else measured / predicted


def within(r: float | None, band: float = 0.3) -> bool:
    """Whether the estimate is within ``band`` of the measurement (``|est - meas| <= band x
    meas``), given ``r`` = measured / estimated."""
    return r is not None and abs(1 / r - 1) <= band
