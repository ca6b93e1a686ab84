"""Rows from the AWS Neuron SDK documentation's performance tables (CSV files).

``about-neuron/benchmarks/{inf2,trn1}/throughput_data_decoder.csv`` (LLM inference)
and ``about-neuron/benchmarks/trn1/{training_data_decoder,trn1_trn1n_nlp_data}.csv``
(training). Tensor-parallel degrees there count NeuronCores; Inferentia2 and Trainium
have two NeuronCore-v2 each (about-neuron/arch/neuron-hardware/inferentia2.rst and
trainium.rst in the same repository), so chips = cores / 2.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from tools.calibration.gitsrc import GitSource

CORES_PER_CHIP = 2
INSTANCE = {  # instance: (accelerator id, chips per instance)
    "inf2.48xlarge": ("inferentia2", 12),
    "trn1.32xlarge": ("trainium", 16),
    "trn1.32xlarge/trn1n.32xlarge": ("trainium", 16),
}
PARAMS = {  # model name as printed -> parameters in billions (from the model's name)
    "Llama-3-8B": 8.0,
    "Llama-3-70B": 70.0,
    "Llama-2-7b": 7.0,
    "Llama-2-13b": 13.0,
    "Llama-2-70b": 70.0,
    "Mistral-7B-Instruct-v0.2": 7.0,
    "CodeLlama-13b-hf": 13.0,
}
TRAIN_MODELS = {  # printed model -> (model, parameters in billions, sequence length or None)
    "GPT3-23B pre-training": ("GPT-3 23B (NeMo Megatron)", 23.0, None),
    "GPT3-46B pre-training": ("GPT-3 46B (NeMo Megatron)", 46.0, None),
    "GPT3-175B pre-training": ("GPT-3 175B (NeMo Megatron)", 175.0, None),
    "Llama2-7B pre-training": ("Llama-2-7B", 7.0, None),
    "Llama2-13B pre-training": ("Llama-2-13B", 13.0, None),
    "Llama-3.1-8B pre-training": ("Llama-3.1-8B", 8.0, 8192),
    "Llama-3.1-70B pre-training": ("Llama-3.1-70B", 70.0, 8192),
}


def _table(src: GitSource, path: str) -> list[dict[str, str]]:
    return [
        {k.strip(): v.strip() for k, v in r.items()}
        for r in csv.DictReader(io.StringIO(src.show(path)))
    ]


def inference_rows(src: GitSource) -> Iterator[dict[str, str]]:
    for family in ("inf2", "trn1"):
        path = f"about-neuron/benchmarks/{family}/throughput_data_decoder.csv"
        for n, rec in enumerate(_table(src, path)):
            acc, _ = INSTANCE[rec["Inst. Type"].lower()]
            cores = int(rec["TP Degree"])
            model = rec["Model"]
            yield {
                "id": f"neuron-{family}-{n:02d}-{model}-{rec['Input Length']}-"
                f"{rec['Output Length']}".lower(),
                "source_kind": "neuron_docs",
                "round": f"Neuron {rec['Neuron Version']}",
                "submitter": "AWS",
                "system": rec["Inst. Type"],
                "accelerator_id": acc,
                "accelerator_as_named": "Inferentia2" if acc == "inferentia2" else "Trainium",
                "chips": str(cores // CORES_PER_CHIP),
                "nodes": "1",
                "link_class": "neuronlink",
                "link_as_stated": "not stated in the table; NeuronLink-v2 within the instance "
                "(catalog accelerators.csv)",
                "framework": rec["Framework"],
                "model": model,
                "parameters_billion": f"{PARAMS[model]:g}",
                "active_parameters_billion": "",
                "weight_precision": rec["Weight Storage Data Type"],
                "kv_precision": "",
                "kv_precision_basis": "not stated; model data type "
                f"{rec['Model Data Type']}, autocast {rec['Compilation Autocast Data Type']}",
                "scenario": "offline_fixed_batch",
                "ttft_limit_ms": "",
                "tpot_limit_ms": "",
                "ttft_p50_ms": rec["TTFT Latency P50 (ms)"],
                "tpot_p50_ms": rec["TPOT Latency P50 (ms)"],
                "tensor_parallel": f"{cores} NeuronCores",
                "batch_size": rec["Batch Size"],
                "dataset": f"fixed lengths; compiled sequence length {rec['Sequence Length']}",
                "prompt_tokens_mean": rec["Input Length"],
                "output_tokens_mean": rec["Output Length"],
                "lengths_basis": "stated in the table",
                "measured_value": rec["Output Token Throughput (tokens/sec)"],
                "unit": "tokens_per_second",
                "derivation": "measured (table: Output Token Throughput)",
                "source": src.cite(path),
                "source_date": src.commit_date,
                "notes": f"{rec['Application Type']} mode; TTFT and TPOT columns: the table's P50",
            }


def training_rows(src: GitSource) -> Iterator[dict[str, str]]:
    paths = (
        "about-neuron/benchmarks/trn1/training_data_decoder.csv",
        "about-neuron/benchmarks/trn1/trn1_trn1n_nlp_data.csv",
    )
    for path in paths:
        for n, rec in enumerate(_table(src, path)):
            if rec["Model"] not in TRAIN_MODELS:
                continue
            model, params, seqlen = TRAIN_MODELS[rec["Model"]]
            seq_field = rec.get("Sequence Length", "")
            seqlen = int(seq_field) if seq_field else seqlen
            nodes = int(rec["Nodes"])
            chips = nodes * INSTANCE["trn1.32xlarge"][1]
            seqs = float(rec["Performance [seq/sec]"])
            mfu = rec.get("MFU[%]", "")
            yield {
                "id": f"neuron-trn1-train-{path.rsplit('/', 1)[1][:-4]}-{n:02d}".lower(),
                "source_kind": "neuron_docs",
                "round": f"Neuron {rec['Neuron Version']}",
                "submitter": "AWS",
                "system": f"{nodes} x trn1.32xlarge/trn1n.32xlarge",
                "accelerator_id": "trainium",
                "accelerator_as_named": "Trainium",
                "chips": str(chips),
                "nodes": str(nodes),
                "link_class": "neuronlink",
                "link_as_stated": "not stated; NeuronLink-v2 in the instance, EFA between",
                "framework": re.sub(r"`|<.*?>|_", "", rec["Neuron Tutorial/Example"]).strip(),
                "model": model,
                "parameters_billion": f"{params:g}",
                "method": "pretraining",
                "precision": rec["Training Data-Type"],
                "sequence_length": "" if seqlen is None else str(seqlen),
                "sequence_length_basis": "stated" if seq_field else "not stated in the table",
                "global_batch_sequences": rec["Globalbatch"],
                "measured_value": rec["Performance [seq/sec]"],
                "unit": "sequences_per_second",
                "derivation": "measured (table: Performance [seq/sec])",
                "tokens_processed": "",
                "tokens_basis": "",
                "tokens_per_second": f"{seqs * seqlen:.6g}" if seqlen else "",
                "train_block_minutes": "",
                "source": src.cite(path),
                "source_date": src.commit_date,
                "measured_on": "",
                "notes": f"topology {rec['Topology']}; MFU stated by AWS: {mfu or 'not given'} %; "
                + ("tokens/s DERIVED = seq/s x sequence length" if seqlen else ""),
            }
