"""Rows of inference_measurements.csv from an MLPerf Inference results repository.

Reads, per closed-division datacenter result: ``results/<sys>/<model>/<scenario>/
performance/run_1/mlperf_log_summary.txt`` (the measured tokens/s and the latency
limits LoadGen enforced), ``.../accuracy/accuracy.txt`` (mean output tokens of that
system's accuracy run), ``systems/<sys>.json`` (accelerator, count, interconnect,
framework) and ``measurements/<sys>/<model>/<scenario>/*.json`` (weight precision).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from tools.calibration.gitsrc import GitSource
from tools.calibration.names import MLPERF_MODELS, accelerator_id, link_class

# Datasets and what the MLPerf reference documents say about their lengths.
DATASETS = {
    "llama2-70b": "OpenOrca GPT-4 split, 24,576 samples, max_seq_len 1024",
    "llama3.1-8b": "CNN/DailyMail v3.0.0, 13,368 samples",
    "llama3.1-405b": "subset of LongBench, LongDataCollections, Ruler, GovReport; 8,313 samples",
    "gptj": "CNN/DailyMail v3.0.0, 13,368 samples, max_seq_len 2048",
    "mixtral-8x7b": "OpenOrca + GSM8K + MBXP, 5,000 samples each, max_seq_len 2048",
}
# KV-cache precision set in the vendor's MLPerf code (read in the same repository).
KV_BASIS = {
    "NVIDIA": "closed/NVIDIA/configs/*/*/<model>.py set kv_cache_dtype fp8 (v5.1); "
    "v4.1 closed/NVIDIA/code/llama2-70b/tensorrt/README.md quantizes with --kv_cache_dtype fp8",
    "AMD": "AMD vLLM scripts pass --kv-cache-dtype fp8 (v4.1 closed/AMD/code/llama2-70b-99/"
    "test_VllmFp8/*.sh; v5.1 closed/AMD/code/llama2-70b-99/harness_llm/common/config.yaml)",
}
TRT_FP8 = {
    "h100-sxm",
    "h100-nvl",
    "h100-pcie",
    "h200",
    "h200-nvl",
    "gh200-96gb",
    "gh200-144gb",
    "l40s",
}
FP8_BASIS = (
    "closed/NVIDIA/configs/<model>/<Scenario>/__init__.py (v4.1) set use_fp8 = True for the "
    "Hopper/Ada system classes; the measurements JSON's 'fp16' names the starting weights"
)
EXCLUDE_ACCEL = re.compile(r"(?i)\(x\d+\)|virtualized|arc pro|orin|^n/a$|^$")


def _summary(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in text.splitlines():
        m = re.match(r"\s*([^:]+?)\s*:\s*(.+)$", line)
        if m and m.group(1) not in out:
            out[m.group(1)] = m.group(2).strip()
    return out


def _json(text: str) -> dict[str, object]:
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _measurements(src: GitSource, folder: str) -> dict[str, object]:
    """The scenario's measurements JSON (named <system>_<scenario>.json or <system>.json)."""
    for path in src.files(folder):
        if path.endswith(".json"):
            return _json(src.show(path))
    return {}


def _base_model(model: str) -> str | None:
    for key in MLPERF_MODELS:
        if model == key or model.startswith(key + "-"):
            return key
    return None


def _ms(ns: str | None) -> str:
    return "" if not ns or ns == "0" else f"{int(ns) / 1e6:g}"


def rows(src: GitSource, round_label: str) -> Iterator[dict[str, str]]:
    """Every valid closed datacenter LLM result (before de-duplication)."""
    perf = [
        f for f in src.files("closed") if f.endswith("performance/run_1/mlperf_log_summary.txt")
    ]
    for path in perf:
        _, submitter, _, system, model, scenario = path.split("/")[:6]
        base = _base_model(model)
        if base is None or model.endswith("99.9") or "edge" in model:
            continue
        summ = _summary(src.show(path))
        if summ.get("Result is") != "VALID":
            continue
        sysj = _json(src.show(f"closed/{submitter}/systems/{system}.json"))
        named = str(sysj.get("accelerator_model_name", ""))
        acc = accelerator_id(named)
        if acc is None or EXCLUDE_ACCEL.search(named) or sysj.get("system_type") == "edge":
            continue
        yield _row(src, round_label, path, submitter, system, model, scenario, base, summ, sysj)


