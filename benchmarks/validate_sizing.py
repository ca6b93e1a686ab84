"""Predicted vs measured for every calibration row, with the fit/held-out split.

    python benchmarks/validate_sizing.py           # rewrite the tables in docs/
    python benchmarks/validate_sizing.py --check   # exit 1 if they are stale

Uses the packaged catalog's fitted factors (catalog.json, from
catalog-src/efficiency_factors.json) through the planner's own arithmetic
(tools/calibration/predict.py, pulumi_aihw.planner.perf) on
catalog-src/calibration/*_measurements.csv. Writes the summary between the markers in
docs/sizing.md and every row in docs/sizing-validation.md; tests/test_sizing_validation.py
fails when either is stale.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pulumi_aihw.catalog import load_catalog  # noqa: E402
from pulumi_aihw.catalog.catalog import Catalog  # noqa: E402
from pulumi_aihw.planner.assumptions import DEFAULT_ASSUMPTIONS as A  # noqa: E402
from pulumi_aihw.planner.efficiency import inference_factors, link_for, training_factors  # noqa: E402
from pulumi_aihw.vocab import LinkClass  # noqa: E402
from tools.calibration.predict import (  # noqa: E402
    DATA,
    InferenceCase,
    InferenceParams,
    TrainingCase,
    TrainingParams,
    architectures,
    inference_case,
    measured_latency,
    predict_inference,
    predict_latency,
    predict_training,
    ratio,
    read_csv,
    split_of,
    training_case,
    within,
)

SIZING_DOC = ROOT / "docs" / "sizing.md"
ROWS_DOC = ROOT / "docs" / "sizing-validation.md"
START, END = "<!-- validation:start -->", "<!-- validation:end -->"
VENDOR = {"nvidia": "NVIDIA", "amd": "AMD", "tpu": "Google TPU", "aws": "AWS Neuron",
          "intel": "Intel Gaudi"}  # fmt: skip


@dataclass(frozen=True)
class Result:
    phase: str
    row: dict[str, str]
    split: str
    family: str
    calibrated: bool
    measured: float
    estimated: float | None
    why_not: str = ""
    latency: tuple[tuple[float, float | None], tuple[float, float | None]] | None = None
    """((measured, estimated) TTFT, (measured, estimated) TPOT) in seconds, where the
    source measured them."""

    @property
    def ratio(self) -> float | None:
        return ratio(self.estimated, self.measured)

    @property
    def ok(self) -> bool:
        return within(self.ratio)

    @property
    def vendor(self) -> str:
        return VENDOR.get(self.family.split("-")[0], self.family or "?")


def inference_results(catalog: Catalog) -> list[Result]:
    eff = catalog.efficiency
    assert eff is not None, "the catalog carries no efficiency factors"
    arch = architectures()
    prompts = {r["dataset_model"]: float(r["prompt_tokens"])
               for r in read_csv(DATA / "fitted_prompt_lengths.csv")}  # fmt: skip
    links = {k: v for k in LinkClass if (v := link_for(eff, k)) is not None}
    out = []
    for row in read_csv(DATA / "inference_measurements.csv"):
        case = inference_case(row, catalog, arch)
        measured = float(row["measured_value"])
        if not isinstance(case, InferenceCase):
            out.append(Result("inference", row, split_of(row), "", False, measured, None, case))
            continue
        bw, compute, basis = inference_factors(eff, case.accelerator, A)
        params = InferenceParams(bw, compute, links, eff.latency_slo_fraction, prompts)
        est = predict_inference(case, params)
        out.append(Result("inference", row, split_of(row), basis.family, basis.calibrated,
                          measured, est, "" if est else "no layout meets its limits",
                          _latency(case, params)))  # fmt: skip
    return out


def _latency(
    case: InferenceCase, params: InferenceParams
) -> tuple[tuple[float, float | None], tuple[float, float | None]] | None:
    measured = measured_latency(case)
    if measured is None:
        return None
    est = predict_latency(case, params)
    return (measured[0], est and est[0]), (measured[1], est and est[1])


def training_results(catalog: Catalog) -> list[Result]:
    eff = catalog.efficiency
    assert eff is not None, "the catalog carries no efficiency factors"
    arch = architectures()
    out = []
    for row in read_csv(DATA / "training_measurements.csv"):
        case = training_case(row, catalog, arch)
        if not isinstance(case, TrainingCase):
            value = float(row["tokens_per_second"] or 0)
            out.append(Result("training", row, split_of(row), "", False, value, None, case))
            continue
        mfu, basis = training_factors(eff, case.accelerator, case.method, case.precision, A)
        params = TrainingParams(mfu, eff.training_pcie_factor, eff.training_scale_out,
                                eff.evaluation_allowance)  # fmt: skip
        est = predict_training(case, params)
        out.append(Result("training", row, split_of(row), basis.family, basis.calibrated,
                          case.measured_tokens_per_second, est))  # fmt: skip
    return out


def _share(results: list[Result]) -> str:
    done = [r for r in results if r.estimated]
    if not done:
        return "-"
    ok = sum(r.ok for r in done)
    return f"{ok}/{len(done)} ({ok / len(done):.0%})"


def _median(results: list[Result]) -> str:
    ratios = [1 / r.ratio for r in results if r.ratio]
    return f"{statistics.median(ratios):.2f}" if ratios else "-"


def factors(catalog: Catalog) -> list[str]:
    eff = catalog.efficiency
    assert eff is not None
    lines = [
        "### Fitted factors",
        "",
        "Inference, per efficiency family (`*`: the pooled fit that uncalibrated families use); "
        "range = 10th-90th percentile of measured/estimated on the rows fitted (pooled range "
        "below 5 rows):",
        "",
        "| family | bandwidth fraction | compute fraction | rows | range |",
        "|---|---|---|---|---|",
    ]
    for f in eff.inference:
        lines.append(f"| {f.family} | {f.bandwidth_fraction:g} | {f.compute_fraction:g} | "
                     f"{f.rows} | {f.ratio_low:.2f}-{f.ratio_high:.2f} |")  # fmt: skip
    lines += [
        "",
        "Training MFU (of the dense peak at the precision used):",
        "",
        "| family | method | precision | MFU | rows | range |",
        "|---|---|---|---|---|---|",
    ]
    for t in eff.training:
        lines.append(f"| {t.family} | {t.method} | {t.precision_class} | {t.mfu:g} | {t.rows} | "
                     f"{t.ratio_low:.2f}-{t.ratio_high:.2f} |")  # fmt: skip
    lines += [
        "",
        "Tensor-parallel links (one all-reduce):",
        "",
        "| link | latency µs | bandwidth GB/s | rows |",
        "|---|---|---|---|",
    ]
    for k in eff.links:
        lines.append(f"| {k.link_class} | {k.latency_us:g} | {k.bandwidth_gbps:g} | {k.rows} |")
    lines += ["", f"Latency objectives: mean latency <= {eff.latency_slo_fraction:g} x the "
              f"objective. Training: scale-out penalty {eff.training_scale_out:g} "
              f"(MFU x 1/(1 + p x log2(chips/8))), PCIe factor {eff.training_pcie_factor:g}, "
              f"evaluation allowance {eff.evaluation_allowance:.1%} of the training time.",
              "", "Rows each factor was fitted from: `fitted_from` in "
              "catalog-src/efficiency_factors.json.", ""]  # fmt: skip
    return lines


def summary(results: list[Result], catalog: Catalog) -> str:
    lines = [
        "Generated by `python benchmarks/validate_sizing.py` from catalog-src/calibration and "
        "the packaged factors; do not edit by hand.",
        "",
        *factors(catalog),
        "### Validation",
        "",
        "| phase | split | within ±30% | median estimated/measured |",
        "|---|---|---|---|",
    ]
    for phase in ("inference", "training"):
        for split in ("test", "fit"):
            rs = [r for r in results if r.phase == phase and r.split == split]
            label = "held out" if split == "test" else "fitted on"
            lines.append(f"| {phase} | {label} | {_share(rs)} | {_median(rs)} |")
    lines += ["", *_latency_table(results)]
    lines += ["", "Held-out rows by vendor (family in brackets where it was calibrated):", "",
              "| phase | vendor | within ±30% | median estimated/measured |",
              "|---|---|---|---|"]  # fmt: skip
    groups: dict[tuple[str, str], list[Result]] = defaultdict(list)
    for r in results:
        if r.split == "test" and r.estimated:
            groups[(r.phase, r.vendor)].append(r)
    for (phase, vendor), rs in sorted(groups.items()):
        families = sorted({r.family for r in rs if r.calibrated})
        label = f"{vendor} ({', '.join(families)})" if families else f"{vendor} (uncalibrated)"
        lines.append(f"| {phase} | {label} | {_share(rs)} | {_median(rs)} |")
    skipped: dict[str, int] = defaultdict(int)
    for r in results:
        if not r.estimated:
            skipped[f"{r.phase}: {r.why_not}"] += 1
    lines += ["", "Rows not estimated, and why:", ""]
    lines += [f"- {reason} ({n})" for reason, n in sorted(skipped.items())]
    return "\n".join(lines)


def _latency_table(results: list[Result]) -> list[str]:
    lines = [
        "Latency, where measured (AWS Neuron tables: P50 at a fixed batch; the model's "
        "time to first token is the batch's prompts prefilled together):",
        "",
        "| split | metric | within ±30% | median estimated/measured |",
        "|---|---|---|---|",
    ]
    for split in ("test", "fit"):
        rs = [r.latency for r in results if r.split == split and r.latency]
        for i, metric in enumerate(("time to first token", "time per output token")):
            pairs = [(m, e) for m, e in (x[i] for x in rs) if e]
            ok = sum(within(m / e) for m, e in pairs)
            share = f"{ok}/{len(pairs)} ({ok / len(pairs):.0%})" if pairs else "-"
            median = f"{statistics.median(e / m for m, e in pairs):.2f}" if pairs else "-"
            label = "held out" if split == "test" else "fitted on"
            lines.append(f"| {label} | {metric} | {share} | {median} |")
    return lines


def _shape(r: Result) -> str:
    row = r.row
    if r.phase == "training":
        return f"{row['method']}, {row['precision']}, seq {row['sequence_length'] or '?'}"
    prompt = row["prompt_tokens_mean"] or "fitted"
    return f"{row['scenario']}, {prompt}/{row['output_tokens_mean']}"


def rows_doc(results: list[Result]) -> str:
    out = [
        "# Sizing validation: every row",
        "",
        "Generated by `python benchmarks/validate_sizing.py`; do not edit by hand. Measured "
        "values are whole-system tokens/s (training: tokens/s over the run, evaluations "
        "included for MLPerf rows); the row ids point into catalog-src/calibration. The "
        "summary and the model are in [sizing.md](sizing.md).",
        "",
        "| split | row | family | chips | model | shape | measured | estimated | est/meas | ±30% |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in sorted(results, key=lambda r: (r.phase, r.split != "test", r.family, r.row["id"])):
        if not r.estimated:
            continue
        est_meas = r.estimated / r.measured
        out.append(
            f"| {r.phase} {'held out' if r.split == 'test' else 'fit'} | {r.row['id']} | "
            f"{r.family}{'' if r.calibrated else ' (pooled)'} | {r.row['chips']} "
            f"{r.row['accelerator_id']} | {r.row['model']} | {_shape(r)} | "
            f"{r.measured:,.0f} | {r.estimated:,.0f} | {est_meas:.2f} | "
            f"{'yes' if r.ok else 'no'} |"
        )
    return "\n".join(out) + "\n"


def render(catalog: Catalog) -> tuple[str, str]:
    """(new docs/sizing.md text, new docs/sizing-validation.md text)."""
    results = inference_results(catalog) + training_results(catalog)
    doc = SIZING_DOC.read_text()
    head, _, rest = doc.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{summary(results, catalog)}\n{END}{tail}", rows_doc(results)


def stale(catalog: Catalog | None = None) -> list[Path]:
    sizing, rows = render(catalog or load_catalog())
    return [p for p, text in ((SIZING_DOC, sizing), (ROWS_DOC, rows))
            if not p.exists() or p.read_text() != text]  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the tables are stale")
    args = parser.parse_args()
    if args.check:
        out_of_date = stale()
        for path in out_of_date:
            print(f"{path} is out of date: run python benchmarks/validate_sizing.py",
                  file=sys.stderr)  # fmt: skip
        return 1 if out_of_date else 0
    sizing, rows = render(load_catalog())
    SIZING_DOC.write_text(sizing)
    ROWS_DOC.write_text(rows)
    print(f"wrote {SIZING_DOC} and {ROWS_DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
