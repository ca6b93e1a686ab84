"""Regenerate the harvested rows of catalog-src/calibration/*_measurements.csv.

    python -m tools.calibration.harvest \\
        --inference v4.1:mlcommons/inference_results_v4.1:/path/to/checkout \\
        --inference v5.1:mlcommons/inference_results_v5.1:/path/to/checkout \\
        --training v3.1:mlcommons/training_results_v3.1:/path/to/checkout ... \\
        --neuron /path/to/aws-neuron/aws-neuron-sdk

Each path is a git checkout or bare mirror; files are read at its HEAD commit, which
goes into every row's ``source``. Rows of other source kinds (transcribed by hand from
documentation tables, see the folder's README) are kept as they are.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tools.calibration import mlperf_inference, mlperf_training, neuron  # noqa: E402
from tools.calibration.gitsrc import GitSource  # noqa: E402

OUT = ROOT / "catalog-src" / "calibration"
INFERENCE_COLUMNS = [
    "id",
    "source_kind",
    "round",
    "submitter",
    "system",
    "accelerator_id",
    "accelerator_as_named",
    "chips",
    "nodes",
    "link_class",
    "link_as_stated",
    "framework",
    "model",
    "parameters_billion",
    "active_parameters_billion",
    "weight_precision",
    "kv_precision",
    "kv_precision_basis",
    "scenario",
    "ttft_limit_ms",
    "tpot_limit_ms",
    "ttft_p50_ms",
    "tpot_p50_ms",
    "tensor_parallel",
    "batch_size",
    "dataset",
    "prompt_tokens_mean",
    "output_tokens_mean",
    "lengths_basis",
    "measured_value",
    "unit",
    "derivation",
    "source",
    "source_date",
    "notes",
]
TRAINING_COLUMNS = [
    "id",
    "source_kind",
    "round",
    "submitter",
    "system",
    "accelerator_id",
    "accelerator_as_named",
    "chips",
    "nodes",
    "link_class",
    "link_as_stated",
    "framework",
    "model",
    "parameters_billion",
    "method",
    "precision",
    "sequence_length",
    "sequence_length_basis",
    "global_batch_sequences",
    "measured_value",
    "unit",
    "derivation",
    "tokens_processed",
    "tokens_basis",
    "tokens_per_second",
    "train_block_minutes",
    "source",
    "source_date",
    "measured_on",
    "notes",
]

# Training precision as configured in the submitters' code (read in the same repos).
_NV = "NVIDIA NeMo configs export FP8=True (training_results_v4.0 NVIDIA/benchmarks/*/config_*.sh)"
TRAIN_PRECISION = {
    ("nvidia", ""): ("fp8", _NV + "; partner submissions on NVIDIA GPUs assumed to reuse them"),
    ("amd", ""): (
        "fp8",
        "AMD/benchmarks/llama2_70b_lora/implementations/*/config_MI300X_1x8x1.sh "
        "FP8=True (training_results_v5.0)",
    ),
    ("tpu", "v3.1"): (
        "int8",
        "Google/benchmarks/gpt3/implementations/PAX/run_and_time.sh "
        "EXP_NAME ...Int8 (AQT int8 training)",
    ),
    ("tpu", "v4.0"): (
        "int8",
        "Google/benchmarks/gpt3/implementations/maxtext/v5p-*.sh quantization=int8",
    ),
    ("tpu", "v4.1"): (
        "int8",
        "Google/benchmarks/gpt3/implementations/maxtext/*/*.sh quantization=int8",
    ),
    ("gaudi", "v4.0"): (
        "fp8",
        "Intel-HabanaLabs/benchmarks/gpt3/README.md: 'MLPerf4.0 submissions for GPT3 have been "
        "conducted using FP8 precision'; benchmarks/llm_finetune/README.md runs "
        "run_llama_70B_fp8_submission.sh (--fp8) for the LoRA submission",
    ),
}


def _precision(row: dict[str, str]) -> None:
    acc = row["accelerator_id"]
    vendor = (
        "tpu"
        if acc.startswith("tpu")
        else "amd"
        if acc.startswith("mi")
        else "gaudi"
        if acc.startswith("gaudi")
        else "nvidia"
    )
    key = (vendor, row["round"]) if (vendor, row["round"]) in TRAIN_PRECISION else (vendor, "")
    if vendor == "gaudi" and row["round"] != "v4.0":
        key = ("none", "")
    precision, basis = TRAIN_PRECISION.get(key, ("", "not read"))
    row["precision"] = precision
    row["notes"] = f"{row['notes']}; precision basis: {basis}"


def _merge(path: Path, columns: list[str], kinds: set[str], new: Iterable[dict[str, str]]) -> int:
    kept: list[dict[str, str]] = []
    if path.exists():
        with path.open(newline="") as fh:
            kept = [r for r in csv.DictReader(fh) if r["source_kind"] not in kinds]
    rows = kept + list(new)
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, restval="", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def _pairs(values: list[str]) -> list[tuple[str, GitSource]]:
    out = []
    for item in values:
        label, name, where = item.split(":", 2)
        out.append((label, GitSource(Path(where), name)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inference", action="append", default=[], metavar="ROUND:OWNER/NAME:PATH")
    parser.add_argument("--training", action="append", default=[], metavar="ROUND:OWNER/NAME:PATH")
    parser.add_argument("--neuron", metavar="PATH")
    args = parser.parse_args()
    inf: list[dict[str, str]] = []
    for label, src in _pairs(args.inference):
        inf += mlperf_inference.dedupe(list(mlperf_inference.rows(src, label)))
    train: list[dict[str, str]] = []
    for label, src in _pairs(args.training):
        train += list(mlperf_training.rows(src, label))
    for row in train:
        _precision(row)
    kinds_inf, kinds_train = set(), set()
    if args.inference:
        kinds_inf.add("mlperf_inference")
    if args.training:
        kinds_train.add("mlperf_training")
    if args.neuron:
        neuron_src = GitSource(Path(args.neuron), "aws-neuron/aws-neuron-sdk")
        inf += list(neuron.inference_rows(neuron_src))
        train += list(neuron.training_rows(neuron_src))
        kinds_inf.add("neuron_docs")
        kinds_train.add("neuron_docs")
    n_inf = _merge(OUT / "inference_measurements.csv", INFERENCE_COLUMNS, kinds_inf, inf)
    n_train = _merge(OUT / "training_measurements.csv", TRAINING_COLUMNS, kinds_train, train)
    print(f"inference rows: {n_inf}, training rows: {n_train}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
