"""Rows of training_measurements.csv from an MLPerf Training results repository.

Per (submitter, system, benchmark) it reads every ``results/<sys>/<bench>/result_*.txt``
MLLOG file: ``run_start``/``run_stop`` times and status, ``global_batch_size``,
``max_sequence_length`` and how much was trained (``samples_count`` at ``run_stop`` for
the Llama benchmarks, ``epoch_num`` of the last ``eval_accuracy`` for GPT-3, which
MLPerf's GPT-3 logs count in tokens), plus ``systems/<sys>.json``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field

from tools.calibration.gitsrc import GitSource
from tools.calibration.names import accelerator_id, link_class

BENCHMARKS = {
    # benchmark: (model, parameters in billions, method, sequence length, basis of length)
    "gpt3": ("GPT-3 175B", 175.0, "pretraining", 2048, "max_sequence_length in the MLLOG"),
    "llama2_70b_lora": (
        "Llama-2-70B (LoRA, GovReport)",
        70.0,
        "lora",
        8192,
        "closed/NVIDIA/benchmarks/llama2_70b_lora/implementations/nemo/README.md (training_"
        "results_v4.0): 'tokenized and packed so that each sequence has length 8192'",
    ),
    "llama31_405b": ("Llama-3.1-405B", 405.0, "pretraining", 8192, "max_sequence_length in MLLOG"),
    "llama31_8b": ("Llama-3.1-8B", 8.0, "pretraining", 8192, "max_sequence_length in MLLOG"),
}


@dataclass
class _Run:
    minutes: float
    trained: float | None
    started_ms: int
    block_minutes: float | None
    """Time inside block_start/block_stop (training between evaluations), if logged."""


@dataclass
class _Group:
    runs: list[_Run] = field(default_factory=list)
    gbs: object = None
    seqlen: object = None


def _mllog(text: str) -> Iterator[dict[str, object]]:
    for line in text.splitlines():
        if ":::MLLOG" in line:
            try:
                yield json.loads(line.split(":::MLLOG", 1)[1])
            except ValueError:
                continue


def _parse(text: str, group: _Group) -> None:
    start = stop = None
    trained: float | None = None
    ok = False
    block_ms = 0
    block_open: int | None = None
    for ev in _mllog(text):
        key, meta = ev.get("key"), ev.get("metadata") or {}
        assert isinstance(meta, dict)
        if key == "block_start":
            block_open = int(str(ev["time_ms"]))
        elif key == "block_stop" and block_open is not None:
            block_ms += int(str(ev["time_ms"])) - block_open
            block_open = None
        elif key == "run_start":
            start = int(str(ev["time_ms"]))
        elif key == "eval_accuracy" and "epoch_num" in meta:
            trained = float(meta["epoch_num"])
        elif key == "run_stop":
            stop = int(str(ev["time_ms"]))
            ok = meta.get("status") == "success"
            if "samples_count" in meta:
                trained = float(meta["samples_count"])
        elif key == "global_batch_size" and group.gbs is None:
            group.gbs = ev.get("value")
        elif key == "max_sequence_length" and group.seqlen is None:
            group.seqlen = ev.get("value")
    if ok and start is not None and stop is not None:
        blocks = block_ms / 60000 if block_ms else None
        group.runs.append(_Run((stop - start) / 60000, trained, start, blocks))


def _scored(runs: list[_Run]) -> list[_Run]:
    """Runs kept for the score: drop the fastest and slowest when there are five or more."""
    ordered = sorted(runs, key=lambda r: r.minutes)
    return ordered[1:-1] if len(ordered) >= 5 else ordered


def rows(src: GitSource, round_label: str) -> Iterator[dict[str, str]]:
    groups: dict[tuple[str, str, str], _Group] = {}
    for path in src.files():
        parts = path.split("/")
        if (
            len(parts) == 5
            and parts[1] == "results"
            and parts[3] in BENCHMARKS
            and re.match(r"result_\d+\.txt$", parts[4])
        ):
            key = (parts[0], parts[2], parts[3])
            _parse(src.show(path), groups.setdefault(key, _Group()))
    for (submitter, system, bench), group in sorted(groups.items()):
        row = _row(src, round_label, submitter, system, bench, group)
        if row is not None:
            yield row


def _row(
    src: GitSource, round_label: str, submitter: str, system: str, bench: str, group: _Group
) -> dict[str, str] | None:
    try:
        sysj = json.loads(src.show(f"{submitter}/systems/{system}.json"))
    except ValueError:
        sysj = {}
    named = str(sysj.get("accelerator_model_name", ""))
    acc = accelerator_id(named)
    kept = _scored(group.runs)
    if acc is None or not kept:
        return None
    model, params, method, seq_default, seq_basis = BENCHMARKS[bench]
    per_node, nodes = (
        int(sysj.get("accelerators_per_node") or 0),
        int(sysj.get("number_of_nodes") or 1),
    )
    seqlen = int(str(group.seqlen)) if group.seqlen else seq_default
    link, basis = link_class(str(sysj.get("accelerator_interconnect") or ""), acc, per_node)
    minutes = statistics.fmean(r.minutes for r in kept)
    trained = [r.trained for r in kept if r.trained is not None]
    tokens = ""
    tokens_basis = ""
    if trained:
        mean_trained = statistics.fmean(trained)
        if bench == "gpt3":
            tokens = f"{mean_trained:.6g}"
            tokens_basis = "DERIVED: mean over scored runs of epoch_num of the last eval_accuracy"
        else:
            tokens = f"{mean_trained * seqlen:.6g}"
            tokens_basis = f"DERIVED: mean samples_count at run_stop x {seqlen} tokens/sample"
    tps = f"{float(tokens) / (minutes * 60):.6g}" if tokens else ""
    blocks = [r.block_minutes for r in kept if r.block_minutes]
    block_minutes = f"{statistics.fmean(blocks):.4g}" if len(blocks) == len(kept) else ""
    first = dt.datetime.fromtimestamp(min(r.started_ms for r in kept) / 1000, dt.timezone.utc)
    return {
        "id": f"mlperf-train-{round_label}-{submitter}-{system}-{bench}".lower(),
        "source_kind": "mlperf_training",
        "round": round_label,
        "submitter": submitter,
        "system": str(sysj.get("system_name", system)),
        "accelerator_id": acc,
        "accelerator_as_named": named,
        "chips": str(per_node * nodes),
        "nodes": str(nodes),
        "link_class": link,
        "link_as_stated": str(sysj.get("accelerator_interconnect") or "")
        + ("" if basis == "stated" else f" [{basis}]"),
        "framework": str(sysj.get("framework", "")),
        "model": model,
        "parameters_billion": f"{params:g}",
        "method": method,
        "precision": "",
        "sequence_length": str(seqlen),
        "sequence_length_basis": seq_basis,
        "global_batch_sequences": str(group.gbs or ""),
        "measured_value": f"{minutes:.4g}",
        "unit": "minutes_to_train",
        "derivation": f"DERIVED: mean of run_stop - run_start over {len(kept)} of "
        f"{len(group.runs)} successful runs (fastest and slowest dropped when >= 5)",
        "tokens_processed": tokens,
        "tokens_basis": tokens_basis,
        "tokens_per_second": tps,
        "train_block_minutes": block_minutes,
        "source": src.cite(f"{submitter}/results/{system}/{bench}/result_*.txt"),
        "source_date": src.commit_date,
        "measured_on": first.date().isoformat(),
        "notes": "time includes the benchmark's periodic evaluations; starts from a checkpoint",
    }