def _row(
    src: GitSource,
    round_label: str,
    path: str,
    submitter: str,
    system: str,
    model: str,
    scenario: str,
    base: str,
    summ: dict[str, str],
    sysj: dict[str, object],
) -> dict[str, str]:
    named = str(sysj.get("accelerator_model_name", ""))
    acc = accelerator_id(named)
    per_node = int(str(sysj.get("accelerators_per_node") or 0))
    nodes = int(str(sysj.get("number_of_nodes") or 1))
    stated_link = str(sysj.get("accelerator_interconnect") or "")
    link, link_basis = link_class(stated_link, acc, per_node)
    model_name, params, active = MLPERF_MODELS[base]
    scen_dir = path.rsplit("/performance/", 1)[0]
    acc_text = src.show(f"{scen_dir}/accuracy/accuracy.txt")
    tps = re.search(r"'tokens_per_sample': ([0-9.]+)|TOKENS_PER_SAMPLE[^0-9]*([0-9.]+)", acc_text)
    meas = _measurements(src, f"closed/{submitter}/measurements/{system}/{model}/{scenario}")
    tokens = summ.get("Tokens per second") or summ.get("Completed tokens per second")
    tokens_inferred = summ.get("Tokens per second (inferred)")
    samples = summ.get("Samples per second") or summ.get("Completed samples per second")
    derivation = "measured (LoadGen tokens/s)"
    value = tokens or tokens_inferred or ""
    if not tokens and tokens_inferred:
        derivation = "LoadGen 'Tokens per second (inferred)' = samples/s x 69 (mlperf.conf gptj)"
    if not value and samples and base == "gptj":
        value = f"{float(samples) * 69:.6g}"
        derivation = "DERIVED: samples/s x 69 (mlperf.conf gptj.token_latency_scaling_factor)"
    out_mean, lengths = "", ""
    if tps:
        out_mean = tps.group(1) or tps.group(2)
        lengths = "output: tokens_per_sample of this system's accuracy run (accuracy.txt)"
    elif tokens and samples:
        out_mean = f"{float(tokens) / float(samples):.1f}"
        lengths = "output DERIVED: LoadGen tokens/s / samples/s of this run"
    elif base == "gptj":
        out_mean = "69"
        lengths = "output: mlperf.conf gptj.token_latency_scaling_factor = 69"
    weights, weights_basis = str(meas.get("weight_data_types", "")), "measurements JSON"
    trt = system.endswith("_TRT") or "_TRT_" in system
    if round_label == "v4.1" and trt and acc in TRT_FP8 and weights == "fp16":
        weights, weights_basis = "fp8", FP8_BASIS
    elif weights == "fp16" and "quantization" in str(meas.get("weight_transformations", "")):
        weights, weights_basis = (
            "",
            "not stated: JSON says fp16 starting weights, then quantization",
        )
    kv, kv_basis = ("fp8", KV_BASIS[submitter]) if submitter in KV_BASIS else ("", "")
    if not kv and trt:
        kv, kv_basis = (
            "fp8",
            "assumed: NVIDIA's TRT-LLM MLPerf code (*_TRT systems) sets fp8; " + KV_BASIS["NVIDIA"],
        )
    latency_bound = scenario.lower() != "offline"
    return {
        "id": f"mlperf-inf-{round_label}-{submitter}-{system}-{base}-{scenario}".lower(),
        "source_kind": "mlperf_inference",
        "round": round_label,
        "submitter": submitter,
        "system": str(sysj.get("system_name", system)),
        "accelerator_id": acc or "",
        "accelerator_as_named": named,
        "chips": str(per_node * nodes),
        "nodes": str(nodes),
        "link_class": link,
        "link_as_stated": f"{stated_link} [{link_basis}]"
        if link_basis != "stated"
        else stated_link,
        "framework": str(sysj.get("framework", "")),
        "model": model_name,
        "parameters_billion": f"{params:g}",
        "active_parameters_billion": "" if active is None else f"{active:g}",
        "weight_precision": weights,
        "kv_precision": kv,
        "kv_precision_basis": kv_basis or "not stated in the files read",
        "scenario": scenario.lower(),
        "ttft_limit_ms": _ms(summ.get("ttft_latency (ns)")) if latency_bound else "",
        "tpot_limit_ms": _ms(summ.get("tpot_latency (ns)")) if latency_bound else "",
        "tensor_parallel": "",
        "batch_size": "",
        "dataset": DATASETS[base],
        "prompt_tokens_mean": "",
        "output_tokens_mean": out_mean,
        "lengths_basis": lengths + "; mean input length not published in the sources read",
        "measured_value": value,
        "unit": "tokens_per_second",
        "derivation": derivation,
        "source": src.cite(path),
        "source_date": src.commit_date,
        "notes": f"weights basis: {weights_basis}; system dir {system}; "
        f"status {sysj.get('status', '')}; "
        f"target latency {_ms(summ.get('target_latency (ns)')) or 'n/a'} ms",
    }


def dedupe(found: list[dict[str, str]]) -> list[dict[str, str]]:
    """One row per (round, accelerator, chips, nodes, link, model, scenario).

    Prefers the chip vendor's own submission, else the submitter first by name; the
    rows left out are listed so the choice can be checked.
    """
    best: dict[tuple[str, ...], dict[str, str]] = {}
    for row in sorted(found, key=lambda r: (r["submitter"], r["id"])):
        key = tuple(
            row[k]
            for k in (
                "round",
                "accelerator_id",
                "chips",
                "nodes",
                "link_class",
                "model",
                "scenario",
            )
        )
        vendor = "AMD" if row["accelerator_id"].startswith("mi") else "NVIDIA"
        held = best.get(key)
        if held is None or (row["submitter"] == vendor and held["submitter"] != vendor):
            best[key] = row
    return sorted(best.values(), key=lambda r: r["id"])
